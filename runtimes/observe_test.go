package runtimes_test

import (
	"context"
	"errors"
	"iter"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
)

// recorder is an Observer that keeps what it learns.
type recorder struct {
	mu    sync.Mutex
	calls []*recorded
}

// recorded is one observed call, and its Probe.
type recorded struct {
	mu      sync.Mutex
	o       runtimes.Observed
	began   int
	beganAt time.Time
	ended   int
	end     runtimes.Ending
	misused []runtimes.Ending
}

type observedKey struct{}

func (r *recorder) Start(ctx context.Context, o runtimes.Observed) (context.Context, runtimes.Probe) {
	c := &recorded{o: o}
	r.mu.Lock()
	r.calls = append(r.calls, c)
	r.mu.Unlock()
	return context.WithValue(ctx, observedKey{}, c), c
}

func (c *recorded) Began(at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.began++
	c.beganAt = at
}

func (c *recorded) Ended(e runtimes.Ending) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ended++
	c.end = e
}

func (c *recorded) Misused(e runtimes.Ending) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.misused = append(c.misused, e)
}

// only returns a copy of the one call observed, failing t if there are
// more or none.
func (r *recorder) only(t *testing.T) *recorded {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.calls) != 1 {
		t.Fatalf("observed %d calls, want 1", len(r.calls))
	}
	c := r.calls[0]
	c.mu.Lock()
	defer c.mu.Unlock()
	return &recorded{o: c.o, began: c.began, beganAt: c.beganAt, ended: c.ended, end: c.end, misused: append([]runtimes.Ending(nil), c.misused...)}
}

var obsMethod = runtimes.Method{Interface: "Store", Name: "Fetch"}

// obsCall is the state of a unary call on every path, as generated code
// declares it.
type obsCall struct {
	call runtimes.Call
	wait runtimes.Wait
	impl func(context.Context) (int, error)
	done func(int, error)
	v    int
}

func obsStep(p any, ctx context.Context, err error) error {
	c := p.(*obsCall)
	if ctx == nil {
		c.done(c.v, err)
		return nil
	}
	c.v, err = c.impl(ctx)
	return err
}

func obsInvoke(p any, ctx context.Context) {
	c := p.(*obsCall)
	v, err := c.impl(ctx)
	if c.wait.Claim() {
		c.v = v
		c.wait.Finish(err)
	}
}

// obsPath runs one call of impl on a path of the generated code.
type obsPath struct {
	name       string
	form, impl runtimes.Form
	run        func(rt *runtimes.Runtime, ctx context.Context, m *runtimes.Method, impl func(context.Context) (int, error)) error
}

var obsPaths = []obsPath{
	{"StartFunc", runtimes.Callback, runtimes.Blocking, func(rt *runtimes.Runtime, ctx context.Context, m *runtimes.Method, impl func(context.Context) (int, error)) error {
		ch := make(chan error, 2)
		c := &obsCall{impl: impl, done: func(_ int, err error) { ch <- err }}
		rt.StartFunc(ctx, m, &c.call, c, obsStep)
		return <-ch
	}},
	{"WaitFunc", runtimes.Blocking, runtimes.Callback, func(rt *runtimes.Runtime, ctx context.Context, m *runtimes.Method, impl func(context.Context) (int, error)) error {
		c := &obsCall{impl: impl}
		return rt.WaitFunc(ctx, m, &c.wait, c, obsInvoke)
	}},
	{"Admit", runtimes.Blocking, runtimes.Blocking, func(rt *runtimes.Runtime, ctx context.Context, m *runtimes.Method, impl func(context.Context) (int, error)) (err error) {
		var pass runtimes.Pass
		if ctx, err = rt.Admit(ctx, m, &pass); err != nil {
			return err
		}
		defer rt.Release(&pass, &err)
		_, err = impl(ctx)
		return err
	}},
}

// refusingExec refuses every task as a full pool does.
type refusingExec struct{}

func (refusingExec) Execute(runtimes.Task) error { return runtimes.ErrOverloaded }

// openObserved opens a runtime of adapter a observing with rec; it is
// closed when t ends.
func openObserved(t *testing.T, a adapter, opts ...runtimes.Option) *runtimes.Runtime {
	t.Helper()
	rt, l := a.open(opts...)
	if l != nil {
		l.Go()
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), patience)
		defer cancel()
		if err := rt.Close(ctx); err != nil {
			t.Errorf("Close = %v", err)
		}
	})
	return rt
}

