package runtimes_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/inline"
)

// direct is a direct call shaped like generated code.
func direct(rt *runtimes.Runtime, ctx context.Context, timeout time.Duration, impl func(context.Context) (int, error)) (v int, err error) {
	defer rt.Recover(&err)
	ctx, cancel := rt.Enter(ctx, timeout)
	defer cancel()
	if err = rt.Admit(ctx); err != nil {
		return
	}
	return impl(ctx)
}

func TestDirect(t *testing.T) {
	rt := inline.New()
	parent := context.Background()
	t.Run("no timeout", func(t *testing.T) {
		ctx, cancel := rt.Enter(parent, 0)
		if ctx != parent || cancel == nil {
			t.Errorf("Enter(ctx, 0) = %v, %v", ctx, cancel)
		}
		if n := testing.AllocsPerRun(100, func() { _, c := rt.Enter(parent, 0); c() }); n != 0 {
			t.Errorf("Enter(ctx, 0) allocates %v times", n)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		var seen context.Context
		v, err := direct(rt, parent, time.Hour, func(ctx context.Context) (int, error) {
			seen = ctx
			return 1, nil
		})
		if _, ok := seen.Deadline(); v != 1 || err != nil || !ok || seen.Err() == nil {
			t.Errorf("got (%d, %v); deadline %v; canceled after the call: %v", v, err, ok, seen.Err())
		}
	})
	t.Run("panic", func(t *testing.T) {
		_, err := direct(rt, parent, 0, panicky(errBoom))
		var pe *runtimes.PanicError
		if !errors.As(err, &pe) || !errors.Is(err, errBoom) || !stackMentions(pe, "panicky") {
			t.Errorf("err = %v, want a *PanicError of errBoom", err)
		}
	})
	t.Run("admit", func(t *testing.T) {
		canceled, cancel := context.WithCancel(parent)
		cancel()
		if _, err := direct(rt, canceled, 0, value(1)); !errors.Is(err, context.Canceled) {
			t.Errorf("canceled: %v", err)
		}
		rt.Close(parent)
		if _, err := direct(rt, parent, 0, value(1)); !errors.Is(err, runtimes.ErrClosed) {
			t.Errorf("closed: %v", err)
		}
	})
}

func TestNew(t *testing.T) {
	t.Run("nil executor", func(t *testing.T) {
		defer func() {
			if recover() == nil {
				t.Error("New(nil, nil) did not panic")
			}
		}()
		runtimes.New(nil, nil)
	})
	t.Run("accessors", func(t *testing.T) {
		exec, lp := refusing{}, refusing{}
		rt := runtimes.New(exec, lp)
		if rt.Executor() != exec || rt.Loop() != lp || rt.OnLoop() || rt.Closed() {
			t.Error("accessors do not reflect New's arguments")
		}
		if rt := runtimes.New(exec, nil); rt.Loop() != nil || rt.OnLoop() {
			t.Error("a runtime without a loop reports one")
		}
	})
	t.Run("TaskFunc", func(t *testing.T) {
		ran := false
		runtimes.TaskFunc(func() { ran = true }).Run()
		if !ran || !runtimes.Generated1 {
			t.Error("TaskFunc.Run did not call the function")
		}
	})
}
