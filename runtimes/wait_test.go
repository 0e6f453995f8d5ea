package runtimes_test

import (
	"errors"
	"runtime"
	"testing"
	"time"

	"context"
	"github.com/shimgen/shimgen/runtimes/internal/goid"

	"github.com/shimgen/shimgen/runtimes"
)

// waiter is a hand-written Waiter shaped like generated code.
type waiter struct {
	runtimes.Wait
	invoke func(ctx context.Context, done func(v int, err error))
	v      int
}

func newWaiter(invoke func(context.Context, func(int, error))) *waiter {
	return &waiter{invoke: invoke}
}

func (w *waiter) Invoke(ctx context.Context) { w.invoke(ctx, w.complete) }

func (w *waiter) complete(v int, err error) {
	if w.Claim() {
		w.v = v
		w.Finish(err)
	}
}

// waitOutcome is what a waiter's Invoke saw.
type waitOutcome struct {
	gid    uint64
	onLoop bool
}

// observe wraps invoke to record where it ran.
func (fx *fixture) observe(seen chan<- waitOutcome, invoke func(context.Context, func(int, error))) func(context.Context, func(int, error)) {
	return func(ctx context.Context, done func(int, error)) {
		seen <- waitOutcome{goid.Current(), fx.rt.OnLoop()}
		invoke(ctx, done)
	}
}

func TestWaitCompletes(t *testing.T) {
	cases := []struct {
		name    string
		invoke  func(context.Context, func(int, error))
		wantV   int
		wantErr error
	}{
		{"synchronous", func(_ context.Context, done func(int, error)) { done(1, nil) }, 1, nil},
		{"asynchronous", func(_ context.Context, done func(int, error)) {
			go func() { time.Sleep(time.Millisecond); done(2, nil) }()
		}, 2, nil},
		{"error", func(_ context.Context, done func(int, error)) { done(3, errBoom) }, 3, errBoom},
	}
	forEach(t, func(t *testing.T, a adapter) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				fx := a.fixture(t)
				seen := make(chan waitOutcome, 1)
				w := newWaiter(fx.observe(seen, tc.invoke))
				err := fx.rt.Wait(context.Background(), 0, w)
				if w.v != tc.wantV || !errors.Is(err, tc.wantErr) {
					t.Errorf("got (%d, %v), want (%d, %v)", w.v, err, tc.wantV, tc.wantErr)
				}
				where := recv(t, seen)
				if fx.loop != nil && !where.onLoop {
					t.Error("Invoke not on the loop")
				}
				if fx.loop == nil && where.gid != goid.Current() {
					t.Error("Invoke not on the caller's goroutine")
				}
			})
		}
	})
}

func TestWaitContextEnds(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		m := newMisuses()
		fx := a.fixture(t, m.option())
		held := make(chan func(int, error), 1)
		w := newWaiter(func(_ context.Context, done func(int, error)) { held <- done })
		base := runtime.NumGoroutine()
		ctx, cancel := context.WithTimeout(context.Background(), brief)
		defer cancel()
		if err := fx.rt.Wait(ctx, 0, w); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Wait = %v, want DeadlineExceeded", err)
		}
		settleGoroutines(t, base)
		recv(t, held)(9, nil) // the late completion
		if w.v != 0 {
			t.Errorf("late completion wrote %d", w.v)
		}
		m.none(t)
	})
}

// TestWaitRace races a completion with the end of the context: under -race,
// Wait must return either the completion's result or the context's error,
// with the result fields safe to read.
func TestWaitRace(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		m := newMisuses()
		fx := a.fixture(t, m.option())
		for range 100 {
			ctx, cancel := context.WithCancel(context.Background())
			w := newWaiter(func(_ context.Context, done func(int, error)) {
				go done(4, nil)
				go cancel()
			})
			err := fx.rt.Wait(ctx, 0, w)
			switch {
			case err == nil && w.v == 4:
			case errors.Is(err, context.Canceled) && w.v == 0:
			default:
				t.Fatalf("got (%d, %v)", w.v, err)
			}
			cancel()
		}
		m.none(t)
	})
}

