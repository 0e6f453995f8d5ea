package runtimes_test

import (
	"context"
	"errors"
	"iter"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/loop"
)

// counting is a blocking producer of the items 0..n-1 that stops when its
// context ends.
func counting(n int) runtimes.Source[int] {
	return openFunc(func(ctx context.Context) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			for i := range n {
				if ctx.Err() != nil || !yield(i, nil) {
					return
				}
			}
		}
	})
}

// bridged is the double bridge: the blocking form (Iterate) over the
// callback form (StreamCall.Start) over the blocking producer src, all on
// rt.
func bridged(rt *runtimes.Runtime, ctx context.Context, src runtimes.Source[int]) iter.Seq2[int, error] {
	return iterateSeq(rt, ctx, 0, invokeFunc(func(ctx context.Context, each func(int) bool, done func(error)) {
		runtimes.StreamCall[int]{}.Start(rt, ctx, 0, src, each, done)
	}))
}

// checkPrefix fails t unless items are 0, 1, 2, ...
func checkPrefix(t *testing.T, items []int) {
	t.Helper()
	for i, v := range items {
		if v != i {
			t.Fatalf("items %v out of order", items)
		}
	}
}

// TestStreamBridgeSlowConsumer ranges over the double bridge on a loop with
// a slow consumer that breaks early, so that the delivery pauses on the
// flow again and again while the producer keeps handing items: done must
// run once, and the runtime must stay open and drain.
func TestStreamBridgeSlowConsumer(t *testing.T) {
	for range 200 {
		m := newMisuses()
		l := loop.New(loop.Config{}, m.option(), runtimes.WithStreamWindow(2))
		run := running(l)
		rt := l.Runtime()
		got := 0
		for _, err := range bridged(rt, bounded(t), counting(24)) {
			if err != nil {
				t.Fatal(err)
			}
			got++
			time.Sleep(20 * time.Microsecond) // the producer is much faster
			if got == 20 {
				break
			}
		}
		if rt.Closed() {
			t.Fatal("the runtime looks closed after a stream")
		}
		closeWithin(t, rt)
		if err := recvErr(t, run); err != nil {
			t.Fatal(err)
		}
		m.none(t)
	}
}

// running runs l on a goroutine and returns where Run's error arrives.
func running(l *loop.Loop) <-chan error {
	ch := make(chan error, 1)
	go func() { ch <- l.Run() }()
	return ch
}

// closeWithin closes rt, failing t if that takes longer than patience.
func closeWithin(t *testing.T, rt *runtimes.Runtime) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	if err := rt.Close(ctx); err != nil {
		t.Fatalf("Close: %v", err)
	}
}

// refusals are the loop faults the refusal tests sweep: a refusal of the
// k-th Post, once or from then on, at once or after a delay.
func refusals(posts int) []faults {
	var fs []faults
	for k := 1; k <= posts; k++ {
		for _, once := range []bool{true, false} {
			fs = append(fs, faults{refuseAt: int64(k), refuseOnce: once, refuseWait: time.Duration(k%3) * 10 * time.Microsecond})
		}
	}
	return fs
}

// TestStreamLoopRefusesMidStream starts a stream on a loop that refuses one
// of its Posts (once, or from then on) while it delivers: done must run
// exactly once, with nil or ErrClosed, in bounded time, and Close drains.
func TestStreamLoopRefusesMidStream(t *testing.T) {
	for _, f := range refusals(24) {
		rt := newFaultRuntime(faults{}, f, runtimes.WithStreamWindow(2))
		var items []int
		ended := make(chan error, 2)
		runtimes.StreamCall[int]{}.Start(rt, context.Background(), 0, counting(40),
			func(v int) bool { items = append(items, v); return true },
			func(err error) { ended <- err })
		err := recvErr(t, ended)
		if err != nil && !errors.Is(err, runtimes.ErrClosed) {
			t.Errorf("%+v: done(%v), want nil or ErrClosed", f, err)
		}
		if err == nil && len(items) != 40 {
			t.Errorf("%+v: done(nil) after %d items", f, len(items))
		}
		checkPrefix(t, items)
		closeWithin(t, rt)
		checkNotYet(t, ended, "a second done")
	}
}

// TestStreamBridgeLoopRefuses ranges over the double bridge on a loop that
// refuses one of its Posts (the producer's invocation, a delivery or a
// Flow's OnReady): the range must end, with nil or ErrClosed, and Close
// drains.
func TestStreamBridgeLoopRefuses(t *testing.T) {
	for _, f := range refusals(24) {
		m := newMisuses()
		rt := newFaultRuntime(faults{}, f, m.option(), runtimes.WithStreamWindow(2))
		ended := make(chan []streamPair, 1)
		go func() { ended <- pairsOf(bridged(rt, context.Background(), counting(40))) }()
		items, err := splitPairs(t, recv(t, ended))
		if err != nil && !errors.Is(err, runtimes.ErrClosed) {
			t.Errorf("%+v: the range ended with %v, want nil or ErrClosed", f, err)
		}
		if err == nil && len(items) != 40 {
			t.Errorf("%+v: the range ended cleanly after %d items", f, len(items))
		}
		checkPrefix(t, items)
		closeWithin(t, rt)
		m.none(t)
	}
}
