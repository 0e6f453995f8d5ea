package runtimes_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/internal/goid"
)

// emit is a callback producer that calls each for 0..n-1, ignoring flow
// control and each's result, then done(err).
func emit(n int, err error) invokeFunc {
	return func(_ context.Context, each func(int) bool, done func(error)) {
		for i := range n {
			each(i)
		}
		done(err)
	}
}

// panicInvoke is a callback producer that calls each for 0..n-1, then
// panics with v before done.
func panicInvoke(n int, v any) invokeFunc {
	return func(_ context.Context, each func(int) bool, _ func(error)) {
		for i := range n {
			each(i)
		}
		panic(v)
	}
}

// stall is a callback producer that calls each(0) and never calls done; it
// hands done to held, if not nil.
func stall(held chan<- func(error)) invokeFunc {
	return func(_ context.Context, each func(int) bool, done func(error)) {
		each(0)
		if held != nil {
			held <- done
		}
	}
}

// invocations counts the calls of p's Invoke.
func invocations(n *atomic.Int32, p invokeFunc) invokeFunc {
	return func(ctx context.Context, each func(int) bool, done func(error)) {
		n.Add(1)
		p(ctx, each, done)
	}
}

// placement checks the goroutine a producer's code runs on: the loop when
// there is one, else the consuming goroutine. It counts the wrong ones.
type placement struct {
	fx     *fixture
	caller uint64
	wrong  atomic.Int64
}

func (fx *fixture) placement() *placement { return &placement{fx: fx, caller: goid.Current()} }

func (w *placement) check() {
	if w.fx.loop != nil && !w.fx.rt.OnLoop() || w.fx.loop == nil && goid.Current() != w.caller {
		w.wrong.Add(1)
	}
}

// TestStreamWaitFlowControl streams many items from a cooperative producer
// to a slow consumer: they all arrive in order, the items in flight never
// exceed the window, and the producer runs where it must.
func TestStreamWaitFlowControl(t *testing.T) {
	for _, window := range []int64{1, 4} {
		t.Run(fmt.Sprintf("window %d", window), func(t *testing.T) {
			testFlowControl(t, window)
		})
	}
}

func testFlowControl(t *testing.T, window int64) {
	const n = 10_000
	forEach(t, func(t *testing.T, a adapter) {
		m := newMisuses()
		fx := a.fixture(t, runtimes.WithStreamWindow(int(window)), m.option())
		var (
			fl                           flight
			invokes, parks, resumes, bad atomic.Int64
		)
		at := fx.placement()
		parked := newSignal()
		p := &coop{
			n: n,
			invoke: func(context.Context) {
				invokes.Add(1)
				at.check()
			},
			ready: func(int) {
				if fl.produce() > window {
					bad.Add(1)
				}
			},
			park: func(int) {
				parks.Add(1)
				parked.fire()
			},
			resume: func() {
				resumes.Add(1)
				at.check()
			},
		}
		next := 0
		var final error
		for v, err := range iterateSeq(fx.rt, bounded(t), 0, p) {
			if err != nil {
				final = err
				continue
			}
			if v == 0 && !parked.wait() { // slow: let the producer fill the window
				t.Error("the producer never had to wait for room")
			}
			fl.consume()
			if v != next {
				t.Errorf("item %d arrived as number %d", v, next)
				break
			}
			next++
			if next%8 == 0 {
				runtime.Gosched()
			}
		}
		if next != n || final != nil {
			t.Errorf("got %d items and %v, want %d and nil", next, final, n)
		}
		if max := fl.max.Load(); max != window || bad.Load() != 0 {
			t.Errorf("up to %d items in flight, want exactly the window, %d", max, window)
		}
		if invokes.Load() != 1 || parks.Load() == 0 || resumes.Load() != parks.Load() {
			t.Errorf("%d Invokes, %d parks, %d resumptions; want 1, > 0 and as many as parks",
				invokes.Load(), parks.Load(), resumes.Load())
		}
		if w := at.wrong.Load(); w != 0 {
			t.Errorf("Invoke or an OnReady function ran %d times off the completion context", w)
		}
		m.none(t)
	})
}

