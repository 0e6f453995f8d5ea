package runtimes_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/internal/goid"
)

// countTo is a well-behaved blocking producer of 0..n-1 (n < 0: forever)
// that stops when yield returns false. It ignores its context.
func countTo(n int) openFunc {
	return func(context.Context) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			for i := 0; n < 0 || i < n; i++ {
				if !yield(i, nil) {
					return
				}
			}
		}
	}
}

// panicAfter is a blocking producer that yields 0..n-1, then panics with v.
func panicAfter(n int, v any) openFunc {
	return func(context.Context) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			for i := range n {
				if !yield(i, nil) {
					return
				}
			}
			panic(v)
		}
	}
}

// blockAfterFirst is a blocking producer that yields 0, then waits for the
// end of its context and, with fail, yields ctx.Err() as its error (else
// it returns cleanly).
func blockAfterFirst(fail bool) openFunc {
	return func(ctx context.Context) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			if !yield(0, nil) {
				return
			}
			<-ctx.Done()
			if fail {
				yield(0, ctx.Err())
			}
		}
	}
}

// counted counts the calls of src's Open.
func counted(opened *atomic.Int32, src openFunc) openFunc {
	return func(ctx context.Context) iter.Seq2[int, error] {
		opened.Add(1)
		return src(ctx)
	}
}

func adapterNamed(name string) adapter {
	for _, a := range adapters {
		if a.name == name {
			return a
		}
	}
	panic("no adapter " + name)
}

func TestStreamDirectItems(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		for _, timeout := range []time.Duration{0, time.Hour} {
			m := newMisuses()
			fx := a.fixture(t, m.option())
			caller := goid.Current()
			var (
				gid  uint64
				pctx context.Context
			)
			src := func(ctx context.Context) iter.Seq2[int, error] {
				pctx, gid = ctx, goid.Current()
				return countTo(100)(ctx)
			}
			items, err := splitPairs(t, pairsOf(directSeq(fx.rt, context.Background(), timeout, openFunc(src))))
			checkItems(t, items, 100)
			if err != nil {
				t.Errorf("timeout %v: the stream ended with %v", timeout, err)
			}
			if gid != caller {
				t.Error("the producer did not run on the ranging goroutine")
			}
			if _, ok := pctx.Deadline(); ok != (timeout > 0) {
				t.Errorf("timeout %v: the producer's context has a deadline: %v", timeout, ok)
			}
			m.none(t)
		}
	})
}

func TestStreamDirectProducerError(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		afterErr := make(chan bool, 1)
		src := openFunc(func(context.Context) iter.Seq2[int, error] {
			return func(yield func(int, error) bool) {
				for i := range 3 {
					if !yield(i, nil) {
						return
					}
				}
				afterErr <- yield(7, errBoom) // the item beside an error is dropped
			}
		})
		items, err := splitPairs(t, pairsOf(directSeq(fx.rt, context.Background(), 0, src)))
		checkItems(t, items, 3)
		if err != errBoom {
			t.Errorf("final error %v, want errBoom", err)
		}
		if recv(t, afterErr) {
			t.Error("the producer's yield of its error returned true: the stream goes on")
		}
		// A consumer that breaks on the final pair is fine.
		for _, err := range directSeq(fx.rt, context.Background(), 0, src) {
			if err != nil {
				break
			}
		}
		recv(t, afterErr)
	})
}

func TestStreamDirectProducerPanic(t *testing.T) {
	cases := []struct {
		name  string
		value any
	}{
		{"error value", errBoom},
		{"string value", "bad"},
	}
	forEach(t, func(t *testing.T, a adapter) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				m := newMisuses()
				fx := a.fixture(t, m.option())
				items, err := splitPairs(t, pairsOf(directSeq(fx.rt, context.Background(), 0, panicAfter(2, tc.value))))
				checkItems(t, items, 2)
				checkPanicEnd(t, err, tc.value, "panicAfter")
				items, err = splitPairs(t, pairsOf(directSeq(fx.rt, context.Background(), 0, countTo(3))))
				if checkItems(t, items, 3); err != nil {
					t.Errorf("after a panic: %v", err)
				}
				m.none(t)
			})
		}
	})
}

