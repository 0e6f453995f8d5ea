package cache_test

import (
	"context"
	"errors"
	"testing"

	"github.com/shimgen/shimgen/runtimes"
)

// loopCalls counts the done callbacks of callback-form calls made on the
// loop. All of its fields are loop-owned: no lock, -race checks the claim.
type loopCalls struct {
	h        *harness
	t        *testing.T
	inMethod bool // a Store method is running
	dones    map[string]int
}

// call runs one Store method on the current (loop) goroutine, marking it
// so that a done running inside it is caught.
func (lc *loopCalls) call(f func()) {
	lc.inMethod = true
	f()
	lc.inMethod = false
}

// done records the completion of the call named name.
func (lc *loopCalls) done(name string) {
	if lc.inMethod {
		lc.t.Errorf("%s: done ran inside the method", name)
	}
	if !lc.h.lp.OnLoop() {
		lc.t.Errorf("%s: done ran off the loop", name)
	}
	lc.dones[name]++
}

// TestCallbacksOnLoop makes every kind of call of the callback form on the
// loop: each done runs later, on the loop, exactly once.
func TestCallbacksOnLoop(t *testing.T) {
	h := start(t)
	lc := &loopCalls{h: h, t: t, dones: map[string]int{}}
	finished := make(chan struct{})
	h.onLoop(t, func() {
		s := h.store
		lc.call(func() {
			s.WaitFor(bg, "k", func(v []byte, err error) {
				lc.done("WaitFor")
				if string(v) != "v" || err != nil {
					t.Errorf("WaitFor = (%q, %v)", v, err)
				}
			})
		})
		lc.call(func() { s.Set(bg, "k", []byte("v"), 0, func(error) { lc.done("Set") }) })
		lc.call(func() { s.Get(bg, "k", func([]byte, bool, error) { lc.done("Get") }) })
		lc.call(func() { s.Len(bg, func(int, error) { lc.done("Len") }) })
		lc.call(func() {
			s.Delete(bg, "k", func(bool, error) {
				lc.done("Delete")
				close(finished)
			})
		})
	})
	recv(t, finished)
	h.onLoop(t, func() { // after one more loop turn: no second completion
		for _, name := range []string{"WaitFor", "Set", "Get", "Len", "Delete"} {
			if lc.dones[name] != 1 {
				t.Errorf("%s: %d completions, want 1", name, lc.dones[name])
			}
		}
	})
}

// TestCallbackWaitForCanceled cancels a WaitFor made in the callback form:
// it completes once with ctx.Err(), its waiter is gone by then, and a later
// Set does not complete it again.
func TestCallbackWaitForCanceled(t *testing.T) {
	h := start(t)
	attempts(t, func() bool {
		ctx, cancel := context.WithCancel(bg)
		defer cancel()
		completions := 0 // loop-owned
		errs := make(chan error, 2)
		h.onLoop(t, func() {
			h.store.WaitFor(ctx, "k", func(_ []byte, err error) {
				completions++
				if n := h.store.Waiters(); n != 0 {
					t.Errorf("%d waiters left when done runs", n)
				}
				errs <- err
			})
		})
		cancel()
		err := recv(t, errs)
		set(t, h.c, "k", "v", 0)
		h.onLoop(t, func() {
			if completions != 1 {
				t.Errorf("%d completions, want 1", completions)
			}
		})
		if errors.Is(err, context.DeadlineExceeded) {
			return false
		}
		if !errors.Is(err, context.Canceled) {
			t.Errorf("canceled WaitFor: %v, want context.Canceled", err)
		}
		return true
	})
}

// TestCallbackDoneContext checks calls with a context that ended before
// them, and WaitFor's own deadline for a caller without one.
func TestCallbackDoneContext(t *testing.T) {
	h := start(t)
	canceled, cancel := context.WithCancel(bg)
	cancel()
	errs := make(chan error, 3)
	h.onLoop(t, func() {
		h.store.Set(canceled, "k", []byte("v"), 0, func(err error) { errs <- err })
		h.store.WaitFor(canceled, "k", func(_ []byte, err error) { errs <- err })
		h.store.WaitFor(bg, "k", func(_ []byte, err error) { errs <- err })
	})
	for _, want := range []error{context.Canceled, context.Canceled, context.DeadlineExceeded} {
		if err := recv(t, errs); !errors.Is(err, want) {
			t.Errorf("got %v, want %v", err, want)
		}
	}
	if _, found := get(t, h.c, "k"); found {
		t.Error("a Set with a canceled context stored its value")
	}
}

// TestStoreClose closes the Store: a pending WaitFor and every later call
// complete with ErrClosed, in both forms.
func TestStoreClose(t *testing.T) {
	h := start(t)
	set(t, h.c, "k", "v", 0)
	errs := make(chan error, 2)
	h.onLoop(t, func() {
		h.store.WaitFor(bg, "k", func(_ []byte, err error) { errs <- err })
		h.store.Close()
		h.store.Close() // idempotent
		h.store.Get(bg, "k", func(_ []byte, _ bool, err error) { errs <- err })
	})
	for range 2 {
		if err := recv(t, errs); !errors.Is(err, runtimes.ErrClosed) {
			t.Errorf("callback call: %v, want ErrClosed", err)
		}
	}
	if err := h.c.Set(bg, "k", nil, 0); !errors.Is(err, runtimes.ErrClosed) {
		t.Errorf("blocking Set after Store.Close: %v, want ErrClosed", err)
	}
}