// TestObserverOutcomes runs every unary path on every adapter to every
// outcome and checks what the observer learned: the names, the form and
// direction, the kind, the times, whether the work began, the outcome, and
// the context it gave the implementation.
func TestObserverOutcomes(t *testing.T) {
	boom := errors.New("boom")
	past, cancelPast := context.WithDeadline(context.Background(), time.Unix(0, 0))
	defer cancelPast()
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	cases := []struct {
		name   string
		ctx    context.Context
		m      *runtimes.Method
		closed bool
		impl   func(context.Context) (int, error)
		want   runtimes.Outcome
		works  bool // the implementation runs
	}{
		{"ok", context.Background(), &obsMethod, false, func(ctx context.Context) (int, error) {
			if ctx.Value(observedKey{}) == nil {
				return 0, errors.New("the implementation did not get the observer's context")
			}
			return 1, nil
		}, runtimes.OutcomeOK, true},
		{"error", context.Background(), &obsMethod, false, func(context.Context) (int, error) { return 0, boom }, runtimes.OutcomeError, true},
		{"panic", context.Background(), &obsMethod, false, func(context.Context) (int, error) { panic(boom) }, runtimes.OutcomePanic, true},
		{"spec deadline", context.Background(), &runtimes.Method{Interface: "Store", Name: "Fetch", Timeout: time.Millisecond}, false, func(ctx context.Context) (int, error) {
			<-ctx.Done()
			return 0, ctx.Err()
		}, runtimes.OutcomeDeadline, true},
		{"canceled", canceled, &obsMethod, false, nil, runtimes.OutcomeCanceled, false},
		{"deadline", past, &obsMethod, false, nil, runtimes.OutcomeDeadline, false},
		{"closed", context.Background(), &obsMethod, true, nil, runtimes.OutcomeClosed, false},
	}
	forEach(t, func(t *testing.T, a adapter) {
		for _, p := range obsPaths {
			for _, tc := range cases {
				t.Run(p.name+"/"+tc.name, func(t *testing.T) {
					rec := &recorder{}
					rt := openObserved(t, a, runtimes.WithObserver(rec))
					if tc.closed {
						if err := rt.Close(context.Background()); err != nil {
							t.Fatal(err)
						}
					}
					err := p.run(rt, tc.ctx, tc.m, tc.impl)
					c := rec.only(t)
					checkObserved(t, c, p, a.name, false)
					if c.end.Outcome != tc.want || !errors.Is(c.end.Err, err) && err != c.end.Err {
						t.Errorf("ended %v (%v), want %v; the call returned %v", c.end.Outcome, c.end.Err, tc.want, err)
					}
					if tc.works != (c.began == 1) {
						t.Errorf("began %d times, want work: %v", c.began, tc.works)
					}
					if c.began == 1 && (c.beganAt.Before(c.o.Start) || c.end.At.Before(c.beganAt)) {
						t.Errorf("times out of order: start %v, began %v, end %v", c.o.Start, c.beganAt, c.end.At)
					}
				})
			}
		}
	})
}

// checkObserved checks what every observed call must show.
func checkObserved(t *testing.T, c *recorded, p obsPath, kind string, stream bool) {
	t.Helper()
	if c.o.Method.Interface != "Store" || c.o.Method.Name != "Fetch" && c.o.Method.Name != "Scan" {
		t.Errorf("observed method %+v", *c.o.Method)
	}
	if c.o.Form != p.form || c.o.Impl != p.impl || c.o.Stream != stream || c.o.Kind != kind {
		t.Errorf("observed %v over %v (stream %v) on %q, want %v over %v (stream %v) on %q", c.o.Form, c.o.Impl, c.o.Stream, c.o.Kind, p.form, p.impl, stream, kind)
	}
	if c.ended != 1 {
		t.Errorf("ended %d times, want exactly once", c.ended)
	}
	if c.end.At.Before(c.o.Start) {
		t.Errorf("ended at %v, before its start at %v", c.end.At, c.o.Start)
	}
}

// TestObserverRefusals: overloaded and would-deadlock.
func TestObserverRefusals(t *testing.T) {
	t.Run("overloaded", func(t *testing.T) {
		rec := &recorder{}
		rt := runtimes.New(refusingExec{}, nil, runtimes.WithObserver(rec), runtimes.WithKind("refusing"))
		err := obsPaths[0].run(rt, context.Background(), &obsMethod, nil)
		c := rec.only(t)
		checkObserved(t, c, obsPaths[0], "refusing", false)
		if !errors.Is(err, runtimes.ErrOverloaded) || c.end.Outcome != runtimes.OutcomeOverloaded || c.began != 0 {
			t.Errorf("call = %v; observed %v, began %d", err, c.end.Outcome, c.began)
		}
	})
	for _, p := range obsPaths[1:] {
		t.Run("would deadlock/"+p.name, func(t *testing.T) {
			rec := &recorder{}
			rt := openObserved(t, adapters[3], runtimes.WithObserver(rec))
			var err error
			if e := rt.RunOnLoop(context.Background(), func() { err = p.run(rt, context.Background(), &obsMethod, nil) }); e != nil {
				t.Fatal(e)
			}
			c := rec.only(t)
			checkObserved(t, c, p, "loop", false)
			if !errors.Is(err, runtimes.ErrWouldDeadlock) || c.end.Outcome != runtimes.OutcomeWouldDeadlock {
				t.Errorf("call = %v; observed %v", err, c.end.Outcome)
			}
		})
	}
}

