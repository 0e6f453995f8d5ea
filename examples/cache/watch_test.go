package cache_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"testing"

	"github.com/shimgen/shimgen/examples/cache"
	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/goroutine"
	"github.com/shimgen/shimgen/runtimes/inline"
	"github.com/shimgen/shimgen/runtimes/loop"
	"github.com/shimgen/shimgen/runtimes/pool"
)

// show renders a change as "key=value" or "key-" when it has no value.
func show(c cache.Change) string {
	if !c.Found {
		return c.Key + "-"
	}
	return fmt.Sprintf("%s=%s", c.Key, c.Value)
}

// gated yields the keys of each step after waiting for its gate, then
// ends once end is closed: the test decides when each key is sent.
func gated(gates []chan struct{}, keys []string, end <-chan struct{}) iter.Seq[string] {
	return func(yield func(string) bool) {
		for i, k := range keys {
			if i > 0 {
				<-gates[i-1]
			}
			if !yield(k) {
				return
			}
		}
		<-end
	}
}

// noSessions waits until the Store holds no Watch.
func noSessions(t *testing.T, h *harness) {
	t.Helper()
	eventually(t, "the watches to end", func() bool {
		n := 0
		h.onLoop(t, func() { n = h.store.Sessions() })
		return n == 0
	})
}

// followK checks the first change of a watch of "k" (no value), sets k
// and checks the change that follows.
func followK(t *testing.T, h *harness, changes <-chan string) {
	t.Helper()
	if got := recv(t, changes); got != "k-" {
		t.Errorf("first change %s, want k-", got)
	}
	if err := h.c.Set(context.Background(), "k", []byte("v"), 0); err != nil {
		t.Fatal(err)
	}
	if got := recv(t, changes); got != "k=v" {
		t.Errorf("change %s, want k=v", got)
	}
}

// TestWatchBlocking watches through the blocking form: the first state of
// each key sent, then its changes, in order, until the keys end.
func TestWatchBlocking(t *testing.T) {
	h := start(t)
	ctx := context.Background()
	if err := h.c.Set(ctx, "b", []byte("0"), 0); err != nil {
		t.Fatal(err)
	}
	gate, end := make(chan struct{}), make(chan struct{})
	var got []string
	for c, err := range h.c.Watch(ctx, gated([]chan struct{}{gate}, []string{"a", "b"}, end)) {
		if err != nil {
			t.Fatalf("Watch: %v", err)
		}
		got = append(got, show(c))
		switch len(got) {
		case 1: // a-
			if err := h.c.Set(ctx, "a", []byte("1"), 0); err != nil {
				t.Fatal(err)
			}
		case 2: // a=1
			close(gate)
		case 3: // b=0
			if _, err := h.c.Delete(ctx, "a"); err != nil {
				t.Fatal(err)
			}
			if err := h.c.Set(ctx, "c", []byte("x"), 0); err != nil { // not watched
				t.Fatal(err)
			}
			if err := h.c.Set(ctx, "b", []byte("2"), 0); err != nil {
				t.Fatal(err)
			}
		case 5: // a-, b=2
			close(end)
		}
	}
	if want := "[a- a=1 b=0 a- b=2]"; fmt.Sprint(got) != want {
		t.Errorf("changes %v, want %s", got, want)
	}
	noSessions(t, h)
}

// TestWatchCallback watches through the Store's own callback form, on the
// loop: the keys go through its Sender, the changes arrive at each.
func TestWatchCallback(t *testing.T) {
	h := start(t)
	ctx := context.Background()
	changes, errc := make(chan string, 10), make(chan error, 1)
	var s runtimes.Sender[string]
	h.onLoop(t, func() {
		s = h.store.Watch(ctx, func(c cache.Change) bool {
			changes <- show(c)
			return true
		}, func(err error) { errc <- err })
		if err := s.Send("k"); err != nil {
			t.Errorf("Send: %v", err)
		}
	})
	followK(t, h, changes)
	s.CloseSend()
	if err := recv(t, errc); err != nil {
		t.Errorf("done(%v), want nil", err)
	}
	if err := s.Send("x"); !errors.Is(err, runtimes.ErrSendClosed) {
		t.Errorf("Send after CloseSend: %v, want %v", err, runtimes.ErrSendClosed)
	}
	noSessions(t, h)
}

// TestWatchEnds ends watches by a break, ctx and Store.Close: each ends
// once with its reason and leaves no session behind.
func TestWatchEnds(t *testing.T) {
	h := start(t)
	ctx := context.Background()
	end := make(chan struct{})
	defer close(end)
	keys := gated(nil, []string{"k"}, end)

	for range h.c.Watch(ctx, keys) {
		break // the first state
	}
	noSessions(t, h)

	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var err error
	for _, err = range h.c.Watch(cctx, keys) {
		if err == nil {
			cancel()
		}
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Watch ended with %v, want %v", err, context.Canceled)
	}
	noSessions(t, h)

	for _, err = range h.c.Watch(ctx, keys) {
		if err == nil {
			h.onLoop(t, h.store.Close)
		}
	}
	if !errors.Is(err, runtimes.ErrClosed) {
		t.Errorf("Watch over a closed Store ended with %v, want %v", err, runtimes.ErrClosed)
	}
	noSessions(t, h)
}

// TestWatchEveryRuntime watches through the callback form made by
// NewCacheAsync over the blocking form, on every built-in runtime: the
// keys are pushed paced by the Sender, the changes arrive at each.
func TestWatchEveryRuntime(t *testing.T) {
	runtimesUnderTest := map[string]func() *runtimes.Runtime{
		"inline":    func() *runtimes.Runtime { return inline.New() },
		"goroutine": func() *runtimes.Runtime { return goroutine.New() },
		"pool":      func() *runtimes.Runtime { return pool.New(pool.Config{Workers: 2}) },
		"loop": func() *runtimes.Runtime {
			l := loop.New(loop.Config{})
			l.Start()
			return l.Runtime()
		},
	}
	for _, name := range []string{"inline", "goroutine", "pool", "loop"} {
		t.Run(name, func(t *testing.T) {
			h := start(t)
			ctx := context.Background()
			rt := runtimesUnderTest[name]()
			defer rt.Close(ctx)
			a := cache.NewCacheAsync(h.c, rt)
			changes, errc := make(chan string, 10), make(chan error, 1)
			n := 0
			s := a.Watch(ctx, func(c cache.Change) bool {
				changes <- show(c)
				n++
				return n < 3 // stop at the deletion
			}, func(err error) { errc <- err })
			if err := s.Send("k"); err != nil {
				t.Fatalf("Send: %v", err)
			}
			followK(t, h, changes)
			if _, err := h.c.Delete(ctx, "k"); err != nil {
				t.Fatal(err)
			}
			if got := recv(t, changes); got != "k-" {
				t.Errorf("change %s, want k-", got)
			}
			if err := recv(t, errc); err != nil {
				t.Errorf("done(%v) after each stopped, want nil", err)
			}
			noSessions(t, h)
		})
	}
}