// TestStreamWaitMemoryFlat runs a consumer much slower than its producer:
// it takes an item only once the producer is stuck. The buffered items
// never exceed the window: with the limit set to the window, one more
// would overflow the stream.
func TestStreamWaitMemoryFlat(t *testing.T) {
	const n, window = 2_000, 4
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t, runtimes.WithStreamWindow(window), runtimes.WithStreamLimit(window))
		var (
			fl           flight
			parks, bad   atomic.Int64
			stuck, ended atomic.Bool
			poke         = make(chan struct{}, 1)
			notify       = func() {
				select {
				case poke <- struct{}{}:
				default:
				}
			}
		)
		p := &coop{
			n: n,
			ready: func(int) {
				if fl.produce() > window {
					bad.Add(1)
				}
			},
			park: func(int) {
				parks.Add(1)
				stuck.Store(true)
				notify()
			},
			resume: func() { stuck.Store(false) },
			finish: func() {
				ended.Store(true)
				notify()
			},
		}
		next := 0
		var final error
	consume:
		for v, err := range iterateSeq(fx.rt, bounded(t), 0, p) {
			if err != nil {
				final = err
				continue
			}
			for !stuck.Load() && !ended.Load() {
				select {
				case <-poke:
				case <-time.After(patience):
					t.Error("the producer neither waits nor ends")
					break consume
				}
			}
			fl.consume()
			if v != next {
				t.Errorf("item %d arrived as number %d", v, next)
				break
			}
			next++
		}
		if next != n || final != nil {
			t.Errorf("got %d items and %v, want %d and nil", next, final, n)
		}
		if max := fl.max.Load(); max != window || bad.Load() != 0 {
			t.Errorf("up to %d items in flight, want at most (and here exactly) the window, %d", max, window)
		}
		if parks.Load() < n/window-1 {
			t.Errorf("the producer waited %d times, want at least %d", parks.Load(), n/window-1)
		}
	})
}

// TestFlowReadyAtWindow checks Ready item by item: true below the window,
// false at it, and an OnReady function waits for the consumer.
func TestFlowReadyAtWindow(t *testing.T) {
	const window = 4
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t, runtimes.WithStreamWindow(window))
		var readies []bool // written by the producer before checked fires
		checked, resumed := newSignal(), newSignal()
		var readyAfter atomic.Bool
		p := invokeFunc(func(ctx context.Context, each func(int) bool, done func(error)) {
			flow := runtimes.FlowOf(ctx)
			for i := range window {
				readies = append(readies, flow.Ready())
				if !each(i) {
					t.Errorf("each(%d) refused an item within the window", i)
				}
			}
			readies = append(readies, flow.Ready())
			flow.OnReady(func() {
				readyAfter.Store(flow.Ready())
				resumed.fire()
				each(window)
				done(nil)
			})
			checked.fire()
		})
		next := 0
		var final error
		for v, err := range iterateSeq(fx.rt, bounded(t), 0, p) {
			if err != nil {
				final = err
				continue
			}
			if v == 0 {
				if !checked.wait() {
					t.Fatal("the producer did not fill the window")
				}
				time.Sleep(brief)
				if resumed.fired() {
					t.Error("an OnReady function ran while the window was full")
				}
			}
			if v != next {
				t.Errorf("item %d arrived as number %d", v, next)
			}
			next++
		}
		if next != window+1 || final != nil {
			t.Errorf("got %d items and %v, want %d and nil", next, final, window+1)
		}
		want := []bool{true, true, true, true, false}
		for i, r := range readies {
			if r != want[i] {
				t.Errorf("Ready with %d items buffered = %v, want %v", i, r, want[i])
			}
		}
		if !readyAfter.Load() {
			t.Error("Ready is false in the OnReady function")
		}
	})
}

