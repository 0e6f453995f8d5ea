//go:build js && wasm

package wasm_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"sync/atomic"
	"syscall/js"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/wasm"
)

const patience = 5 * time.Second

func recv[T any](t *testing.T, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(patience):
		t.Fatal("timed out")
		panic("unreachable")
	}
}

// open returns a runtime closed (and checked) at the end of the test.
func open(t *testing.T, opts ...runtimes.Option) *runtimes.Runtime {
	t.Helper()
	rt := wasm.New(opts...)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), patience)
		defer cancel()
		if err := rt.Close(ctx); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return rt
}

func post(t *testing.T, rt *runtimes.Runtime, f func()) {
	t.Helper()
	if err := rt.Loop().Post(runtimes.TaskFunc(f)); err != nil {
		t.Fatalf("Post: %v", err)
	}
}

// call is a call of the callback form over a blocking implementation, as
// generated code makes it.
type call struct {
	runtimes.Call
	run  func(ctx context.Context) (int, error)
	v    int
	done func(v int, err error)
}

func (c *call) Run(ctx context.Context) (err error) {
	c.v, err = c.run(ctx)
	return err
}

func (c *call) Complete(err error) { c.done(c.v, err) }

func start(rt *runtimes.Runtime, run func(ctx context.Context) (int, error), done func(int, error)) {
	rt.Start(context.Background(), 0, &call{run: run, done: done})
}

// wait is a call of the blocking form over a callback implementation.
type wait struct {
	runtimes.Wait
	invoke func(ctx context.Context, done func(int, error))
	v      int
}

func (w *wait) Invoke(ctx context.Context) {
	w.invoke(ctx, func(v int, err error) {
		if w.Claim() {
			w.v = v
			w.Finish(err)
		}
	})
}

// setTimeout calls f from JavaScript after ms milliseconds, through a
// wasm.Func.
func setTimeout(f func(), ms int) {
	var fn js.Func
	fn = wasm.Func(func(js.Value, []js.Value) any {
		fn.Release()
		f()
		return nil
	})
	js.Global().Call("setTimeout", fn, ms)
}

func TestOnLoopOff(t *testing.T) {
	if wasm.OnLoop() {
		t.Error("OnLoop true on a test goroutine")
	}
}

func TestPostOrderAndOnLoop(t *testing.T) {
	rt := open(t)
	const n = 1000
	var got []int // loop-owned
	off := 0
	finished := make(chan struct{})
	for i := range n / 2 {
		post(t, rt, func() {
			if !rt.OnLoop() {
				off++
			}
			got = append(got, i)
		})
	}
	go func() { // from another goroutine, and from tasks
		for i := n / 2; i < n; i += 2 {
			post(t, rt, func() {
				got = append(got, i)
				post(t, rt, func() { got = append(got, i+1) })
			})
		}
		post(t, rt, func() {}) // let the nested posts run first
		post(t, rt, func() { post(t, rt, func() { close(finished) }) })
	}()
	recv(t, finished)
	if off > 0 {
		t.Errorf("%d tasks ran with OnLoop false", off)
	}
	if len(got) != n {
		t.Fatalf("%d tasks ran, want %d", len(got), n)
	}
	// Tasks posted by tasks run after the tasks queued before them, so the
	// second half comes out as i, then i+1 later: check the first half and
	// the set.
	if !slices.Equal(got[:n/2], ints(0, n/2)) {
		t.Errorf("first half out of order: %v", got[:n/2])
	}
	sorted := slices.Clone(got)
	slices.Sort(sorted)
	if !slices.Equal(sorted, ints(0, n)) {
		t.Errorf("tasks lost or duplicated")
	}
}

func ints(from, to int) []int {
	var s []int
	for i := from; i < to; i++ {
		s = append(s, i)
	}
	return s
}

func TestPostNeverInline(t *testing.T) {
	rt := open(t)
	order := make(chan string, 3)
	post(t, rt, func() {
		post(t, rt, func() { order <- "posted" })
		order <- "poster"
	})
	if a, b := recv(t, order), recv(t, order); a != "poster" || b != "posted" {
		t.Errorf("order %s, %s: the posted task ran inline", a, b)
	}
}