// TestObserverMisuse: a completion that comes twice, and one that never
// comes, reach the call's probe as well as the misuse handler.
func TestObserverMisuse(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		t.Run("double", func(t *testing.T) {
			rec, m := &recorder{}, newMisuses()
			rt := openObserved(t, a, runtimes.WithObserver(rec), m.option())
			w := newWaiter(func(_ context.Context, done func(int, error)) { done(1, nil); done(2, nil) })
			if err := rt.Wait(context.Background(), 0, w); err != nil {
				t.Fatal(err)
			}
			if err := recvErr(t, m.ch); !errors.Is(err, runtimes.ErrDoubleCompletion) {
				t.Fatalf("misuse %v", err)
			}
			c := rec.only(t)
			if c.end.Outcome != runtimes.OutcomeOK || len(c.misused) != 1 || c.misused[0].Outcome != runtimes.OutcomeDoubleCompletion {
				t.Errorf("ended %v, misused %+v", c.end.Outcome, c.misused)
			}
		})
		t.Run("lost", func(t *testing.T) {
			rec, m := &recorder{}, newMisuses()
			rt := openObserved(t, a, runtimes.WithObserver(rec), m.option())
			if err := waitDropped(rt, context.Background(), time.Millisecond); !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("Wait = %v", err)
			}
			if err := collect(t, m); !errors.Is(err, runtimes.ErrNoCompletion) {
				t.Fatalf("misuse %v", err)
			}
			c := rec.only(t)
			if c.end.Outcome != runtimes.OutcomeDeadline || len(c.misused) != 1 || c.misused[0].Outcome != runtimes.OutcomeNoCompletion {
				t.Errorf("ended %v, misused %+v", c.end.Outcome, c.misused)
			}
		})
	})
}

// store is a blocking streaming implementation, storeAsync its callback
// twin: Scan yields n items, then fails if n is negative... it yields -n
// items and ends with errScan.
type store struct{}

var errScan = errors.New("scan failed")

func (store) Scan(ctx context.Context, n int) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for i := range max(n, -n) {
			if !yield(i, nil) {
				return
			}
		}
		if n < 0 {
			yield(0, errScan)
		}
	}
}

type storeAsync struct{}

func (storeAsync) Scan(ctx context.Context, n int, each func(int) bool, done func(error)) {
	for i := range max(n, -n) {
		if !each(i) {
			done(nil)
			return
		}
	}
	if n < 0 {
		done(errScan)
		return
	}
	done(nil)
}

var scanMethod = runtimes.Method{Interface: "Store", Name: "Scan"}

// obsStreams range over a stream of n items on every path, taking at most
// take of them, and return the items taken and the stream's error.
var obsStreams = []obsPath{
	{"StartStream", runtimes.Callback, runtimes.Blocking, nil},
	{"AwaitStream", runtimes.Blocking, runtimes.Callback, nil},
	{"DirectStream", runtimes.Blocking, runtimes.Blocking, nil},
}

func runStream(rt *runtimes.Runtime, path string, n, take int) (got int, err error) {
	var seq iter.Seq2[int, error]
	switch path {
	case "StartStream":
		ch := make(chan error, 1)
		runtimes.StartStreamP1(rt, context.Background(), &scanMethod, store{}, n, store.Scan,
			func(int) bool { got++; return got < take },
			func(err error) { ch <- err })
		return got, <-ch
	case "AwaitStream":
		seq = runtimes.AwaitStreamP1(rt, context.Background(), &scanMethod, storeAsync{}, n, storeAsync.Scan)
	default:
		seq = runtimes.DirectStreamP1(rt, context.Background(), &scanMethod, store{}, n, store.Scan)
	}
	for _, e := range seq {
		if e != nil {
			return got, e
		}
		got++
		if got >= take {
			break
		}
	}
	return got, nil
}

