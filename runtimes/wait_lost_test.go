package runtimes_test

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
)

// waitDropped runs a Wait whose implementation drops its done callback, and
// returns Wait's error; nothing of the call stays reachable afterwards.
//
//go:noinline
func waitDropped(rt *runtimes.Runtime, ctx context.Context, timeout time.Duration) error {
	return rt.Wait(ctx, timeout, newWaiter(func(context.Context, func(int, error)) {}))
}

// collect runs the garbage collector until a misuse report arrives, or
// fails t after six times patience. The report comes from a finalizer, which
// runs on the runtime's finalizer goroutine after a collection found the
// call unreachable: on a loaded machine that goroutine can wait long for a
// CPU, so the collections leave it 10ms each to run.
func collect(t *testing.T, m *misuses) error {
	t.Helper()
	deadline := time.Now().Add(6 * patience)
	for time.Now().Before(deadline) {
		runtime.GC()
		select {
		case err := <-m.ch:
			return err
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatal("no misuse report after garbage collections")
	return nil
}

// quiet runs the garbage collector a few times and fails t if a misuse
// report arrives.
func quiet(t *testing.T, m *misuses) {
	t.Helper()
	for range 5 {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	m.none(t)
}

func TestWaitNoCompletion(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		m := newMisuses()
		fx := a.fixture(t, m.option())
		t.Run("deadline", func(t *testing.T) {
			if err := waitDropped(fx.rt, context.Background(), brief); !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("Wait = %v, want DeadlineExceeded at the timeout", err)
			}
			err := collect(t, m)
			if !errors.Is(err, runtimes.ErrNoCompletion) || !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("misuse report %v, want ErrNoCompletion wrapping DeadlineExceeded", err)
			}
			quiet(t, m) // reported once
		})
		t.Run("canceled", func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(brief, cancel)
			begin := time.Now()
			if err := waitDropped(fx.rt, ctx, 0); !errors.Is(err, context.Canceled) {
				t.Fatalf("Wait = %v, want Canceled", err)
			}
			if d := time.Since(begin); d > patience/2 {
				t.Errorf("Wait returned %v after the cancel", d)
			}
			err := collect(t, m)
			if !errors.Is(err, runtimes.ErrNoCompletion) || !errors.Is(err, context.Canceled) {
				t.Errorf("misuse report %v, want ErrNoCompletion wrapping Canceled", err)
			}
		})
		t.Run("late completion", func(t *testing.T) {
			held := make(chan func(int, error), 1)
			w := newWaiter(func(_ context.Context, done func(int, error)) { held <- done })
			if err := fx.rt.Wait(context.Background(), brief, w); !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("Wait = %v", err)
			}
			w = nil
			quiet(t, m) // the implementation still holds done: not lost
			recv(t, held)(1, nil)
			quiet(t, m) // completed late: discarded, not misuse
		})
		t.Run("completed", func(t *testing.T) {
			for range 10 {
				w := newWaiter(func(_ context.Context, done func(int, error)) { go done(1, nil) })
				if err := fx.rt.Wait(context.Background(), time.Hour, w); err != nil {
					t.Fatal(err)
				}
			}
			quiet(t, m)
		})
		t.Run("panic after the caller gave up", func(t *testing.T) {
			if fx.loop == nil {
				t.Skip("Invoke runs on the caller: it cannot outlive the Wait")
			}
			release := make(chan struct{})
			// Hold the loop so that Invoke runs after the Wait gave up.
			fx.loop.Post(runtimes.TaskFunc(func() { <-release }))
			w := newWaiter(func(context.Context, func(int, error)) { panic("late") })
			if err := fx.rt.Wait(context.Background(), brief, w); !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("Wait = %v", err)
			}
			close(release)
			// The waiter gave up before the task ran: Invoke is skipped.
			quiet(t, m)
		})
	})
}

// TestWaitNoCompletionUnwatched checks that without a misuse handler a lost
// completion costs nothing and is not reported anywhere: Wait still returns
// at its context's end.
func TestWaitNoCompletionUnwatched(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		begin := time.Now()
		if err := waitDropped(fx.rt, context.Background(), brief); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Wait = %v", err)
		}
		if d := time.Since(begin); d > patience/2 {
			t.Errorf("Wait returned after %v", d)
		}
		runtime.GC()
	})
}
