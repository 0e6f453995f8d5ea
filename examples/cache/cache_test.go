package cache_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shimgen/shimgen/examples/cache"
	"github.com/shimgen/shimgen/runtimes"
)

var bg = context.Background()

func set(t *testing.T, c cache.Cache, key, value string, ttl time.Duration) {
	t.Helper()
	if err := c.Set(bg, key, []byte(value), ttl); err != nil {
		t.Fatalf("Set(%q): %v", key, err)
	}
}

func get(t *testing.T, c cache.Cache, key string) (string, bool) {
	t.Helper()
	v, found, err := c.Get(bg, key)
	if err != nil {
		t.Fatalf("Get(%q): %v", key, err)
	}
	return string(v), found
}

func length(t *testing.T, c cache.Cache) int {
	t.Helper()
	n, err := c.Len(bg)
	if err != nil {
		t.Fatalf("Len: %v", err)
	}
	return n
}

// TestBlockingConcurrent has many goroutines use the blocking form at once,
// each on a key of its own and all on a shared one.
func TestBlockingConcurrent(t *testing.T) {
	h := start(t)
	const workers, rounds = 8, 100
	var wg sync.WaitGroup
	for g := range workers {
		wg.Go(func() { churn(t, h.c, g, workers, rounds) })
	}
	wg.Wait()
	if n := length(t, h.c); n != workers+1 {
		t.Errorf("Len = %d, want %d", n, workers+1)
	}
	for g := range workers {
		if v, found := get(t, h.c, fmt.Sprint("g", g)); !found || v != "final" {
			t.Errorf("worker %d's key: (%q, %v)", g, v, found)
		}
	}
	if v, found := get(t, h.c, "shared"); !found || !strings.Contains(v, "-") {
		t.Errorf("shared key: (%q, %v)", v, found)
	}
}

// churn sets, reads, counts and deletes the key of worker g, rounds times,
// and leaves "final" under it. Errors are reported with t.Errorf, since it
// runs on its own goroutine.
func churn(t *testing.T, c cache.Cache, g, workers, rounds int) {
	key := fmt.Sprint("g", g)
	for i := range rounds {
		val := []byte(fmt.Sprintf("%d-%d", g, i))
		if err := c.Set(bg, key, val, 0); err != nil {
			t.Errorf("Set: %v", err)
			return
		}
		if got, found, err := c.Get(bg, key); err != nil || !found || !bytes.Equal(got, val) {
			t.Errorf("Get after Set = (%q, %v, %v), want %q", got, found, err, val)
		}
		if n, err := c.Len(bg); err != nil || n < 1 || n > workers+1 {
			t.Errorf("Len = (%d, %v), want 1..%d", n, err, workers+1)
		}
		if existed, err := c.Delete(bg, key); err != nil || !existed {
			t.Errorf("Delete = (%v, %v), want true", existed, err)
		}
		if existed, err := c.Delete(bg, key); err != nil || existed {
			t.Errorf("second Delete = (%v, %v), want false", existed, err)
		}
		if _, found, err := c.Get(bg, key); err != nil || found {
			t.Errorf("Get after Delete = (%v, %v), want not found", found, err)
		}
		if err := c.Set(bg, "shared", val, 0); err != nil {
			t.Errorf("Set shared: %v", err)
		}
	}
	if err := c.Set(bg, key, []byte("final"), 0); err != nil {
		t.Errorf("Set: %v", err)
	}
}

func TestSetKeepsACopy(t *testing.T) {
	h := start(t)
	buf := []byte("abc")
	if err := h.c.Set(bg, "k", buf, 0); err != nil {
		t.Fatal(err)
	}
	buf[0] = 'X'
	if v, _ := get(t, h.c, "k"); v != "abc" {
		t.Errorf("Get = %q after the caller changed its slice, want %q", v, "abc")
	}
	if err := h.c.Set(bg, "empty", nil, 0); err != nil {
		t.Fatal(err)
	}
	if v, found := get(t, h.c, "empty"); !found || v != "" {
		t.Errorf("Get of an empty value = (%q, %v), want (\"\", true)", v, found)
	}
}

// TestTTLExpiry checks expiry as Get sees it: an expired entry is gone,
// whether or not its timer has removed it yet.
func TestTTLExpiry(t *testing.T) {
	h := start(t)
	set(t, h.c, "short", "s", 10*time.Millisecond)
	set(t, h.c, "long", "l", time.Hour)
	set(t, h.c, "forever", "f", 0)
	eventually(t, "the short entry to expire", func() bool {
		_, found := get(t, h.c, "short")
		return !found
	})
	for _, k := range []string{"long", "forever"} {
		if _, found := get(t, h.c, k); !found {
			t.Errorf("%q expired", k)
		}
	}
	if existed, err := h.c.Delete(bg, "short"); err != nil || existed {
		t.Errorf("Delete of an expired entry = (%v, %v), want false", existed, err)
	}
}

// TestTTLTimerRemoves checks that the expiry timer removes an entry nobody
// reads, and that replacing an entry drops its expiry.
func TestTTLTimerRemoves(t *testing.T) {
	h := start(t)
	set(t, h.c, "replaced", "old", 10*time.Millisecond)
	set(t, h.c, "replaced", "new", 0)
	set(t, h.c, "marker", "m", 20*time.Millisecond)
	if n := length(t, h.c); n != 2 {
		t.Fatalf("Len = %d, want 2", n)
	}
	eventually(t, "the timer to remove the marker", func() bool { return length(t, h.c) <= 1 })
	if v, found := get(t, h.c, "replaced"); !found || v != "new" {
		t.Errorf("replaced entry = (%q, %v), want (\"new\", true)", v, found)
	}
}