func TestCallbackFormCompletesOnLoop(t *testing.T) {
	rt := open(t)
	const n = 20
	type result struct {
		v, want int
		err     error
		onLoop  bool
	}
	results := make(chan result, n)
	returned := false
	for i := range n {
		start(rt, func(ctx context.Context) (int, error) {
			if wasm.OnLoop() {
				t.Error("Run on the loop")
			}
			time.Sleep(time.Duration(i%3) * time.Millisecond)
			return i * 10, nil
		}, func(v int, err error) {
			if !returned {
				t.Error("done called inside Start")
			}
			results <- result{v, i * 10, err, rt.OnLoop()}
		})
		returned = true
	}
	for range n {
		r := recv(t, results)
		if r.err != nil || r.v != r.want || !r.onLoop {
			t.Errorf("done(%d, %v) onLoop=%v, want done(%d, nil) on the loop", r.v, r.err, r.onLoop, r.want)
		}
	}
}

func TestCallbackFormError(t *testing.T) {
	rt := open(t)
	boom := errors.New("boom")
	errs := make(chan error, 2)
	start(rt, func(context.Context) (int, error) { return 0, boom }, func(_ int, err error) { errs <- err })
	start(rt, func(context.Context) (int, error) { panic("exploded") }, func(_ int, err error) { errs <- err })
	for range 2 {
		err := recv(t, errs)
		var pe *runtimes.PanicError
		if !errors.Is(err, boom) && !errors.As(err, &pe) {
			t.Errorf("done(%v), want boom or a *PanicError", err)
		}
	}
}

// blockingCall makes a blocking-form call on rt and reports its error and
// whether the implementation was invoked.
func blockingCall(rt *runtimes.Runtime) (err error, invoked bool, took time.Duration) {
	began := time.Now()
	err = rt.Wait(context.Background(), 0, &wait{invoke: func(_ context.Context, done func(int, error)) {
		invoked = true
		done(1, nil)
	}})
	return err, invoked, time.Since(began)
}

func checkWouldDeadlock(t *testing.T, where string, err error, invoked bool, took time.Duration) {
	t.Helper()
	if !errors.Is(err, runtimes.ErrWouldDeadlock) || invoked || took > 100*time.Millisecond {
		t.Errorf("%s: Wait = %v after %v (invoked %v), want ErrWouldDeadlock at once", where, err, took, invoked)
	}
}

func TestWaitOnLoopWouldDeadlock(t *testing.T) {
	rt := open(t)
	type outcome struct {
		err     error
		invoked bool
		took    time.Duration
	}
	got := make(chan outcome, 1)

	post(t, rt, func() {
		err, invoked, took := blockingCall(rt)
		got <- outcome{err, invoked, took}
	})
	o := recv(t, got)
	checkWouldDeadlock(t, "in a posted task", o.err, o.invoked, o.took)

	setTimeout(func() { // a wasm.Func called by a JavaScript timer
		err, invoked, took := blockingCall(rt)
		got <- outcome{err, invoked, took}
	}, 0)
	o = recv(t, got)
	checkWouldDeadlock(t, "in a wasm.Func run by setTimeout", o.err, o.invoked, o.took)

	// A wasm.Func called synchronously by JavaScript, itself called from
	// this goroutine: the call nests on this goroutine.
	fn := wasm.Func(func(js.Value, []js.Value) any {
		err, invoked, took := blockingCall(rt)
		got <- outcome{err, invoked, took}
		return nil
	})
	defer fn.Release()
	fn.Invoke()
	o = recv(t, got)
	checkWouldDeadlock(t, "in a wasm.Func called synchronously", o.err, o.invoked, o.took)
	if wasm.OnLoop() {
		t.Error("OnLoop still true after the synchronous wasm.Func returned")
	}

	// From an ordinary goroutine the same call works.
	err, invoked, _ := blockingCall(rt)
	if err != nil || !invoked {
		t.Errorf("Wait off the loop = %v (invoked %v), want nil", err, invoked)
	}
}

