package runtimes_test

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
)

// TestCloseWhileStarting closes runtimes while many goroutines start calls
// in a tight loop: every call gets exactly one completion, a success or
// ErrClosed (success only if started before Close; the pool may also
// refuse with ErrOverloaded), nothing hangs, and
// Close returns.
func TestCloseWhileStarting(t *testing.T) {
	const (
		rounds    = 20
		starters  = 8
		perRunner = 200
	)
	forEach(t, func(t *testing.T, a adapter) {
		base := runtime.NumGoroutine()
		var ok, closed, over int64
		for range rounds {
			rt, l := a.open()
			var runErr <-chan error
			if l != nil {
				runErr = l.Go()
			}
			var (
				wg            sync.WaitGroup
				pending       sync.WaitGroup
				completed     = make([]atomic.Int32, starters*perRunner)
				okN, clN, ovN atomic.Int64
				ready         sync.WaitGroup
			)
			ready.Add(starters)
			for g := range starters {
				wg.Add(1)
				go func() {
					defer wg.Done()
					ready.Done()
					for i := range perRunner {
						id := g*perRunner + i
						pending.Add(1)
						after := rt.Closed() // Close began before this Start: ErrClosed
						rt.Start(context.Background(), 0, &probe{run: value(id), done: func(v int, err error) {
							defer pending.Done()
							if completed[id].Add(1) != 1 {
								t.Errorf("call %d completed twice", id)
							}
							switch {
							case err == nil && v == id && !after:
								okN.Add(1)
							case errors.Is(err, runtimes.ErrClosed):
								clN.Add(1)
							case errors.Is(err, runtimes.ErrOverloaded) && !after && a.name == "pool":
								ovN.Add(1)
							default:
								t.Errorf("call %d (after Close: %v): (%d, %v)", id, after, v, err)
							}
						}})
					}
				}()
			}
			ready.Wait()
			closeErr := make(chan error, 1)
			go func() {
				runtime.Gosched()
				ctx, cancel := context.WithTimeout(context.Background(), patience)
				defer cancel()
				closeErr <- rt.Close(ctx)
			}()
			if err := recvErr(t, closeErr); err != nil {
				t.Fatalf("Close: %v", err)
			}
			wg.Wait()
			allDone := make(chan struct{})
			go func() { pending.Wait(); close(allDone) }()
			select {
			case <-allDone:
			case <-time.After(patience):
				for id := range completed {
					if completed[id].Load() == 0 {
						t.Errorf("call %d never completed", id)
					}
				}
				t.FailNow()
			}
			if l != nil {
				if err := recvErr(t, runErr); err != nil {
					t.Errorf("Run: %v", err)
				}
			}
			ok += okN.Load()
			closed += clN.Load()
			over += ovN.Load()
		}
		t.Logf("%s: %d calls: %d completed, %d ErrClosed, %d ErrOverloaded", a.name, ok+closed+over, ok, closed, over)
		settleGoroutines(t, base)
	})
}

// TestCloseWhileWaiting closes runtimes while goroutines make blocking
// calls (Wait, a range over Iterate, a direct call) in a tight loop: each
// call either is refused with ErrClosed without running its
// implementation, or is admitted, runs and ends normally before Close
// returns. An implementation that starts after Close returned was
// admitted after the drain (a close landing between a closed check and the
// count of the pending call): the test fails on it.
func TestCloseWhileWaiting(t *testing.T) {
	const (
		rounds    = 20
		callers   = 8
		perCaller = 100
	)
	forEach(t, func(t *testing.T, a adapter) {
		base := runtime.NumGoroutine()
		var ok, closed atomic.Int64
		for range rounds {
			rt, l := a.open()
			var runErr <-chan error
			if l != nil {
				runErr = l.Go()
			}
			var closedDone atomic.Bool // Close has returned
			late := func(what string, id int) {
				if closedDone.Load() {
					t.Errorf("%s %d ran after Close returned", what, id)
				}
			}
			var wg, ready sync.WaitGroup
			ready.Add(callers)
			for g := range callers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					ready.Done()
					for i := range perCaller {
						id := g*perCaller + i
						var err error
						switch id % 3 {
						case 0:
							w := newWaiter(func(_ context.Context, done func(int, error)) {
								late("Wait", id)
								done(id, nil)
							})
							if err = rt.Wait(context.Background(), 0, w); err == nil && w.v != id {
								t.Errorf("Wait %d: value %d", id, w.v)
							}
						case 1:
							for _, e := range iterateSeq(rt, context.Background(), 0, invokeFunc(func(_ context.Context, each func(int) bool, done func(error)) {
								late("range", id)
								done(nil)
							})) {
								err = e
							}
						case 2:
							_, err = direct(rt, context.Background(), 0, func(context.Context) (int, error) {
								late("direct call", id)
								return id, nil
							})
						}
						switch {
						case err == nil:
							ok.Add(1)
						case errors.Is(err, runtimes.ErrClosed):
							closed.Add(1)
						default:
							t.Errorf("call %d: %v", id, err)
						}
					}
				}()
			}
			ready.Wait()
			runtime.Gosched()
			ctx, cancel := context.WithTimeout(context.Background(), patience)
			if err := rt.Close(ctx); err != nil {
				t.Fatalf("Close: %v", err)
			}
			closedDone.Store(true)
			cancel()
			wg.Wait()
			if l != nil {
				if err := recvErr(t, runErr); err != nil {
					t.Errorf("Run: %v", err)
				}
			}
		}
		t.Logf("%s: %d blocking calls: %d completed, %d ErrClosed", a.name, ok.Load()+closed.Load(), ok.Load(), closed.Load())
		settleGoroutines(t, base)
	})
}