// bodyPanic is the value a loop body panics with.
type bodyPanic struct{ at int }

func TestStreamDirectBodyPanic(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		m := newMisuses()
		fx := a.fixture(t, m.option())
		var (
			cleaned bool
			pctx    context.Context
		)
		src := openFunc(func(ctx context.Context) iter.Seq2[int, error] {
			pctx = ctx
			return func(yield func(int, error) bool) {
				defer func() { cleaned = true }()
				countTo(-1)(ctx)(yield)
			}
		})
		want := &bodyPanic{at: 2}
		got := func() (v any) {
			defer func() { v = recover() }()
			for v := range directSeq(fx.rt, context.Background(), 0, src) {
				if v == 2 {
					panic(want)
				}
			}
			return nil
		}()
		if got != want {
			t.Fatalf("recovered %#v, want the body's own panic value %p", got, want)
		}
		if !cleaned {
			t.Error("the producer's deferred cleanup has not run")
		}
		if pctx.Err() == nil {
			t.Error("the producer's context outlives the stream")
		}
		items, err := splitPairs(t, pairsOf(directSeq(fx.rt, context.Background(), 0, countTo(2))))
		if checkItems(t, items, 2); err != nil {
			t.Errorf("after a body panic: %v", err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), patience)
		defer cancel()
		if err := fx.rt.Close(ctx); err != nil {
			t.Errorf("Close after a body panic: %v (a call left pending?)", err)
		}
		m.none(t)
	})
}

func TestStreamDirectBreak(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		m := newMisuses()
		fx := a.fixture(t, m.option())
		var (
			cleaned, refused, canceled bool
			pctx                       context.Context
		)
		src := openFunc(func(ctx context.Context) iter.Seq2[int, error] {
			pctx = ctx
			return func(yield func(int, error) bool) {
				defer func() { cleaned = true }()
				for i := 0; ; i++ {
					if !yield(i, nil) {
						refused, canceled = true, ctx.Err() != nil
						return
					}
				}
			}
		})
		n := 0
		for v, err := range directSeq(fx.rt, context.Background(), 0, src) {
			if err != nil {
				t.Errorf("pair (%d, %v)", v, err)
			}
			if n++; v == 2 {
				break
			}
		}
		switch {
		case n != 3:
			t.Errorf("%d pairs, want 3", n)
		case !refused:
			t.Error("the producer's yield did not return false after the break")
		case !canceled:
			t.Error("the producer's context is not canceled when its yield returns false")
		case !cleaned:
			t.Error("the producer's deferred cleanup has not run when the range returned")
		case pctx.Err() == nil:
			t.Error("the producer's context is not canceled after the break")
		}
		m.none(t)
	})
}

func TestStreamDirectPanicAfterBreak(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		m := newMisuses()
		fx := a.fixture(t, m.option())
		src := openFunc(func(ctx context.Context) iter.Seq2[int, error] {
			return func(yield func(int, error) bool) {
				defer panic("in cleanup")
				countTo(-1)(ctx)(yield)
			}
		})
		n := 0
		for range directSeq(fx.rt, context.Background(), 0, src) {
			n++
			break
		}
		if n != 1 {
			t.Errorf("%d pairs, want 1", n)
		}
		var pe *runtimes.PanicError
		if err := recvErr(t, m.ch); !errors.As(err, &pe) || pe.Value != "in cleanup" {
			t.Errorf("misuse report %v, want the producer's late panic", err)
		}
	})
}

func TestStreamDirectContextCanceled(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		t.Run("in the body", func(t *testing.T) {
			ctx, cancel := context.WithCancelCause(context.Background())
			defer cancel(nil)
			var ps []streamPair
			for v, err := range directSeq(fx.rt, ctx, 0, countTo(100)) {
				ps = append(ps, streamPair{v, err})
				if v == 2 && err == nil {
					cancel(errBoom) // the stream ends with ctx.Err(), not the cause
				}
			}
			items, err := splitPairs(t, ps)
			checkItems(t, items, 3)
			if err != context.Canceled {
				t.Errorf("final error %v, want context.Canceled", err)
			}
		})
		for _, fail := range []bool{false, true} {
			t.Run(fmt.Sprintf("producer waits, fails %v", fail), func(t *testing.T) {
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				var ps []streamPair
				for v, err := range directSeq(fx.rt, ctx, 0, blockAfterFirst(fail)) {
					ps = append(ps, streamPair{v, err})
					if err == nil {
						go cancel()
					}
				}
				items, err := splitPairs(t, ps)
				checkItems(t, items, 1)
				if err != context.Canceled {
					t.Errorf("producer fails %v: final error %v, want context.Canceled", fail, err)
				}
			})
		}
	})
}

