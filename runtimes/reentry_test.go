package runtimes_test

import (
	"context"
	"errors"
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