// TestFlowOnReadyLater checks that OnReady never runs its function inside
// OnReady, even with room, and runs each registration once, where the
// producer runs.
func TestFlowOnReadyLater(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		m := newMisuses()
		fx := a.fixture(t, m.option())
		at := fx.placement()
		var runs atomic.Int32
		p := invokeFunc(func(ctx context.Context, each func(int) bool, done func(error)) {
			flow := runtimes.FlowOf(ctx)
			if flow == nil {
				t.Error("FlowOf(ctx) = nil for a producer of Iterate")
				done(nil)
				return
			}
			inside := true
			flow.OnReady(func() {
				at.check()
				if runs.Add(1) == 1 && inside {
					t.Error("OnReady ran its function inside OnReady")
				}
				each(1)
				done(nil)
			})
			inside = false
		})
		items, err := splitPairs(t, pairsOf(iterateSeq(fx.rt, bounded(t), 0, p)))
		if len(items) != 1 || items[0] != 1 || err != nil {
			t.Errorf("got %v, %v; want [1], nil", items, err)
		}
		time.Sleep(brief)
		if n := runs.Load(); n != 1 {
			t.Errorf("the OnReady function ran %d times", n)
		}
		if w := at.wrong.Load(); w != 0 {
			t.Error("the OnReady function ran off the completion context")
		}
		m.none(t)
	})
}

func TestFlowNil(t *testing.T) {
	f := runtimes.FlowOf(context.Background())
	if f != nil {
		t.Fatalf("FlowOf(Background) = %v, want nil", f)
	}
	if !f.Ready() {
		t.Error("a nil Flow is not ready")
	}
	ran := false
	f.OnReady(func() { ran = true })
	if !ran {
		t.Error("a nil Flow did not run the OnReady function at once")
	}
}

func TestStreamWaitOverflow(t *testing.T) {
	const window, limit, calls = 4, 64, 10_000
	forEach(t, func(t *testing.T, a adapter) {
		for _, callDone := range []bool{false, true} {
			m := newMisuses()
			fx := a.fixture(t, runtimes.WithStreamWindow(window), runtimes.WithStreamLimit(limit), m.option())
			finished := newSignal()
			var (
				results = make([]bool, calls) // written by the producer before finished fires
				pctx    context.Context
			)
			p := invokeFunc(func(ctx context.Context, each func(int) bool, done func(error)) {
				pctx = ctx
				for i := range calls {
					results[i] = each(i)
				}
				if callDone {
					done(nil)
				}
				finished.fire()
			})
			var items []int
			var final error
			for v, err := range iterateSeq(fx.rt, bounded(t), 0, p) {
				if err != nil {
					final = err
					continue
				}
				if len(items) == 0 && !finished.wait() { // slow: let the producer run
					t.Error("the producer did not return")
				}
				items = append(items, v)
			}
			finished.await(t, "the producer")
			if final != runtimes.ErrStreamOverflow {
				t.Errorf("done %v: final error %v, want ErrStreamOverflow", callDone, final)
			}
			if len(items) > limit {
				t.Errorf("%d items before the overflow, want at most %d", len(items), limit)
			}
			checkItems(t, items, len(items))
			accepted := 0
			for accepted < calls && results[accepted] {
				accepted++
			}
			if accepted != limit {
				t.Errorf("each accepted %d items, want the limit, %d", accepted, limit)
			}
			for i := accepted; i < calls; i++ {
				if results[i] {
					t.Errorf("each(%d) returned true after the overflow", i)
					break
				}
			}
			if pctx.Err() == nil {
				t.Error("the producer's context is not canceled")
			}
			m.none(t)
		}
	})
}