func TestWaitTimeout(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		var invokeCtx context.Context
		begin := time.Now()
		w := newWaiter(func(ctx context.Context, done func(int, error)) {
			invokeCtx = ctx
			done(1, nil)
		})
		if err := fx.rt.Wait(context.Background(), time.Hour, w); err != nil {
			t.Fatal(err)
		}
		d, ok := invokeCtx.Deadline()
		if !ok || d.Before(begin.Add(time.Hour)) || d.After(time.Now().Add(time.Hour)) {
			t.Errorf("deadline %v (%v), want about an hour after Wait", d, ok)
		}
		if invokeCtx.Err() != nil {
			t.Error("derived context ended when Wait returned, before its deadline")
		}
		w = newWaiter(func(context.Context, func(int, error)) {})
		if err := fx.rt.Wait(context.Background(), brief, w); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Wait with a missing completion = %v, want DeadlineExceeded", err)
		}
	})
}

func TestWaitRefused(t *testing.T) {
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		invoked := false
		w := newWaiter(func(context.Context, func(int, error)) { invoked = true })
		if err := fx.rt.Wait(canceled, 0, w); !errors.Is(err, context.Canceled) {
			t.Errorf("Wait(canceled) = %v", err)
		}
		if err := fx.rt.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		if err := fx.rt.Wait(context.Background(), 0, w); !errors.Is(err, runtimes.ErrClosed) {
			t.Errorf("Wait after Close = %v", err)
		}
		if invoked {
			t.Error("Invoke was called")
		}
	})
}

func TestWaitDoubleCompletion(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		m := newMisuses()
		fx := a.fixture(t, m.option())
		w := newWaiter(func(_ context.Context, done func(int, error)) {
			done(1, nil)
			done(2, errBoom)
		})
		if err := fx.rt.Wait(context.Background(), 0, w); err != nil || w.v != 1 {
			t.Errorf("got (%d, %v), want the first completion", w.v, err)
		}
		if err := recvErr(t, m.ch); !errors.Is(err, runtimes.ErrDoubleCompletion) {
			t.Errorf("misuse report %v", err)
		}
	})
}

func TestWaitInvokePanic(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		m := newMisuses()
		fx := a.fixture(t, m.option())
		w := newWaiter(func(context.Context, func(int, error)) { panic(errBoom) })
		var pe *runtimes.PanicError
		err := fx.rt.Wait(context.Background(), 0, w)
		if !errors.As(err, &pe) || !errors.Is(err, errBoom) || len(pe.Stack) == 0 {
			t.Errorf("Wait = %v, want a *PanicError of errBoom", err)
		}
		w = newWaiter(func(_ context.Context, done func(int, error)) {
			done(6, nil)
			panic("after done")
		})
		if err := fx.rt.Wait(context.Background(), 0, w); err != nil || w.v != 6 {
			t.Errorf("panic after the completion: got (%d, %v)", w.v, err)
		}
		if err := recvErr(t, m.ch); !errors.As(err, &pe) || pe.Value != "after done" {
			t.Errorf("misuse report %v", err)
		}
	})
}

func TestWaitOnLoop(t *testing.T) {
	fx := adapters[3].fixture(t)
	results := make(chan error, 2)
	invoked := false
	w := newWaiter(func(context.Context, func(int, error)) { invoked = true })
	fx.loop.Post(runtimes.TaskFunc(func() {
		results <- fx.rt.Wait(context.Background(), 0, w)
	}))
	fx.starts.Add(1)
	fx.rt.Start(context.Background(), 0, &probe{run: value(0), done: func(int, error) {
		fx.completions.Add(1)
		results <- fx.rt.Wait(context.Background(), 0, w)
	}})
	for range 2 {
		if err := recvErr(t, results); !errors.Is(err, runtimes.ErrWouldDeadlock) {
			t.Errorf("Wait on the loop = %v, want ErrWouldDeadlock", err)
		}
	}
	if invoked {
		t.Error("Invoke was called")
	}
}

func TestWaitMisuse(t *testing.T) {
	m := newMisuses()
	fx := adapters[0].fixture(t, m.option())
	w := newWaiter(func(_ context.Context, done func(int, error)) { done(1, nil) })
	if err := fx.rt.Wait(context.Background(), 0, w); err != nil {
		t.Fatal(err)
	}
	w.Finish(nil)
	if err := recvErr(t, m.ch); err == nil {
		t.Error("Finish without Claim not reported")
	}
}
