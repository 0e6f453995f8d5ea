package runtimes_test

import (
	"context"
	"errors"
	"iter"
	"sync"
	"sync/atomic"
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
	return l.Go()
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
			fs = append(fs, faults{RefuseAt: int64(k), RefuseOnce: once, RefuseWait: time.Duration(k%3) * 10 * time.Microsecond})
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

// closeOnCheck is the context a bridge hands to StreamCall.Start, made to
// close the runtime the first time somebody asks for its Err, and to answer
// only once the Close has ended it: it puts a Close after Start has counted
// the stream and before Start checks the context, the interleaving in which
// the soak saw a double bridge over a panicking producer end with
// context.Canceled.
type closeOnCheck struct {
	context.Context
	rt     *runtimes.Runtime
	once   sync.Once
	closed chan error
}

func (c *closeOnCheck) Err() error {
	c.once.Do(func() {
		go func() { c.closed <- c.rt.Close(context.Background()) }()
		<-c.Context.Done() // Close ends the stream's context with ErrClosed
	})
	return c.Context.Err()
}

// TestStreamBridgeClosedAtStart closes the runtime between StreamCall.Start
// counting the stream and checking its context, in the double bridge over a
// producer that would panic: the producer never runs, and the stream ends
// with ErrClosed, the documented error of a stream that Close ended, not
// with the context.Canceled of the bridge's context.
func TestStreamBridgeClosedAtStart(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		m := newMisuses()
		fx := a.fixture(t, m.option())
		var opened atomic.Bool
		src := openFunc(func(context.Context) iter.Seq2[int, error] {
			opened.Store(true)
			return func(func(int, error) bool) { panic("producer exploded") }
		})
		c := &closeOnCheck{rt: fx.rt, closed: make(chan error, 1)}
		ended := make(chan error, 2)
		seq := iterateSeq(fx.rt, bounded(t), 0, invokeFunc(func(ctx context.Context, each func(int) bool, done func(error)) {
			c.Context = ctx
			runtimes.StreamCall[int]{}.Start(fx.rt, c, 0, src, each, func(err error) {
				ended <- err
				done(err)
			})
		}))
		items, err := splitPairs(t, pairsOf(seq))
		if len(items) != 0 || !errors.Is(err, runtimes.ErrClosed) {
			t.Errorf("bridge: items %v, error %v; want none and ErrClosed", items, err)
		}
		// The consumer may have seen its own context end first: what the
		// callback form's done received is the deterministic part.
		if err := recvErr(t, ended); !errors.Is(err, runtimes.ErrClosed) {
			t.Errorf("StreamCall.Start: done(%v), want ErrClosed", err)
		}
		checkNotYet(t, ended, "a second done")
		if opened.Load() {
			t.Error("the producer was opened after Close")
		}
		if err := recvErr(t, c.closed); err != nil {
			t.Errorf("Close: %v", err)
		}
		select { // Close has drained: done ran and returned
		case err := <-ended:
			t.Errorf("StreamCall.Start: done called again, with %v", err)
		default:
		}
		m.none(t)
	})
}