// TestTTLReplacedAfterTimerFired replaces an entry after its timer fired
// but before the removal it posted ran on the loop (the loop is kept busy
// meanwhile): the removal must spare the new entry.
func TestTTLReplacedAfterTimerFired(t *testing.T) {
	h := start(t)
	h.onLoop(t, func() {
		h.store.Set(bg, "k", []byte("old"), time.Millisecond, func(error) {})
		time.Sleep(50 * time.Millisecond) // the timer fires and posts meanwhile
		h.store.Set(bg, "k", []byte("new"), 0, func(error) {})
	})
	h.onLoop(t, func() {}) // the posted removal has run by now
	if v, found := get(t, h.c, "k"); !found || v != "new" {
		t.Errorf("Get = (%q, %v), want (\"new\", true)", v, found)
	}
}

// TestWaitForWokenBySet has three goroutines wait for a key that a fourth
// one sets; the value present before they waited does not count.
func TestWaitForWokenBySet(t *testing.T) {
	h := start(t)
	set(t, h.c, "k", "old", 0)
	attempts(t, func() bool {
		calls := []<-chan outcome{waitFor(bg, h.c, "k"), waitFor(bg, h.c, "k"), waitFor(bg, h.c, "k")}
		registered := h.registered(t, len(calls), calls...)
		if registered {
			set(t, h.c, "k", "new", 0)
		}
		lost := false
		for _, ch := range calls {
			o := recv(t, ch)
			switch {
			case errors.Is(o.err, context.DeadlineExceeded):
				lost = true
			case o.err != nil || string(o.value) != "new":
				t.Errorf("WaitFor = (%q, %v), want \"new\"", o.value, o.err)
			}
		}
		return !lost
	})
	eventually(t, "no waiter left", func() bool { return h.waiters(t) == 0 })
}

// TestWaitForCanceled cancels a blocking WaitFor: it returns ctx.Err()
// before its deadline and leaves no waiter behind.
func TestWaitForCanceled(t *testing.T) {
	h := start(t)
	attempts(t, func() bool {
		ctx, cancel := context.WithCancel(bg)
		defer cancel()
		ch := waitFor(ctx, h.c, "k")
		if !h.registered(t, 1, ch) {
			recv(t, ch)
			return false
		}
		cancel()
		o := recv(t, ch)
		if errors.Is(o.err, context.DeadlineExceeded) {
			return false
		}
		if !errors.Is(o.err, context.Canceled) || o.value != nil {
			t.Errorf("canceled WaitFor = (%q, %v), want context.Canceled", o.value, o.err)
		}
		return true
	})
	eventually(t, "the canceled waiter to be removed", func() bool { return h.waiters(t) == 0 })
}

// TestWaitForTimeout checks the spec's deadline for a blocking caller
// without one of its own.
func TestWaitForTimeout(t *testing.T) {
	h := start(t)
	begin := time.Now()
	v, err := h.c.WaitFor(bg, "nobody sets this")
	if !errors.Is(err, context.DeadlineExceeded) || v != nil {
		t.Errorf("WaitFor = (%q, %v), want context.DeadlineExceeded", v, err)
	}
	if d := time.Since(begin); d < cache.WaitForTimeout {
		t.Errorf("WaitFor returned after %v, before its deadline of %v", d, cache.WaitForTimeout)
	}
	eventually(t, "the expired waiter to be removed", func() bool { return h.waiters(t) == 0 })
}

// TestBlockingOnLoop calls the blocking form on the loop, from a task and
// from a done callback: it must refuse at once.
func TestBlockingOnLoop(t *testing.T) {
	h := start(t)
	errs := make(chan error, 2)
	h.onLoop(t, func() {
		_, _, err := h.c.Get(bg, "k")
		errs <- err
		h.store.Len(bg, func(int, error) {
			_, err := h.c.Len(bg)
			errs <- err
		})
	})
	for range 2 {
		if err := recv(t, errs); !errors.Is(err, runtimes.ErrWouldDeadlock) {
			t.Errorf("blocking call on the loop: %v, want ErrWouldDeadlock", err)
		}
	}
}

// TestRuntimeClosed checks that every blocking call fails with ErrClosed
// once the runtime is closed.
func TestRuntimeClosed(t *testing.T) {
	h := start(t)
	set(t, h.c, "k", "v", 0)
	h.stop(t)
	_, _, err1 := h.c.Get(bg, "k")
	err2 := h.c.Set(bg, "k", nil, 0)
	_, err3 := h.c.Delete(bg, "k")
	_, err4 := h.c.Len(bg)
	_, err5 := h.c.WaitFor(bg, "k")
	for i, err := range []error{err1, err2, err3, err4, err5} {
		if !errors.Is(err, runtimes.ErrClosed) {
			t.Errorf("call %d after Close: %v, want ErrClosed", i+1, err)
		}
	}
}

// TestOffLoopPanics checks that a Store refuses to be touched off its loop.
func TestOffLoopPanics(t *testing.T) {
	h := start(t)
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "off its loop") {
			t.Errorf("Get off the loop: recovered %v, want a panic", r)
		}
	}()
	h.store.Get(bg, "k", func([]byte, bool, error) { t.Error("done called") })
}