// TestNoStart: the loop needs no start: it is no runtimes.Starter, and a
// blocking call with a context that cannot end completes on a fresh
// runtime.
func TestNoStart(t *testing.T) {
	rt := open(t)
	if _, ok := rt.Loop().(runtimes.Starter); ok {
		t.Fatal("Loop implements runtimes.Starter: update the package documentation")
	}
	w := &wait{invoke: func(_ context.Context, done func(int, error)) { done(7, nil) }}
	if err := rt.Wait(context.Background(), 0, w); err != nil || w.v != 7 {
		t.Errorf("Wait on a fresh runtime = (%d, %v)", w.v, err)
	}
}

func TestWaitAsyncImplementation(t *testing.T) {
	rt := open(t)
	var invokedOnLoop atomic.Bool
	w := &wait{invoke: func(_ context.Context, done func(int, error)) {
		invokedOnLoop.Store(rt.OnLoop())
		setTimeout(func() { done(42, nil) }, 10) // completes from JavaScript later
	}}
	if err := rt.Wait(context.Background(), 0, w); err != nil || w.v != 42 {
		t.Errorf("Wait = %v, v = %d; want nil, 42", err, w.v)
	}
	if !invokedOnLoop.Load() {
		t.Error("the implementation was not invoked on the loop")
	}
	// The context bounds the wait while JavaScript never completes.
	never := &wait{invoke: func(context.Context, func(int, error)) {}}
	if err := rt.Wait(context.Background(), 20*time.Millisecond, never); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Wait of a call that never completes = %v, want DeadlineExceeded", err)
	}
}

// source is a blocking producer, as generated code's Open is.
type source func(ctx context.Context) iter.Seq2[int, error]

func (s source) Open(ctx context.Context) iter.Seq2[int, error] { return s(ctx) }

func TestStreamDeliversOnLoop(t *testing.T) {
	rt := open(t, runtimes.WithStreamWindow(4))
	const n = 200
	src := source(func(ctx context.Context) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			for i := range n {
				if wasm.OnLoop() {
					t.Error("producer on the loop")
				}
				if i%50 == 0 {
					time.Sleep(time.Millisecond) // let JavaScript run
				}
				if !yield(i, nil) {
					return
				}
			}
		}
	})
	var items []int // loop-owned
	off := 0
	done := make(chan error, 1)
	runtimes.StreamCall[int]{}.Start(rt, context.Background(), 0, src, func(v int) bool {
		if !rt.OnLoop() {
			off++
		}
		items = append(items, v)
		return true
	}, func(err error) {
		if !rt.OnLoop() {
			off++
		}
		done <- err
	})
	if err := recv(t, done); err != nil {
		t.Errorf("done(%v), want nil", err)
	}
	if off > 0 {
		t.Errorf("%d callbacks ran off the loop", off)
	}
	if !slices.Equal(items, ints(0, n)) {
		t.Errorf("items %v, want 0..%d in order", items, n-1)
	}
}

func TestTimersFireWhileWorkRuns(t *testing.T) {
	rt := open(t)
	var ticks atomic.Int32
	tick := js.FuncOf(func(js.Value, []js.Value) any { ticks.Add(1); return nil })
	defer tick.Release()
	id := js.Global().Call("setInterval", tick, 5)
	defer js.Global().Call("clearInterval", id)

	var during int32
	done := make(chan error, 1)
	start(rt, func(context.Context) (int, error) {
		before := ticks.Load()
		time.Sleep(200 * time.Millisecond) // slow work on a goroutine
		during = ticks.Load() - before
		return 0, nil
	}, func(_ int, err error) { done <- err })
	if err := recv(t, done); err != nil {
		t.Fatal(err)
	}
	if during < 10 {
		t.Errorf("JavaScript timer ticked %d times in 200ms of work, want about 40", during)
	}
}

func TestLongBurstYieldsToTimers(t *testing.T) {
	rt := open(t)
	var fired atomic.Bool
	timer := js.FuncOf(func(js.Value, []js.Value) any { fired.Store(true); return nil })
	defer timer.Release()
	js.Global().Call("setTimeout", timer, 0)

	// A task that keeps reposting itself: with microtasks only, the timer
	// above would never fire.
	began := time.Now()
	stopped := make(chan int, 1)
	n := 0
	var again func()
	again = func() {
		n++
		if fired.Load() || time.Since(began) > patience {
			stopped <- n
			return
		}
		post(t, rt, again)
	}
	post(t, rt, again)
	n = recv(t, stopped)
	if !fired.Load() {
		t.Fatalf("a JavaScript timer did not fire during %v of back-to-back loop batches (%d)", time.Since(began), n)
	}
	t.Logf("timer fired after %d batches, %v", n, time.Since(began))
}

