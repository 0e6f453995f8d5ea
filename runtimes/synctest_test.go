//go:build go1.25

package runtimes_test

import (
	"context"
	"errors"
	"iter"
	"testing"
	"testing/synctest"
	"time"

	"github.com/shimgen/shimgen/runtimes"
)

// The tests of this file run in a synctest bubble: time is fake and moves
// only when every goroutine of the bubble is blocked, so a deadline passes
// at exactly its instant, a test sees states in between (a producer
// waiting for room, a stream paused) by waiting for the bubble to settle,
// and synctest.Test fails if a goroutine of the runtime is left blocked at
// the end (no goroutine left, without counting them). They need Go 1.25,
// like testing/synctest; the runtimes module itself stays at go 1.23.

// bubbled runs f in a bubble for each adapter, with a runtime built and
// started in the bubble and closed at the end of f.
func bubbled(t *testing.T, f func(t *testing.T, rt *runtimes.Runtime), opts ...runtimes.Option) {
	forEach(t, func(t *testing.T, a adapter) {
		synctest.Test(t, func(t *testing.T) {
			rt, l := a.open(opts...)
			var run <-chan error
			if l != nil {
				run = l.Go()
			}
			f(t, rt)
			if err := rt.Close(context.Background()); err != nil {
				t.Errorf("Close: %v", err)
			}
			if run != nil {
				if err := <-run; err != nil {
					t.Errorf("Run: %v", err)
				}
			}
		})
	})
}

// TestSynctestTimeoutEndsAtDeadline: a spec timeout ends each shape of call
// whose implementation never finishes at exactly its deadline, with
// DeadlineExceeded, and not an instant before.
func TestSynctestTimeoutEndsAtDeadline(t *testing.T) {
	const timeout = 30 * time.Second
	bubbled(t, func(t *testing.T, rt *runtimes.Runtime) {
		check := func(what string, begin time.Time, err error) {
			t.Helper()
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("%s: %v, want DeadlineExceeded", what, err)
			}
			if took := time.Since(begin); took != timeout {
				t.Errorf("%s ended after %v, want exactly %v", what, took, timeout)
			}
		}
		begin := time.Now()
		done := make(chan error, 1)
		rt.Start(context.Background(), timeout, &probe{run: func(ctx context.Context) (int, error) {
			<-ctx.Done()
			return 0, ctx.Err()
		}, done: func(_ int, err error) { done <- err }})
		check("Start", begin, <-done)

		begin = time.Now()
		err := rt.Wait(context.Background(), timeout, newWaiter(func(context.Context, func(int, error)) {})) // never completes
		check("Wait", begin, err)

		begin = time.Now()
		_, err = direct(rt, context.Background(), timeout, func(ctx context.Context) (int, error) {
			<-ctx.Done()
			return 0, ctx.Err()
		})
		check("direct call", begin, err)

		begin = time.Now()
		var last error
		for _, e := range iterateSeq(rt, context.Background(), timeout, invokeFunc(func(context.Context, func(int) bool, func(error)) {})) {
			last = e
		}
		check("range over a callback producer", begin, last)

		begin = time.Now()
		last = nil
		for _, e := range directSeq(rt, context.Background(), timeout, openFunc(func(ctx context.Context) iter.Seq2[int, error] {
			return func(yield func(int, error) bool) { <-ctx.Done() }
		})) {
			last = e
		}
		check("direct range", begin, last)
	})
}

