package cache_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/shimgen/shimgen/examples/cache"
	"github.com/shimgen/shimgen/runtimes"
)

// fillKeys sets n keys prefix0000, prefix0001, … and returns them.
func fillKeys(t *testing.T, c cache.Cache, prefix string, n int) []string {
	t.Helper()
	var keys []string
	for i := range n {
		k := fmt.Sprintf("%s%04d", prefix, i)
		if err := c.Set(context.Background(), k, []byte(k), 0); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k)
	}
	return keys
}

// TestScanFlow ranges over the blocking form of Scan with a consumer that
// stalls at the start: Scan pauses when the window is full instead of
// running ahead, so a scan longer than the runtime's overflow limit
// completes, in order, with every value.
func TestScanFlow(t *testing.T) {
	h := start(t)
	want := fillKeys(t, h.c, "k", runtimes.DefaultStreamLimit+500)
	fillKeys(t, h.c, "x", 3)
	var got []string
	for item, err := range h.c.Scan(context.Background(), "k") {
		if err != nil {
			t.Fatalf("after %d items: %v", len(got), err)
		}
		if len(got) == 0 {
			time.Sleep(20 * time.Millisecond) // let a producer run ahead, if it would
		}
		if string(item.Value) != item.Key {
			t.Fatalf("item %+v", item)
		}
		got = append(got, item.Key)
	}
	if !slices.Equal(got, want) {
		t.Errorf("scanned %d keys, want %d in order", len(got), len(want))
	}
}

// TestScanStop breaks out early: the scan stops and the store keeps
// serving.
func TestScanStop(t *testing.T) {
	h := start(t)
	fillKeys(t, h.c, "k", 100)
	n := 0
	for _, err := range h.c.Scan(context.Background(), "") {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 3 {
			break
		}
	}
	if got, err := h.c.Len(context.Background()); err != nil || got != 100 {
		t.Errorf("Len after a stopped scan = %d, %v", got, err)
	}
}

// TestScanCancel cancels the context mid-scan: the stream ends with
// context.Canceled.
func TestScanCancel(t *testing.T) {
	h := start(t)
	fillKeys(t, h.c, "k", 100)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	var err error
	for _, err = range h.c.Scan(ctx, "") {
		if err != nil {
			break
		}
		n++
		cancel()
	}
	if !errors.Is(err, context.Canceled) || n != 1 {
		t.Errorf("%d items, %v; want 1 and Canceled", n, err)
	}
}

// TestScanCallback uses Scan natively on the loop, as loop code would: items
// in order, done once, every callback on the loop and none inside Scan.
func TestScanCallback(t *testing.T) {
	h := start(t)
	want := fillKeys(t, h.c, "k", 50)
	type result struct {
		keys    []string
		err     error
		offLoop bool
		inside  bool
	}
	ch := make(chan result, 2)
	h.onLoop(t, func() {
		var r result
		calling := true
		h.store.Scan(context.Background(), "k", func(item cache.Item) bool {
			r.keys = append(r.keys, item.Key)
			r.offLoop = r.offLoop || !h.lp.OnLoop()
			r.inside = r.inside || calling
			return true
		}, func(err error) {
			r.err = err
			r.inside = r.inside || calling
			ch <- r
		})
		calling = false
	})
	r := recv(t, ch)
	if !slices.Equal(r.keys, want) || r.err != nil || r.offLoop || r.inside {
		t.Errorf("scan: %d keys, %v, off loop %v, inside Scan %v", len(r.keys), r.err, r.offLoop, r.inside)
	}
}
