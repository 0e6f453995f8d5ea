package runtimes_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/inline"
	"github.com/shimgen/shimgen/runtimes/internal/soak"
	"github.com/shimgen/shimgen/runtimes/loop"
)

// direct is the collapsed direct call of generated code.
var direct = soak.Direct

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
		if _, ok := seen.Deadline(); v != 1 || err != nil || !ok || seen.Err() != nil {
			t.Errorf("got (%d, %v); deadline %v; ended after the call: %v (the deadline bounds what the call returns)", v, err, ok, seen.Err())
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

func TestDirectKeepsSoonerDeadline(t *testing.T) {
	rt := inline.New()
	parent, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if ctx, _ := rt.Enter(parent, time.Hour); ctx != parent {
		t.Error("Enter derived a context although the caller's deadline is sooner")
	}
	if ctx, c := rt.Enter(parent, time.Second); ctx == parent {
		t.Error("Enter did not derive the sooner deadline")
	} else {
		c()
	}
}

func TestCloseWaitsForDirectCall(t *testing.T) {
	rt := inline.New()
	inside, leave := make(chan struct{}), make(chan struct{})
	go direct(rt, context.Background(), 0, func(context.Context) (int, error) {
		close(inside)
		<-leave
		return 0, nil
	})
	<-inside
	closed := make(chan error, 1)
	go func() { closed <- rt.Close(context.Background()) }()
	select {
	case err := <-closed:
		t.Fatalf("Close returned (%v) while a direct call was running", err)
	case <-time.After(20 * time.Millisecond):
	}
	close(leave)
	if err := <-closed; err != nil {
		t.Fatal(err)
	}
}

func TestDirectRefusedOnLoop(t *testing.T) {
	lp := loop.New(loop.Config{})
	lp.Start()
	defer lp.Close(context.Background())
	got := make(chan error, 1)
	lp.Post(runtimes.TaskFunc(func() {
		_, err := direct(lp.Runtime(), context.Background(), 0, value(1))
		got <- err
	}))
	if err := <-got; !errors.Is(err, runtimes.ErrWouldDeadlock) {
		t.Fatalf("direct call on the loop = %v, want ErrWouldDeadlock", err)
	}
}
