package cache_test

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/shimgen/shimgen/examples/cache"
	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/loop"
)

// patience bounds every wait of the tests; nothing should come near it.
const patience = 10 * time.Second

// harness is a running loop with a Store on it and the Store's blocking
// form. Its cleanup closes the runtime, waits for the loop to stop and
// checks that no goroutine was left behind.
type harness struct {
	lp      *loop.Loop
	store   *cache.Store
	c       cache.Cache
	runErr  <-chan error
	stopped bool
}

func start(t *testing.T) *harness {
	t.Helper()
	base := runtime.NumGoroutine()
	h := &harness{lp: loop.New(loop.Config{})}
	h.runErr = h.lp.Go()
	h.store = cache.New(h.lp.Runtime())
	h.c = cache.NewCacheBlocking(h.store, h.lp.Runtime())
	t.Cleanup(func() {
		h.stop(t)
		settleGoroutines(t, base)
	})
	return h
}

// stop closes the runtime and waits for Run to return; later calls do
// nothing.
func (h *harness) stop(t *testing.T) {
	t.Helper()
	if h.stopped {
		return
	}
	h.stopped = true
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	if err := h.lp.Close(ctx); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := recv(t, h.runErr); err != nil {
		t.Errorf("Run: %v", err)
	}
}

// onLoop runs f on the loop and waits until it has returned.
func (h *harness) onLoop(t *testing.T, f func()) {
	t.Helper()
	ran := make(chan struct{})
	if err := h.lp.Post(runtimes.TaskFunc(func() {
		defer close(ran)
		f()
	})); err != nil {
		t.Fatalf("Post: %v", err)
	}
	recv(t, ran)
}

// waiters returns the Store's number of pending WaitFor calls.
func (h *harness) waiters(t *testing.T) (n int) {
	t.Helper()
	h.onLoop(t, func() { n = h.store.Waiters() })
	return n
}

// registered waits until the Store holds n waiters. It returns false if
// one of the watched calls completed first (it lost the race with
// WaitFor's deadline).
func (h *harness) registered(t *testing.T, n int, calls ...<-chan outcome) bool {
	t.Helper()
	deadline := time.Now().Add(patience)
	for h.waiters(t) != n {
		for _, ch := range calls {
			if len(ch) > 0 {
				return false
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d waiters never registered", n)
		}
		time.Sleep(time.Millisecond)
	}
	return true
}

// outcome is the result of a blocking WaitFor.
type outcome struct {
	value []byte
	err   error
}

// waitFor calls c.WaitFor on a new goroutine; its outcome arrives on the
// returned channel.
func waitFor(ctx context.Context, c cache.Cache, key string) <-chan outcome {
	ch := make(chan outcome, 1)
	go func() {
		v, err := c.WaitFor(ctx, key)
		ch <- outcome{v, err}
	}()
	return ch
}

// attempts runs f until it succeeds, at most five times. A test whose
// steps race WaitFor's short deadline retries when the machine was too slow
// for them; f reports false in that case only.
func attempts(t *testing.T, f func() bool) {
	t.Helper()
	for i := range 5 {
		if f() {
			return
		}
		t.Logf("attempt %d lost the race with WaitFor's deadline", i+1)
	}
	t.Fatal("every attempt lost the race with WaitFor's deadline")
}

// eventually polls cond until it holds, failing t after patience.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

func recv[T any](t *testing.T, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(patience):
		t.Fatal("timed out")
		panic("unreachable")
	}
}

// settleGoroutines fails t if the number of goroutines does not come back
// to base within patience.
func settleGoroutines(t *testing.T, base int) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for runtime.NumGoroutine() > base {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			buf = buf[:runtime.Stack(buf, true)]
			t.Errorf("%d goroutines, want <= %d:\n%s", runtime.NumGoroutine(), base, buf)
			return
		}
		time.Sleep(time.Millisecond)
	}
}
