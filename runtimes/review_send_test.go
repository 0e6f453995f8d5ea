package runtimes_test

import (
	"context"
	"errors"
	"iter"
	"sync"
	"testing"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/goroutine"
)

// panickyItems is the caller's items: one item, then a panic.
func panickyItems(yield func(int) bool) {
	yield(1)
	panic("items")
}

// A panic in the caller's items (or loop body) propagates from AwaitSend,
// DirectSend, DirectBidi and AwaitBidi,
// and the observer's Probe still ends, exactly once, as a panic (as
// AwaitBidi reports it).
func TestReviewObserverEndsOnItemsPanic(t *testing.T) {
	paths := []struct {
		name string
		run  func(rt *runtimes.Runtime, ctx context.Context)
	}{
		{"AwaitSend", func(rt *runtimes.Runtime, ctx context.Context) {
			awaitUpload(rt, ctx, &sendMethod, panickyItems, (&inboxSum{rt: rt}).upload)
		}},
		{"DirectSend", func(rt *runtimes.Runtime, ctx context.Context) {
			var n int
			runtimes.DirectSend(rt, ctx, &sendMethod, panickyItems, sum(&n))
		}},
		{"DirectBidiBody", func(rt *runtimes.Runtime, ctx context.Context) {
			for range runtimes.DirectBidi(rt, ctx, &bidiMethod, seqOf(5), echo) {
				panic("items") // the loop body, this time
			}
		}},
		{"AwaitBidiItems", func(rt *runtimes.Runtime, ctx context.Context) {
			plain := goroutine.New()
			defer plain.Close(ctx)
			for range bidiSeq(rt, plain, ctx, panickyItems, echo) {
			}
		}},
		{"AwaitBidiBody", func(rt *runtimes.Runtime, ctx context.Context) {
			plain := goroutine.New()
			defer plain.Close(ctx)
			for range bidiSeq(rt, plain, ctx, seqOf(5), echo) {
				panic("items") // the loop body, this time
			}
		}},
	}
	forEach(t, func(t *testing.T, a adapter) {
		for _, p := range paths {
			t.Run(p.name, func(t *testing.T) {
				rec := &recorder{}
				rt := openObserved(t, a, runtimes.WithObserver(rec))
				func() {
					defer func() {
						v := recover()
						if pe, ok := v.(*runtimes.PanicError); ok && p.name == "AwaitBidiItems" {
							v = pe.Value // raised again on the ranging goroutine
						}
						if v != "items" {
							t.Errorf("recovered %v, want the items' panic", v)
						}
					}()
					p.run(rt, bounded(t))
				}()
				c := rec.only(t)
				if c.ended != 1 || c.end.Outcome != runtimes.OutcomePanic {
					t.Errorf("ended %d times, with %v; want once, with a panic", c.ended, c.end.Outcome)
				}
			})
		}
	})
}

// A bidirectional implementation may pull its items on a goroutine of its
// own (reading and writing at once), which it does not wait for once the
// consumer stopped: under DirectBidi as under StartBidi, that is no data
// race with the caller's goroutine.
func TestReviewDirectBidiItemsOnAnotherGoroutine(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		var wg sync.WaitGroup
		open := func(ctx context.Context, items iter.Seq[int]) iter.Seq2[int, error] {
			return func(yield func(int, error) bool) {
				ch := make(chan int)
				wg.Add(1)
				go func() {
					defer wg.Done()
					for v := range items {
						select {
						case ch <- v * 10:
						case <-ctx.Done():
							return
						}
					}
					close(ch)
				}()
				for v := range ch {
					if !yield(v, nil) {
						return // the reader ends with ctx
					}
				}
			}
		}
		for v, err := range runtimes.DirectBidi(fx.rt, bounded(t), &bidiMethod, seqOf(50), open) {
			if err != nil || v != 0 {
				t.Errorf("got (%d, %v)", v, err)
			}
			break
		}
		wg.Wait()
	})
}

// A panic in an Inbox's recv is a panic of the implementation: with a
// callback-panic handler it does not pass for a received item, the stream
// ends with the *PanicError, as a panic of a Flow's OnReady function does.
func TestReviewInboxRecvPanic(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t, runtimes.WithCallbackPanicHandler(func(*runtimes.PanicError) {}))
		done, errs := doneOnce(t)
		in := runtimes.Receive(fx.rt, bounded(t), func(v int) {
			if v == 1 {
				panic("recv")
			}
		}, done)
		recv(t, pump(in, 5))
		var pe *runtimes.PanicError
		if err := recvErr(t, errs); !errors.As(err, &pe) || pe.Value != "recv" {
			t.Errorf("closed(%v), want the recv's panic", err)
		}
	})
}

// An implementation that returned nil succeeded: done says so even when the
// caller's OnReady function, which the end of the stream runs, cancels the
// caller's context on learning that the stream is over.
func TestReviewStartSendOnReadyCancelsAfterSuccess(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t, runtimes.WithStreamWindow(2))
		ctx, cancel := context.WithCancel(bounded(t))
		defer cancel()
		parked := make(chan struct{})
		done, errs := doneOnce(t)
		s := runtimes.StartSend(fx.rt, ctx, &sendMethod, func(ctx context.Context, items iter.Seq[int]) error {
			<-parked // it needs none of the items
			return nil
		}, done)
		for i := 0; s.Ready(); i++ {
			if err := s.Send(i); err != nil {
				t.Fatalf("Send: %v", err)
			}
		}
		s.OnReady(func() {
			if s.Send(9) != nil {
				cancel() // the stream is over: let the context go
			}
		})
		close(parked)
		if err := recvErr(t, errs); err != nil {
			t.Errorf("done(%v), want nil: the implementation returned nil", err)
		}
	})
}

// A loop body that panics on the final error pair panics after the stream
// ended: the Probe ended once, with that error.
func TestReviewObserverEndsOnceOnFinalPairPanic(t *testing.T) {
	failing := func(ctx context.Context, items iter.Seq[int]) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) { yield(0, errStopAt) }
	}
	paths := []struct {
		name string
		seq  func(rt *runtimes.Runtime, ctx context.Context) iter.Seq2[int, error]
	}{
		{"DirectBidi", func(rt *runtimes.Runtime, ctx context.Context) iter.Seq2[int, error] {
			return runtimes.DirectBidi(rt, ctx, &bidiMethod, seqOf(5), failing)
		}},
		{"AwaitBidi", func(rt *runtimes.Runtime, ctx context.Context) iter.Seq2[int, error] {
			plain := goroutine.New()
			t.Cleanup(func() { plain.Close(context.Background()) })
			return bidiSeq(rt, plain, ctx, seqOf(5), failing)
		}},
	}
	forEach(t, func(t *testing.T, a adapter) {
		for _, p := range paths {
			t.Run(p.name, func(t *testing.T) {
				rec := &recorder{}
				rt := openObserved(t, a, runtimes.WithObserver(rec))
				func() {
					defer func() {
						if v := recover(); v != "body" {
							t.Errorf("recovered %v, want the body's panic", v)
						}
					}()
					for _, err := range p.seq(rt, bounded(t)) {
						if err != nil {
							panic("body")
						}
					}
				}()
				c := rec.only(t)
				if c.ended != 1 || !errors.Is(c.end.Err, errStopAt) {
					t.Errorf("ended %d times, last with %v; want once, with %v", c.ended, c.end.Err, errStopAt)
				}
			})
		}
	})
}