// TestStreamWaitLimitBelowWindow checks that the window is the limit when
// the limit is set below it, and that the stream options refuse values
// below 1.
func TestStreamWaitLimitBelowWindow(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t, runtimes.WithStreamWindow(8), runtimes.WithStreamLimit(2))
		accepted := 0 // written before returned fires
		returned := newSignal()
		p := invokeFunc(func(_ context.Context, each func(int) bool, done func(error)) {
			for i := 0; i < 1000 && each(i); i++ {
				accepted++
			}
			done(nil)
			returned.fire()
		})
		var final error
		for _, err := range iterateSeq(fx.rt, bounded(t), 0, p) {
			if err != nil {
				final = err
			} else if !returned.wait() { // slow: nothing is taken until the producer returns
				t.Error("the producer did not return")
			}
		}
		returned.await(t, "the producer")
		if final != runtimes.ErrStreamOverflow || accepted != 8 {
			t.Errorf("accepted %d items, then %v; want 8, ErrStreamOverflow", accepted, final)
		}
	})
	for name, opt := range map[string]func(int) runtimes.Option{
		"WithStreamWindow": runtimes.WithStreamWindow,
		"WithStreamLimit":  runtimes.WithStreamLimit,
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s(0) did not panic", name)
				}
			}()
			opt(0)
		}()
	}
}

func TestStreamWaitDone(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		for _, async := range []bool{false, true} {
			for _, want := range []error{nil, errBoom} {
				m := newMisuses()
				fx := a.fixture(t, m.option())
				finished := newSignal()
				var accepted, late bool // written before finished fires
				p := invokeFunc(func(_ context.Context, each func(int) bool, done func(error)) {
					run := func() {
						accepted = each(0) && each(1) && each(2)
						done(want)
						late = each(99)
						finished.fire()
					}
					if async {
						go run()
					} else {
						run()
					}
				})
				items, err := splitPairs(t, pairsOf(iterateSeq(fx.rt, bounded(t), 0, p)))
				checkItems(t, items, 3)
				if err != want {
					t.Errorf("async %v: final error %v, want %v", async, err, want)
				}
				finished.await(t, "the producer")
				if !accepted || late {
					t.Errorf("async %v: each accepted the items: %v, one after done: %v", async, accepted, late)
				}
				m.none(t)
			}
		}
	})
}

func TestStreamWaitBreak(t *testing.T) {
	const window = 4
	forEach(t, func(t *testing.T, a adapter) {
		m := newMisuses()
		fx := a.fixture(t, runtimes.WithStreamWindow(window), m.option())
		parked, finished := newSignal(), newSignal()
		var (
			pctx    context.Context // written before the first item
			refused atomic.Int64
		)
		refused.Store(-1)
		p := &coop{
			n:      1000,
			invoke: func(ctx context.Context) { pctx = ctx },
			park:   func(int) { parked.fire() },
			refuse: func(i int) { refused.Store(int64(i)) },
			finish: finished.fire,
		}
		n := 0
		for v, err := range iterateSeq(fx.rt, bounded(t), 0, p) {
			if err != nil {
				t.Errorf("pair (%d, %v)", v, err)
			}
			if !parked.wait() {
				t.Error("the producer did not fill the window")
			}
			n++
			break // while the producer waits in OnReady
		}
		if n != 1 {
			t.Errorf("%d pairs, want 1", n)
		}
		if pctx.Err() == nil {
			t.Error("the producer's context is not canceled when the range returns")
		}
		finished.await(t, "the producer to be resumed and finish")
		if i := refused.Load(); i != window {
			t.Errorf("each refused item %d, want %d, the first after the break", i, window)
		}
		m.none(t) // the late done is discarded
	})
}

// TestStreamWaitOnReadyAfterEnd covers an asynchronous producer that finds
// the window full, then registers with OnReady only once the consumer has
// gone: the function still runs (the stream is over), and each refuses.
func TestStreamWaitOnReadyAfterEnd(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		m := newMisuses()
		fx := a.fixture(t, runtimes.WithStreamWindow(1), m.option())
		full := make(chan bool, 1)
		gone := newSignal()
		resumed := make(chan bool, 1)
		p := invokeFunc(func(ctx context.Context, each func(int) bool, done func(error)) {
			flow := runtimes.FlowOf(ctx)
			each(0)
			go func() {
				full <- !flow.Ready()
				gone.wait()
				flow.OnReady(func() {
					resumed <- each(1)
					done(nil)
				})
			}()
		})
		for range iterateSeq(fx.rt, bounded(t), 0, p) {
			if !recv(t, full) {
				t.Error("Ready with the window full")
			}
			break
		}
		gone.fire()
		if recv(t, resumed) {
			t.Error("each accepted an item after the consumer left")
		}
		m.none(t)
	})
}

