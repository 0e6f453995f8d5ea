package ants_test

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
	rtants "github.com/shimgen/shimgen/runtimes/ants"
)

// probe is a hand-written Caller shaped like generated code.
type probe struct {
	runtimes.Call
	run  func(ctx context.Context) (int, error)
	done func(v int, err error)
	v    int
}

func (p *probe) Run(ctx context.Context) (err error) {
	p.v, err = p.run(ctx)
	return err
}

func (p *probe) Complete(err error) { p.done(p.v, err) }

// outcome is what a probe's done callback saw.
type outcome struct {
	v   int
	err error
}

// start starts a probe on rt and returns where its outcome arrives.
func start(rt *runtimes.Runtime, timeout time.Duration, run func(context.Context) (int, error)) <-chan outcome {
	ch := make(chan outcome, 2)
	rt.Start(context.Background(), timeout, &probe{run: run, done: func(v int, err error) {
		ch <- outcome{v, err}
	}})
	return ch
}

func TestRuntime(t *testing.T) {
	base := runtime.NumGoroutine()
	rt, err := rtants.New(rtants.Config{Size: 4, Block: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := rt.Executor().(*rtants.Executor); !ok || rt.Loop() != nil {
		t.Fatalf("runtime with executor %T and loop %v", rt.Executor(), rt.Loop())
	}

	// Many calls, more than workers: all complete with their values.
	const n = 100
	outs := make([]<-chan outcome, n)
	for i := range n {
		outs[i] = start(rt, 0, func(context.Context) (int, error) { return 2 * i, nil })
	}
	for i, ch := range outs {
		if o := recv(t, ch); o.v != 2*i || o.err != nil {
			t.Errorf("call %d: (%d, %v), want (%d, nil)", i, o.v, o.err, 2*i)
		}
	}

	// An implementation's error, timeout and panic.
	boom := errors.New("boom")
	if o := recv(t, start(rt, 0, func(context.Context) (int, error) { return 0, boom })); !errors.Is(o.err, boom) {
		t.Errorf("error: %v", o.err)
	}
	o := recv(t, start(rt, time.Millisecond, func(ctx context.Context) (int, error) {
		<-ctx.Done()
		return 0, ctx.Err()
	}))
	if !errors.Is(o.err, context.DeadlineExceeded) {
		t.Errorf("timeout: %v", o.err)
	}
	o = recv(t, start(rt, 0, func(context.Context) (int, error) { panic("in Run") }))
	var pe *runtimes.PanicError
	if !errors.As(o.err, &pe) || pe.Value != "in Run" {
		t.Errorf("panic: %v", o.err)
	}

	// Close waits for a call in flight, then closes the executor.
	gate := make(chan struct{})
	entered := make(chan struct{})
	late := start(rt, 0, func(context.Context) (int, error) {
		close(entered)
		<-gate
		return 7, nil
	})
	recv(t, entered)
	closed := make(chan error, 1)
	go func() { closed <- rt.Close(context.Background()) }()
	checkNotYet(t, closed, "Close returning with a call in flight")
	if o := recv(t, start(rt, 0, func(context.Context) (int, error) { return 1, nil })); !errors.Is(o.err, runtimes.ErrClosed) {
		t.Errorf("Start after Close: %v", o.err)
	}
	close(gate)
	if o := recv(t, late); o.v != 7 || o.err != nil {
		t.Errorf("call in flight at Close: (%d, %v)", o.v, o.err)
	}
	if err := recv(t, closed); err != nil {
		t.Fatal(err)
	}
	if err := rt.Executor().Execute(runtimes.TaskFunc(func() {})); !errors.Is(err, runtimes.ErrClosed) {
		t.Errorf("the runtime's Close did not close the executor: %v", err)
	}
	settleGoroutines(t, base)
}

// TestRuntimeOverloaded starts a call on a full non-blocking pool: it
// completes with ErrOverloaded, off the caller's stack.
func TestRuntimeOverloaded(t *testing.T) {
	base := runtime.NumGoroutine()
	rt, err := rtants.New(rtants.Config{Size: 1})
	if err != nil {
		t.Fatal(err)
	}
	gate := make(chan struct{})
	entered := make(chan struct{})
	busy := start(rt, 0, func(context.Context) (int, error) {
		close(entered)
		<-gate
		return 1, nil
	})
	recv(t, entered)
	if o := recv(t, start(rt, 0, func(context.Context) (int, error) { return 2, nil })); !errors.Is(o.err, runtimes.ErrOverloaded) {
		t.Errorf("Start on a full pool: (%d, %v), want ErrOverloaded", o.v, o.err)
	}
	close(gate)
	if o := recv(t, busy); o.v != 1 || o.err != nil {
		t.Errorf("busy call: (%d, %v)", o.v, o.err)
	}
	if err := rt.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	settleGoroutines(t, base)
}

// TestRuntimeCallbackPanicHandler checks that a done callback's panic goes to
// the runtime's handler and the pool keeps working.
func TestRuntimeCallbackPanicHandler(t *testing.T) {
	base := runtime.NumGoroutine()
	panics := make(chan *runtimes.PanicError, 1)
	rt, err := rtants.New(rtants.Config{Size: 1, Block: true},
		runtimes.WithCallbackPanicHandler(func(pe *runtimes.PanicError) { panics <- pe }))
	if err != nil {
		t.Fatal(err)
	}
	rt.Start(context.Background(), 0, &probe{
		run:  func(context.Context) (int, error) { return 1, nil },
		done: func(int, error) { panic("in done") },
	})
	if pe := recv(t, panics); pe.Value != "in done" {
		t.Errorf("handler got %v", pe.Value)
	}
	if o := recv(t, start(rt, 0, func(context.Context) (int, error) { return 3, nil })); o.v != 3 || o.err != nil {
		t.Errorf("call after a callback panic: (%d, %v)", o.v, o.err)
	}
	if err := rt.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	settleGoroutines(t, base)
}