// TestSynctestDeadlineOutlivesCall: the context a call with a timeout gave
// its implementation lives on after the call returned, until exactly the
// deadline, then ends with DeadlineExceeded; nothing is left running after
// that (the bubble would not end otherwise).
func TestSynctestDeadlineOutlivesCall(t *testing.T) {
	const timeout = 10 * time.Second
	bubbled(t, func(t *testing.T, rt *runtimes.Runtime) {
		begin := time.Now()
		kept := make(chan context.Context, 1)
		done := make(chan error, 1)
		rt.Start(context.Background(), timeout, &probe{run: func(ctx context.Context) (int, error) {
			kept <- ctx
			return 1, nil
		}, done: func(_ int, err error) { done <- err }})
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		ctx := <-kept
		ended := ctx.Done() // armed by a watcher after the call returned
		time.Sleep(timeout - time.Nanosecond - time.Since(begin))
		synctest.Wait()
		if err := ctx.Err(); err != nil {
			t.Fatalf("the call's context ended %v before its deadline: %v", time.Nanosecond, err)
		}
		<-ended
		if took := time.Since(begin); took != timeout {
			t.Errorf("the call's context ended after %v, want %v", took, timeout)
		}
		if err := ctx.Err(); err != context.DeadlineExceeded {
			t.Errorf("the call's context: %v, want DeadlineExceeded", err)
		}
	})
}

// TestSynctestStreamPausesOnSlowConsumer: a slow consumer (a second an
// item, fake time) of each stream shape makes the producer wait for room:
// once the bubble settles, never more than the window of items was produced
// ahead, and the stream takes exactly the consumer's time.
func TestSynctestStreamPausesOnSlowConsumer(t *testing.T) {
	const (
		window = 2
		items  = 8
	)
	bubbled(t, func(t *testing.T, rt *runtimes.Runtime) {
		var f flight
		source := openFunc(func(ctx context.Context) iter.Seq2[int, error] {
			return func(yield func(int, error) bool) {
				for i := range items {
					f.produce()
					if !yield(i, nil) {
						return
					}
				}
			}
		})
		// An item is counted before the producer hands it on, so one more
		// than the window may be in flight; the double bridge has a window
		// on each of its two hops.
		check := func(what string, begin time.Time, n int, err error, most int64) {
			t.Helper()
			if err != nil || n != items {
				t.Errorf("%s: %d items, %v", what, n, err)
			}
			if m := f.max.Load(); m > most {
				t.Errorf("%s: %d items in flight at most, want <= %d", what, m, most)
			}
			if took := time.Since(begin); took != items*time.Second {
				t.Errorf("%s took %v, want %v", what, took, items*time.Second)
			}
			f = flight{}
		}
		// The callback form over the blocking producer.
		begin := time.Now()
		n, ended := 0, make(chan error, 1)
		runtimes.StreamCall[int]{}.Start(rt, context.Background(), 0, source, func(int) bool {
			f.consume()
			time.Sleep(time.Second)
			n++
			return true
		}, func(err error) { ended <- err })
		check("StreamCall.Start", begin, n, <-ended, window+1)
		// The blocking form over a callback producer that respects the flow.
		// slowly ranges over seq, a second an item.
		slowly := func(seq iter.Seq2[int, error]) (n int, err error) {
			for _, e := range seq {
				if e != nil {
					return n, e
				}
				f.consume()
				time.Sleep(time.Second)
				n++
			}
			return n, nil
		}
		begin = time.Now()
		n, err := slowly(iterateSeq(rt, context.Background(), 0, &coop{n: items, ready: func(int) { f.produce() }}))
		check("StreamWait.Iterate", begin, n, err, window+1)
		// The double bridge.
		begin = time.Now()
		n, err = slowly(iterateSeq(rt, context.Background(), 0, invokeFunc(func(ctx context.Context, each func(int) bool, done func(error)) {
			runtimes.StreamCall[int]{}.Start(rt, ctx, 0, source, each, done)
		})))
		most := int64(2*window + 1)
		if isInline(rt) {
			most = items // an inline executor runs the producer through inside Start
		}
		check("double bridge", begin, n, err, most)
	}, runtimes.WithStreamWindow(window))
}

// isInline reports whether rt's executor runs tasks inline.
func isInline(rt *runtimes.Runtime) bool {
	in, ok := rt.Executor().(interface{ Inline() bool })
	return ok && in.Inline()
}