func TestStreamWaitInvokePanic(t *testing.T) {
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
				items, err := splitPairs(t, pairsOf(iterateSeq(fx.rt, bounded(t), 0, panicInvoke(2, tc.value))))
				checkItems(t, items, 2)
				checkPanicEnd(t, err, tc.value, "panicInvoke")
				items, err = splitPairs(t, pairsOf(iterateSeq(fx.rt, bounded(t), 0, emit(3, nil))))
				if checkItems(t, items, 3); err != nil {
					t.Errorf("after a panic: %v", err)
				}
				m.none(t)
			})
		}
	})
}

func TestStreamWaitOnReadyPanic(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		m := newMisuses()
		fx := a.fixture(t, m.option())
		p := invokeFunc(func(ctx context.Context, each func(int) bool, done func(error)) {
			runtimes.FlowOf(ctx).OnReady(func() {
				each(0)
				panic(errBoom)
			})
		})
		items, err := splitPairs(t, pairsOf(iterateSeq(fx.rt, bounded(t), 0, p)))
		checkItems(t, items, 1)
		var pe *runtimes.PanicError
		if !errors.As(err, &pe) || pe.Value != errBoom {
			t.Errorf("final error %v, want a *PanicError of errBoom", err)
		}
		m.none(t)
	})
}

func TestStreamWaitMisuse(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		t.Run("second done", func(t *testing.T) {
			m := newMisuses()
			fx := a.fixture(t, m.option())
			p := invokeFunc(func(_ context.Context, each func(int) bool, done func(error)) {
				each(0)
				done(nil)
				done(errBoom)
			})
			items, err := splitPairs(t, pairsOf(iterateSeq(fx.rt, bounded(t), 0, p)))
			if checkItems(t, items, 1); err != nil {
				t.Errorf("final error %v, want the first done's, nil", err)
			}
			if err := recvErr(t, m.ch); err != runtimes.ErrDoubleCompletion {
				t.Errorf("misuse report %v, want ErrDoubleCompletion", err)
			}
		})
		t.Run("panic after done", func(t *testing.T) {
			m := newMisuses()
			fx := a.fixture(t, m.option())
			p := invokeFunc(func(_ context.Context, each func(int) bool, done func(error)) {
				each(0)
				done(nil)
				panic("after done")
			})
			items, err := splitPairs(t, pairsOf(iterateSeq(fx.rt, bounded(t), 0, p)))
			if checkItems(t, items, 1); err != nil {
				t.Errorf("final error %v, want done's, nil", err)
			}
			var pe *runtimes.PanicError
			if err := recvErr(t, m.ch); !errors.As(err, &pe) || pe.Value != "after done" {
				t.Errorf("misuse report %v, want the late panic", err)
			}
		})
	})
}

func TestStreamWaitOnLoop(t *testing.T) {
	fx := adapterNamed("loop").fixture(t)
	var invoked atomic.Int32
	p := invocations(&invoked, emit(3, nil))
	got := make(chan []streamPair, 1)
	if err := fx.loop.Post(runtimes.TaskFunc(func() {
		got <- pairsOf(iterateSeq(fx.rt, bounded(t), 0, p))
	})); err != nil {
		t.Fatal(err)
	}
	if ps := recv(t, got); len(ps) != 1 || ps[0] != (streamPair{0, runtimes.ErrWouldDeadlock}) {
		t.Errorf("Iterate on the loop: %v, want a single (0, ErrWouldDeadlock)", ps)
	}
	if n := invoked.Load(); n != 0 {
		t.Errorf("Invoke called %d times", n)
	}
}