func TestCloseDrains(t *testing.T) {
	rt := wasm.New()
	const n = 10
	var completed atomic.Int32
	for i := range n {
		start(rt, func(context.Context) (int, error) {
			time.Sleep(time.Duration(5+i*3) * time.Millisecond)
			return i, nil
		}, func(int, error) {
			if !rt.OnLoop() {
				t.Error("done off the loop")
			}
			completed.Add(1)
		})
	}
	posted := make(chan struct{})
	post(t, rt, func() { close(posted) })
	if err := rt.Close(context.Background()); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if c := completed.Load(); c != n {
		t.Errorf("Close returned after %d of %d completions", c, n)
	}
	select {
	case <-posted:
	default:
		t.Error("a task posted before Close did not run")
	}
	select {
	case <-rt.Loop().(*wasm.Loop).Done():
	default:
		t.Error("the loop did not stop")
	}
	if err := rt.Loop().Post(runtimes.TaskFunc(func() {})); !errors.Is(err, runtimes.ErrClosed) {
		t.Errorf("Post after Close = %v, want ErrClosed", err)
	}
	late := make(chan error, 1)
	start(rt, func(context.Context) (int, error) { return 0, nil }, func(_ int, err error) { late <- err })
	if err := recv(t, late); !errors.Is(err, runtimes.ErrClosed) {
		t.Errorf("Start after Close completed with %v, want ErrClosed", err)
	}
	if err, _, _ := blockingCall(rt); !errors.Is(err, runtimes.ErrClosed) {
		t.Errorf("Wait after Close = %v, want ErrClosed", err)
	}
}

func TestCloseOnLoop(t *testing.T) {
	rt := wasm.New()
	completed := make(chan struct{})
	start(rt, func(context.Context) (int, error) {
		time.Sleep(20 * time.Millisecond)
		return 0, nil
	}, func(int, error) { close(completed) })
	closed := make(chan error, 1)
	post(t, rt, func() { closed <- rt.Close(context.Background()) })
	if err := recv(t, closed); err != nil {
		t.Errorf("Close on the loop = %v, want nil at once", err)
	}
	recv(t, completed)
	recv(t, rt.Loop().(*wasm.Loop).Done())
	if err := rt.Close(context.Background()); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestExecutorClose(t *testing.T) {
	var e wasm.Executor
	release, ran := make(chan struct{}), make(chan struct{}, 1)
	if err := e.Execute(runtimes.TaskFunc(func() { <-release; ran <- struct{}{} })); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if err := e.Close(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Close with a running task = %v, want DeadlineExceeded", err)
	}
	if err := e.Execute(runtimes.TaskFunc(func() {})); !errors.Is(err, runtimes.ErrClosed) {
		t.Errorf("Execute after Close = %v, want ErrClosed", err)
	}
	close(release)
	if err := e.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(ran) != 1 {
		t.Error("Close returned before the running task finished")
	}
}

// TestReentrantNested: every done starts the next call and makes a
// blocking call (refused with ErrWouldDeadlock on the loop), 10,000 deep:
// the chain ends, nothing blocks.
func TestReentrantNested(t *testing.T) {
	const depth = 10_000
	rt := open(t)
	ended := make(chan error, 1)
	var next func(d int)
	next = func(d int) {
		start(rt, func(context.Context) (int, error) { return d, nil }, func(v int, err error) {
			if err == nil && v != d {
				err = errors.New("wrong value")
			}
			if err == nil {
				if e := rt.Wait(context.Background(), 0, &wait{invoke: func(_ context.Context, done func(int, error)) { done(1, nil) }}); !errors.Is(e, runtimes.ErrWouldDeadlock) {
					err = errors.New("a blocking call in done: " + fmt.Sprint(e))
				}
			}
			if err != nil || d == depth {
				ended <- err
				return
			}
			next(d + 1)
		})
	}
	next(1)
	if err := recv(t, ended); err != nil {
		t.Fatal(err)
	}
}
