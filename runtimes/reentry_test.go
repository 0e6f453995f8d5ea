package runtimes_test

import (
	"context"
	"errors"
	"iter"
	"testing"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/loop"
	"github.com/shimgen/shimgen/runtimes/pool"
)

// TestBlockPoolReentrantDone fills a Block pool (one worker, a queue of
// one) and has the running call's done, which runs on the worker, start
// another call: it must not wait for space that only its own worker can
// make, but complete with ErrOverloaded; the queued call then runs.
func TestBlockPoolReentrantDone(t *testing.T) {
	fx := adapter{"pool", func(o ...runtimes.Option) (*runtimes.Runtime, *loop.Loop) {
		return pool.New(pool.Config{Workers: 1, Queue: 1, Block: true}, o...), nil
	}}.fixture(t)
	g := newGate()
	nested := make(chan error, 1)
	fx.rt.Start(context.Background(), 0, &probe{run: g.run(1), done: func(int, error) {
		fx.rt.Start(context.Background(), 0, &probe{run: value(3), done: func(_ int, err error) { nested <- err }})
	}})
	<-g.entered
	queued := fx.start(context.Background(), 0, g.run(2))
	close(g.open)
	if err := recvErr(t, nested); !errors.Is(err, runtimes.ErrOverloaded) {
		t.Errorf("call started by a done on the worker of a full Block pool: %v, want ErrOverloaded", err)
	}
	if o := recv(t, queued); o.v != 2 || o.err != nil {
		t.Errorf("queued call: (%d, %v)", o.v, o.err)
	}
}

// reentryDepth is how deep the reentrancy test nests calls.
const reentryDepth = 10_000

// TestReentrantNested has every done start the next call, reentryDepth
// deep, on every runtime, a small Block pool included: the chain must end,
// each call with nil or ErrOverloaded, never block.
func TestReentrantNested(t *testing.T) {
	as := append(adapters[:len(adapters):len(adapters)], adapter{"pool-block", func(o ...runtimes.Option) (*runtimes.Runtime, *loop.Loop) {
		return pool.New(pool.Config{Workers: 1, Queue: 1, Block: true}, o...), nil
	}})
	for _, a := range as {
		t.Run(a.name, func(t *testing.T) {
			fx := a.fixture(t)
			ended := make(chan int, 1)
			var next func(depth int)
			next = func(depth int) {
				fx.rt.Start(context.Background(), 0, &probe{run: value(depth), done: func(_ int, err error) {
					switch {
					case err != nil && !errors.Is(err, runtimes.ErrOverloaded):
						t.Errorf("depth %d: %v", depth, err)
						ended <- depth
					case depth == reentryDepth:
						ended <- depth
					default:
						next(depth + 1)
					}
				}})
			}
			next(1)
			if d := recv(t, ended); d != reentryDepth {
				t.Errorf("the chain ended at depth %d", d)
			}
		})
	}
}

// TestReentrantNestedForms is TestReentrantNested with every form: the
// chain alternates unary calls and streams of the callback form, and each
// done first makes the blocking calls of every shape (Wait, a range over a
// callback producer, a direct call, a direct range). Each ends at once:
// with its result off the loop, with ErrWouldDeadlock on it; nothing
// blocks, reentryDepth deep.
func TestReentrantNestedForms(t *testing.T) {
	as := append(adapters[:len(adapters):len(adapters)], adapter{"pool-block", func(o ...runtimes.Option) (*runtimes.Runtime, *loop.Loop) {
		return pool.New(pool.Config{Workers: 1, Queue: 1, Block: true}, o...), nil
	}})
	one := openFunc(func(context.Context) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) { yield(1, nil) }
	})
	for _, a := range as {
		t.Run(a.name, func(t *testing.T) {
			fx := a.fixture(t)
			ctx := context.Background()
			var want error // of a blocking call in a done
			if fx.loop != nil {
				want = runtimes.ErrWouldDeadlock
			}
			blocking := func() error {
				errs := make([]error, 0, 4)
				errs = append(errs, fx.rt.Wait(ctx, 0, newWaiter(func(_ context.Context, done func(int, error)) { done(1, nil) })))
				var last error
				for _, err := range iterateSeq(fx.rt, ctx, 0, &coop{n: 1}) {
					last = err
				}
				errs = append(errs, last)
				_, err := direct(fx.rt, ctx, 0, value(1))
				errs = append(errs, err)
				last = nil
				for _, err := range directSeq(fx.rt, ctx, 0, one) {
					last = err
				}
				for _, err := range append(errs, last) {
					if err != want {
						return err
					}
				}
				return nil
			}
			ended := make(chan int, 1)
			var next func(depth int)
			step := func(depth int, err error) {
				if err == nil {
					err = blocking()
				}
				switch {
				case err != nil && !errors.Is(err, runtimes.ErrOverloaded):
					t.Errorf("depth %d: %v", depth, err)
					ended <- depth
				case depth == reentryDepth:
					ended <- depth
				default:
					next(depth + 1)
				}
			}
			next = func(depth int) {
				if depth%2 == 0 {
					fx.rt.Start(ctx, 0, &probe{run: value(depth), done: func(_ int, err error) { step(depth, err) }})
					return
				}
				runtimes.StreamCall[int]{}.Start(fx.rt, ctx, 0, one, func(int) bool { return true }, func(err error) { step(depth, err) })
			}
			next(1)
			if d := recv(t, ended); d != reentryDepth {
				t.Errorf("the chain ended at depth %d", d)
			}
		})
	}
}