func TestStreamWaitRefused(t *testing.T) {
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		var invoked atomic.Int32
		p := invocations(&invoked, emit(3, nil))
		check := func(what string, ps []streamPair, want error) {
			t.Helper()
			if len(ps) != 1 || ps[0] != (streamPair{0, want}) {
				t.Errorf("%s: %v, want a single (0, %v)", what, ps, want)
			}
		}
		check("canceled", pairsOf(iterateSeq(fx.rt, canceled, 0, p)), context.Canceled)
		if err := fx.rt.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		check("closed", pairsOf(iterateSeq(fx.rt, bounded(t), 0, p)), runtimes.ErrClosed)
		if n := invoked.Load(); n != 0 {
			t.Errorf("Invoke called %d times", n)
		}
	})
}

func TestStreamWaitContextCanceled(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		m := newMisuses()
		fx := a.fixture(t, m.option())
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		held := make(chan func(error), 1)
		var pctx context.Context
		p := invokeFunc(func(c context.Context, each func(int) bool, done func(error)) {
			pctx = c
			stall(held)(c, each, done)
		})
		var ps []streamPair
		for v, err := range iterateSeq(fx.rt, ctx, 0, p) {
			ps = append(ps, streamPair{v, err})
			if err == nil {
				go cancel() // while the range waits for the next item
			}
		}
		items, err := splitPairs(t, ps)
		checkItems(t, items, 1)
		if err != context.Canceled {
			t.Errorf("final error %v, want context.Canceled", err)
		}
		if pctx.Err() == nil {
			t.Error("the producer's context is not canceled")
		}
		recv(t, held)(errBoom) // the late done is discarded
		m.none(t)
	})
}

func TestStreamWaitTimeout(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		for _, tc := range deadlineCases(t) {
			items, err := splitPairs(t, pairsOf(iterateSeq(fx.rt, tc.ctx, tc.timeout, stall(nil))))
			if len(items) > 1 || err != context.DeadlineExceeded {
				t.Errorf("%s: %v, %v; want [0], DeadlineExceeded", tc.name, items, err)
			}
		}
	})
}

func TestStreamWaitClose(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		parked, finished := newSignal(), newSignal()
		cases := []struct {
			name  string
			p     runtimes.Producer[int]
			ready *signal // fires once the producer is where the case wants it
			opts  []runtimes.Option
		}{
			{"never finishes", stall(nil), nil, nil},
			{"waits for room", &coop{n: 100, park: func(int) { parked.fire() }, finish: finished.fire},
				parked, []runtimes.Option{runtimes.WithStreamWindow(1)}},
		}
		for _, tc := range cases {
			m := newMisuses()
			fx := a.fixture(t, append(tc.opts, m.option())...)
			ctx, cancel := context.WithTimeout(context.Background(), patience)
			defer cancel()
			pctxs := make(chan context.Context, 1)
			p := invokeFunc(func(ctx context.Context, each func(int) bool, done func(error)) {
				pctxs <- ctx
				tc.p.Invoke(ctx, each, done)
			})
			closed := make(chan error, 1)
			var ps []streamPair
			for v, err := range iterateSeq(fx.rt, bounded(t), 0, p) {
				ps = append(ps, streamPair{v, err})
				if err != nil {
					continue
				}
				if tc.ready != nil && !tc.ready.wait() {
					t.Errorf("%s: the producer is not ready", tc.name)
				}
				go func() { closed <- fx.rt.Close(ctx) }()
				select {
				case <-recv(t, pctxs).Done(): // Close cancels the producer's context
				case <-time.After(patience):
					t.Errorf("%s: Close did not cancel the producer's context", tc.name)
				}
				select {
				case err := <-closed:
					t.Errorf("%s: Close returned (%v) while a stream was ranging", tc.name, err)
				case <-time.After(brief):
				}
			}
			items, err := splitPairs(t, ps)
			checkItems(t, items, 1)
			if err != runtimes.ErrClosed {
				t.Errorf("%s: final error %v, want ErrClosed", tc.name, err)
			}
			if err := recvErr(t, closed); err != nil {
				t.Errorf("%s: Close: %v", tc.name, err)
			}
			m.none(t)
		}
		finished.await(t, "the waiting producer to be resumed and finish")
	})
}

