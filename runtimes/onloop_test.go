package runtimes_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/loop"
)

// TestRunOnLoop: a function parameter called by the implementation on a
// worker runs there (the rule: passed as it is); wrapped in RunOnLoop it
// runs on the loop, and RunOnLoop returns after it.
func TestRunOnLoop(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		type seen struct{ plain, wrapped bool }
		got := make(chan seen, 1)
		// fn is the user's function-typed argument; the implementation
		// (run by the callback form on a worker) calls it twice.
		fn := func() bool { return fx.rt.OnLoop() }
		o := recv(t, fx.start(context.Background(), 0, func(ctx context.Context) (int, error) {
			var s seen
			s.plain = fn()
			err := fx.rt.RunOnLoop(ctx, func() { s.wrapped = fn() })
			got <- s
			return 1, err
		}))
		if o.err != nil {
			t.Fatal(o.err)
		}
		s := <-got
		if s.plain {
			t.Error("a function parameter ran on the loop without RunOnLoop")
		}
		if s.wrapped != (fx.loop != nil) {
			t.Errorf("RunOnLoop ran f on the loop: %v, want %v", s.wrapped, fx.loop != nil)
		}
		// On the loop (in done) it runs f at once: no deadlock.
		ch := make(chan error, 1)
		fx.starts.Add(1)
		fx.rt.Start(context.Background(), 0, &probe{run: value(2), done: func(int, error) {
			fx.completions.Add(1)
			ran := false
			err := fx.rt.RunOnLoop(context.Background(), func() { ran = true })
			if err == nil && !ran {
				err = errors.New("f did not run")
			}
			ch <- err
		}})
		if err := recvErr(t, ch); err != nil {
			t.Errorf("RunOnLoop in done: %v", err)
		}
		err := fx.rt.RunOnLoop(context.Background(), func() { panic(errBoom) })
		var pe *runtimes.PanicError
		if !errors.As(err, &pe) || !errors.Is(err, errBoom) {
			t.Errorf("RunOnLoop of a panicking f = %v", err)
		}
	})
}

// TestRunOnLoopRefused: a loop that was never started, or has stopped,
// does not run f; RunOnLoop says why.
func TestRunOnLoopRefused(t *testing.T) {
	l := loop.New(loop.Config{})
	ran := make(chan struct{}, 100)
	var err error
	// A short timeout may end before RunOnLoop even posts f (a bare
	// context error): grow it until one ends while RunOnLoop waits.
	for timeout := time.Millisecond; timeout <= patience; timeout *= 2 {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		err = l.Runtime().RunOnLoop(ctx, func() { ran <- struct{}{} })
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, runtimes.ErrLoopNotStarted) {
			break
		}
	}
	if !errors.Is(err, runtimes.ErrLoopNotStarted) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("RunOnLoop on a loop never started = %v", err)
	}
	run := l.Go()
	if err := l.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := recvErr(t, run); err != nil {
		t.Fatal(err)
	}
	if err := l.Runtime().RunOnLoop(context.Background(), func() { ran <- struct{}{} }); !errors.Is(err, runtimes.ErrClosed) {
		t.Errorf("RunOnLoop on a stopped loop = %v, want ErrClosed", err)
	}
	select {
	case <-ran:
		t.Error("f ran although RunOnLoop gave up")
	default:
	}
}