// TestObserverStreams: every stream path counts the items its consumer
// got and ends with the stream's outcome.
func TestObserverStreams(t *testing.T) {
	cases := []struct {
		name    string
		n, take int
		want    runtimes.Outcome
	}{
		{"all", 5, 100, runtimes.OutcomeOK},
		{"stopped", 5, 2, runtimes.OutcomeOK},
		{"error", -3, 100, runtimes.OutcomeError},
	}
	forEach(t, func(t *testing.T, a adapter) {
		for _, p := range obsStreams {
			for _, tc := range cases {
				t.Run(p.name+"/"+tc.name, func(t *testing.T) {
					rec := &recorder{}
					rt := openObserved(t, a, runtimes.WithObserver(rec))
					got, err := runStream(rt, p.name, tc.n, tc.take)
					c := rec.only(t)
					checkObserved(t, c, p, a.name, true)
					if c.end.Outcome != tc.want || c.end.Err != err || c.end.Items != int64(got) {
						t.Errorf("ended %v (%v) after %d items; the consumer got %d and %v", c.end.Outcome, c.end.Err, c.end.Items, got, err)
					}
					if c.began != 1 {
						t.Errorf("began %d times", c.began)
					}
				})
			}
		}
		t.Run("closed", func(t *testing.T) {
			for _, p := range obsStreams {
				rec := &recorder{}
				rt := openObserved(t, a, runtimes.WithObserver(rec))
				if err := rt.Close(context.Background()); err != nil {
					t.Fatal(err)
				}
				_, err := runStream(rt, p.name, 3, 100)
				c := rec.only(t)
				if !errors.Is(err, runtimes.ErrClosed) || c.end.Outcome != runtimes.OutcomeClosed || c.began != 0 {
					t.Errorf("%s: %v; observed %v, began %d", p.name, err, c.end.Outcome, c.began)
				}
			}
		})
	})
}

// panickyObserver panics in the hook named by where.
type panickyObserver struct{ where string }

func (p panickyObserver) Start(ctx context.Context, _ runtimes.Observed) (context.Context, runtimes.Probe) {
	if p.where == "Start" {
		panic("observer: " + p.where)
	}
	return ctx, p
}

func (p panickyObserver) Began(time.Time) {
	if p.where == "Began" {
		panic("observer: " + p.where)
	}
}

func (p panickyObserver) Ended(runtimes.Ending) {
	if p.where == "Ended" {
		panic("observer: " + p.where)
	}
}

func (panickyObserver) Misused(runtimes.Ending) {}

// TestObserverPanics: an observer that panics is reported to the misuse
// handler and the call completes exactly once, as without it.
func TestObserverPanics(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		for _, where := range []string{"Start", "Began", "Ended"} {
			for _, p := range obsPaths {
				t.Run(where+"/"+p.name, func(t *testing.T) {
					m := newMisuses()
					rt := openObserved(t, a, runtimes.WithObserver(panickyObserver{where}), m.option())
					var runs int
					err := p.run(rt, context.Background(), &obsMethod, func(context.Context) (int, error) { runs++; return 1, nil })
					if err != nil || runs != 1 {
						t.Errorf("call = %v after %d runs, want nil after 1", err, runs)
					}
					var pe *runtimes.PanicError
					if err := recvErr(t, m.ch); !errors.Is(err, runtimes.ErrObserverPanic) || !errors.As(err, &pe) {
						t.Errorf("misuse %v, want ErrObserverPanic with the *PanicError", err)
					}
					m.none(t)
				})
			}
			for _, p := range obsStreams {
				t.Run(where+"/"+p.name, func(t *testing.T) {
					m := newMisuses()
					rt := openObserved(t, a, runtimes.WithObserver(panickyObserver{where}), m.option())
					if got, err := runStream(rt, p.name, 3, 100); got != 3 || err != nil {
						t.Errorf("stream got %d items and %v, want 3 and nil", got, err)
					}
					if err := recvErr(t, m.ch); !errors.Is(err, runtimes.ErrObserverPanic) {
						t.Errorf("misuse %v, want ErrObserverPanic", err)
					}
					m.none(t)
				})
			}
		}
	})
}

// noop observes nothing.
type noop struct{}

func (noop) Start(ctx context.Context, _ runtimes.Observed) (context.Context, runtimes.Probe) {
	return ctx, nil
}

// TestObserverNoopAllocates: an observer that follows no call costs the
// callback round trip no allocation.
func TestObserverNoopAllocates(t *testing.T) {
	ctx := context.Background()
	done := func(string, int, error) {}
	for _, opts := range [][]runtimes.Option{nil, {runtimes.WithObserver(noop{})}} {
		rt, _ := adapters[0].open(opts...)
		if n := testing.AllocsPerRun(100, func() { startGet(rt, ctx, "k", done) }); n > 1 {
			t.Errorf("StartFunc (%d options) allocates %v times per call, want at most 1", len(opts), n)
		}
		var pass runtimes.Pass
		if n := testing.AllocsPerRun(100, func() {
			if _, err := rt.Admit(ctx, &obsMethod, &pass); err == nil {
				var err error
				rt.Release(&pass, &err)
			}
		}); n > 0 {
			t.Errorf("Admit (%d options) allocates %v times per call, want none", len(opts), n)
		}
		rt.Close(ctx)
	}
	runtime.KeepAlive(done)
}