// asyncProducer produces 0..n-1 from its own goroutine, waiting for room
// with OnReady (or for the end of its context), then calls done(err).
func asyncProducer(n int, err error, fl *flight, bad *atomic.Int64, window int64) invokeFunc {
	return func(ctx context.Context, each func(int) bool, done func(error)) {
		flow := runtimes.FlowOf(ctx)
		go func() {
			for i := range n {
				for !flow.Ready() {
					room := make(chan struct{})
					flow.OnReady(func() { close(room) })
					select {
					case <-room:
					case <-ctx.Done():
					}
				}
				if fl.produce() > window {
					bad.Add(1)
				}
				if !each(i) {
					break
				}
			}
			done(err)
		}()
	}
}

func TestStreamWaitAsync(t *testing.T) {
	const n, window = 1000, 4
	forEach(t, func(t *testing.T, a adapter) {
		for _, want := range []error{nil, errBoom} {
			m := newMisuses()
			// The limit is the window: a single item too many overflows.
			fx := a.fixture(t, runtimes.WithStreamWindow(window), runtimes.WithStreamLimit(window), m.option())
			var (
				fl  flight
				bad atomic.Int64
			)
			var ps []streamPair
			for v, err := range iterateSeq(fx.rt, bounded(t), 0, asyncProducer(n, want, &fl, &bad, window)) {
				fl.consume()
				ps = append(ps, streamPair{v, err})
			}
			items, err := splitPairs(t, ps)
			checkItems(t, items, n)
			if err != want {
				t.Errorf("final error %v, want %v", err, want)
			}
			if bad.Load() != 0 {
				t.Errorf("up to %d items in flight, want at most %d", fl.max.Load(), window)
			}
			m.none(t)
		}
		t.Run("break", func(t *testing.T) {
			m := newMisuses()
			fx := a.fixture(t, runtimes.WithStreamWindow(window), m.option())
			var (
				fl  flight
				bad atomic.Int64
			)
			i := 0
			for v := range iterateSeq(fx.rt, bounded(t), 0, asyncProducer(n, nil, &fl, &bad, window)) {
				if v != i {
					t.Errorf("item %d arrived as number %d", v, i)
				}
				if i++; i == 10 {
					break
				}
			}
			m.none(t) // the fixture checks that the producer's goroutine ends
		})
	})
}

func TestStreamWaitBodyPanic(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		m := newMisuses()
		fx := a.fixture(t, m.option())
		var pctx context.Context
		finished := newSignal()
		p := &coop{n: 1000, invoke: func(ctx context.Context) { pctx = ctx }, finish: finished.fire}
		want := &bodyPanic{at: 2}
		got := func() (v any) {
			defer func() { v = recover() }()
			for v := range iterateSeq(fx.rt, bounded(t), 0, p) {
				if v == 2 {
					panic(want)
				}
			}
			return nil
		}()
		if got != want {
			t.Fatalf("recovered %#v, want the body's own panic value %p", got, want)
		}
		if pctx.Err() == nil {
			t.Error("the producer's context outlives the stream")
		}
		finished.await(t, "the producer to finish")
		ctx, cancel := context.WithTimeout(context.Background(), patience)
		defer cancel()
		if err := fx.rt.Close(ctx); err != nil {
			t.Errorf("Close after a body panic: %v (a call left pending?)", err)
		}
		m.none(t)
	})
}

func TestStreamWaitTwice(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		var invoked atomic.Int32
		seq := iterateSeq(fx.rt, bounded(t), 0, invocations(&invoked, emit(3, nil)))
		for range 2 {
			items, err := splitPairs(t, pairsOf(seq))
			if checkItems(t, items, 3); err != nil {
				t.Error(err)
			}
		}
		if n := invoked.Load(); n != 2 {
			t.Errorf("Invoke called %d times for two ranges", n)
		}
	})
}