func TestStreamDirectTimeout(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		for _, tc := range deadlineCases(t) {
			for _, fail := range []bool{false, true} {
				items, err := splitPairs(t, pairsOf(directSeq(fx.rt, tc.ctx, tc.timeout, blockAfterFirst(fail))))
				if len(items) > 1 || err != context.DeadlineExceeded {
					t.Errorf("%s, producer fails %v: %v, %v; want [0], DeadlineExceeded", tc.name, fail, items, err)
				}
			}
		}
	})
}

func TestStreamDirectClose(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		for _, fail := range []bool{false, true} {
			fx := a.fixture(t)
			ctx, cancel := context.WithTimeout(context.Background(), patience)
			defer cancel()
			closed := make(chan error, 1)
			var ps []streamPair
			for v, err := range directSeq(fx.rt, bounded(t), 0, blockAfterFirst(fail)) {
				ps = append(ps, streamPair{v, err})
				if err != nil {
					continue
				}
				go func() { closed <- fx.rt.Close(ctx) }()
				select {
				case err := <-closed:
					t.Errorf("Close returned (%v) while a stream was ranging", err)
				case <-time.After(brief):
				}
			}
			items, err := splitPairs(t, ps)
			checkItems(t, items, 1)
			if err != runtimes.ErrClosed {
				t.Errorf("producer fails %v: final error %v, want ErrClosed", fail, err)
			}
			if err := recvErr(t, closed); err != nil {
				t.Errorf("Close: %v", err)
			}
		}
	})
}

func TestStreamDirectRefused(t *testing.T) {
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		var opened atomic.Int32
		src := counted(&opened, countTo(3))
		check := func(what string, ps []streamPair, want error) {
			t.Helper()
			if len(ps) != 1 || ps[0] != (streamPair{0, want}) {
				t.Errorf("%s: %v, want a single (0, %v)", what, ps, want)
			}
		}
		check("canceled", pairsOf(directSeq(fx.rt, canceled, 0, src)), context.Canceled)
		if err := fx.rt.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		check("closed", pairsOf(directSeq(fx.rt, context.Background(), 0, src)), runtimes.ErrClosed)
		for range directSeq(fx.rt, context.Background(), 0, src) {
			break // a consumer that stops at the refusal
		}
		if n := opened.Load(); n != 0 {
			t.Errorf("Open called %d times", n)
		}
	})
}

func TestStreamDirectOnLoop(t *testing.T) {
	fx := adapterNamed("loop").fixture(t)
	var opened atomic.Int32
	src := counted(&opened, countTo(3))
	got := make(chan []streamPair, 1)
	if err := fx.loop.Post(runtimes.TaskFunc(func() {
		got <- pairsOf(directSeq(fx.rt, context.Background(), 0, src))
	})); err != nil {
		t.Fatal(err)
	}
	if ps := recv(t, got); len(ps) != 1 || ps[0] != (streamPair{0, runtimes.ErrWouldDeadlock}) {
		t.Errorf("Direct on the loop: %v, want a single (0, ErrWouldDeadlock)", ps)
	}
	if n := opened.Load(); n != 0 {
		t.Errorf("Open called %d times", n)
	}
}

func TestStreamDirectTwice(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		var opened atomic.Int32
		seq := directSeq(fx.rt, context.Background(), 0, counted(&opened, countTo(3)))
		for range 2 {
			items, err := splitPairs(t, pairsOf(seq))
			if checkItems(t, items, 3); err != nil {
				t.Error(err)
			}
		}
		if n := opened.Load(); n != 2 {
			t.Errorf("Open called %d times for two ranges", n)
		}
	})
}
