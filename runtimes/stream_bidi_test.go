package runtimes_test

import (
	"context"
	"errors"
	"iter"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/goroutine"
	"github.com/shimgen/shimgen/runtimes/loop"
)

var bidiMethod = runtimes.Method{Interface: "Room", Name: "Chat"}

// echo is a blocking bidirectional implementation: it yields each item it
// pulls times ten, then the context's error if it ended.
func echo(ctx context.Context, items iter.Seq[int]) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for v := range items {
			if !yield(v*10, nil) {
				return
			}
		}
		if err := ctx.Err(); err != nil {
			yield(0, err)
		}
	}
}

// tens is 0, 10, ..., 10(n-1).
func tens(n int) []int {
	out := ints(n)
	for i := range out {
		out[i] *= 10
	}
	return out
}

// received collects what each received, from any goroutine.
type received struct {
	mu    sync.Mutex
	items []int
	stop  int // each returns false at this many items, if > 0
}

func (r *received) each(v int) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.items = append(r.items, v)
	return r.stop == 0 || len(r.items) < r.stop
}

func (r *received) got() []int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.items)
}

func TestStartBidiEchoes(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t, runtimes.WithStreamWindow(2))
		rc := &received{}
		done, errs := doneOnce(t)
		s := runtimes.StartBidi(fx.rt, bounded(t), &bidiMethod, echo, rc.each, done)
		p := recv(t, pump(s, 200))
		if p.err != nil || p.maxHeld > 2 {
			t.Errorf("pump: %+v", p)
		}
		if err := recvErr(t, errs); err != nil {
			t.Errorf("done(%v)", err)
		}
		if got := rc.got(); !slices.Equal(got, tens(200)) {
			t.Errorf("received %v", got)
		}
	})
}

// each returning false stops the stream: the implementation's context
// ends, the sender's next Send fails, done(nil) follows.
func TestStartBidiConsumerStops(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		rc := &received{stop: 3}
		done, errs := doneOnce(t)
		s := runtimes.StartBidi(fx.rt, bounded(t), &bidiMethod, echo, rc.each, done)
		for i := 0; ; i++ {
			if i == 10000 {
				t.Fatal("Send never failed")
			}
			if !s.Ready() {
				ready := newSignal()
				s.OnReady(ready.fire)
				ready.await(t, "OnReady")
			}
			if err := s.Send(i); err != nil {
				if !errors.Is(err, runtimes.ErrStreamDone) {
					t.Errorf("Send: %v, want ErrStreamDone", err)
				}
				break
			}
		}
		if err := recvErr(t, errs); err != nil {
			t.Errorf("done(%v), want nil after a stop", err)
		}
		if got := rc.got(); !slices.Equal(got, tens(3)) {
			t.Errorf("received %v", got)
		}
	})
}

func TestDirectBidi(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		items, err := splitPairs(t, pairsOf(runtimes.DirectBidi(fx.rt, bounded(t), &bidiMethod, seqOf(50), echo)))
		if err != nil || !slices.Equal(items, tens(50)) {
			t.Errorf("got %v, %v", items, err)
		}
		ctx, cancel := context.WithCancel(bounded(t))
		defer cancel()
		n := 0
		for v, err := range runtimes.DirectBidi(fx.rt, ctx, &bidiMethod, seqOf(50), echo) {
			if err != nil {
				if !errors.Is(err, context.Canceled) || n != 3 {
					t.Errorf("after %d items: %v, want context.Canceled after 3", n, err)
				}
				continue
			}
			if v != n*10 {
				t.Errorf("item %d is %d", n, v)
			}
			if n++; n == 3 {
				cancel()
			}
		}
	})
}

// bidiSeq is the blocking form of a bidirectional stream over a callback
// implementation made by StartBidi on impl.
func bidiSeq(rt, impl *runtimes.Runtime, ctx context.Context, items iter.Seq[int], open func(context.Context, iter.Seq[int]) iter.Seq2[int, error]) iter.Seq2[int, error] {
	return runtimes.AwaitBidi(rt, ctx, &bidiMethod, items, func(ctx context.Context, each func(int) bool, done func(error)) runtimes.Sender[int] {
		return runtimes.StartBidi(impl, ctx, nil, open, each, done)
	})
}

func TestAwaitBidiEchoes(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t, runtimes.WithStreamWindow(2))
		other := goroutine.New(runtimes.WithStreamWindow(2))
		defer other.Close(bounded(t))
		for _, impl := range []*runtimes.Runtime{fx.rt, other} {
			items, err := splitPairs(t, pairsOf(bidiSeq(fx.rt, impl, bounded(t), seqOf(300), echo)))
			if err != nil || !slices.Equal(items, tens(300)) {
				t.Errorf("got %d items, %v", len(items), err)
			}
		}
	})
}

// Breaking out of the range stops the sending goroutine and the
// implementation; a cancel ends the stream with the context's error.
func TestAwaitBidiEnds(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		var pulled atomic.Int64
		n := 0
		for range bidiSeq(fx.rt, fx.rt, bounded(t), pulledFrom(seqOf(1<<20), &pulled), echo) {
			if n++; n == 5 {
				break
			}
		}
		ctx, cancel := context.WithCancel(bounded(t))
		defer cancel()
		var last error
		for v, err := range bidiSeq(fx.rt, fx.rt, ctx, seqOf(1<<20), echo) {
			if err != nil {
				last = err
			} else if v == 30 {
				cancel()
			}
		}
		if !errors.Is(last, context.Canceled) {
			t.Errorf("err %v, want context.Canceled", last)
		}
	})
}

// A panic in the caller's items is raised on the ranging goroutine.
func TestAwaitBidiItemsPanic(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		bad := func(yield func(int) bool) {
			yield(1)
			panic("items")
		}
		defer func() {
			pe, ok := recover().(*runtimes.PanicError)
			if !ok || pe.Value != "items" {
				t.Errorf("recovered %v, want the items' panic", pe)
			}
		}()
		for range bidiSeq(fx.rt, fx.rt, bounded(t), bad, func(ctx context.Context, items iter.Seq[int]) iter.Seq2[int, error] {
			return func(yield func(int, error) bool) {
				for range items {
				}
				<-ctx.Done()
			}
		}) {
		}
		t.Error("the range ended without the panic")
	})
}

func TestAwaitBidiOnLoop(t *testing.T) {
	l := loop.New(loop.Config{})
	runErr := l.Go()
	rt := l.Runtime()
	var err error
	if e := rt.RunOnLoop(bounded(t), func() {
		_, err = splitPairs(t, pairsOf(bidiSeq(rt, rt, context.Background(), seqOf(1), echo)))
	}); e != nil {
		t.Fatal(e)
	}
	if !errors.Is(err, runtimes.ErrWouldDeadlock) {
		t.Errorf("err %v, want ErrWouldDeadlock", err)
	}
	if err := l.Close(bounded(t)); err != nil {
		t.Error(err)
	}
	if err := recvErr(t, runErr); err != nil {
		t.Error(err)
	}
}
