package runtimes_test

import (
	"context"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/goroutine"
	"github.com/shimgen/shimgen/runtimes/inline"
	"github.com/shimgen/shimgen/runtimes/internal/goid"
	"github.com/shimgen/shimgen/runtimes/internal/soak"
	"github.com/shimgen/shimgen/runtimes/loop"
	"github.com/shimgen/shimgen/runtimes/pool"
)

// patience bounds every wait of the tests; nothing should come near it.
const patience = 5 * time.Second

// brief is how long a test watches for something that must not happen.
const brief = 20 * time.Millisecond

// adapter builds a runtime of one kind; the loop kind also returns its loop.
type adapter struct {
	name string
	open func(opts ...runtimes.Option) (*runtimes.Runtime, *loop.Loop)
}

var adapters = []adapter{
	{"inline", func(o ...runtimes.Option) (*runtimes.Runtime, *loop.Loop) {
		return inline.New(o...), nil
	}},
	{"goroutine", func(o ...runtimes.Option) (*runtimes.Runtime, *loop.Loop) {
		return goroutine.New(o...), nil
	}},
	{"pool", func(o ...runtimes.Option) (*runtimes.Runtime, *loop.Loop) {
		return pool.New(pool.Config{Workers: 4}, o...), nil
	}},
	{"loop", func(o ...runtimes.Option) (*runtimes.Runtime, *loop.Loop) {
		l := loop.New(loop.Config{}, o...)
		return l.Runtime(), l
	}},
}

// forEach runs f as a subtest per adapter.
func forEach(t *testing.T, f func(t *testing.T, a adapter)) {
	for _, a := range adapters {
		t.Run(a.name, func(t *testing.T) { f(t, a) })
	}
}

// fixture is a running runtime under test. Its cleanup closes the runtime
// and checks that every Start completed exactly once, that the loop's Run
// returned nil and that no goroutine was left behind.
type fixture struct {
	rt          *runtimes.Runtime
	loop        *loop.Loop
	inline      bool
	runErr      <-chan error // the loop's Run result
	starts      atomic.Int64
	completions atomic.Int64
}

func (a adapter) fixture(t *testing.T, opts ...runtimes.Option) *fixture {
	t.Helper()
	base := runtime.NumGoroutine()
	fx := &fixture{inline: a.name == "inline"}
	fx.rt, fx.loop = a.open(opts...)
	if fx.loop != nil {
		fx.runErr = fx.loop.Go()
	}
	t.Cleanup(func() { fx.finish(t, base) })
	return fx
}

func (fx *fixture) finish(t *testing.T, base int) {
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	if err := fx.rt.Close(ctx); err != nil {
		t.Errorf("Close: %v", err)
	}
	if s, c := fx.starts.Load(), fx.completions.Load(); s != c {
		t.Errorf("%d Starts, %d completions", s, c)
	}
	if fx.loop != nil {
		if err := recvErr(t, fx.runErr); err != nil {
			t.Errorf("Run: %v", err)
		}
	}
	settleGoroutines(t, base)
}

// settleGoroutines fails t if the goroutine count does not come back to
// base.
var settleGoroutines = soak.SettleGoroutines

// probe is a hand-written Caller shaped like generated code.
type probe struct {
	runtimes.Call
	run  func(ctx context.Context) (int, error)
	done func(v int, err error)
	v    int
}

func (p *probe) Run(ctx context.Context) (err error) {
	p.v, err = p.run(ctx)
	return err
}

func (p *probe) Complete(err error) { p.done(p.v, err) }

// outcome is what a probe's done callback saw.
type outcome struct {
	v      int
	err    error
	gid    uint64 // goroutine that ran done
	onLoop bool   // done ran on the runtime's loop
}

// start starts a probe and returns where its outcome arrives.
func (fx *fixture) start(ctx context.Context, timeout time.Duration, run func(context.Context) (int, error)) <-chan outcome {
	ch := make(chan outcome, 2)
	fx.starts.Add(1)
	p := &probe{run: run, done: func(v int, err error) {
		fx.completions.Add(1)
		ch <- outcome{v, err, goid.Current(), fx.rt.OnLoop()}
	}}
	fx.rt.Start(ctx, timeout, p)
	return ch
}

// checkContext checks that a completion ran where it must: on the loop, on
// the caller's goroutine for inline, elsewhere for the others.
func (fx *fixture) checkContext(t *testing.T, o outcome, caller uint64) {
	t.Helper()
	switch {
	case fx.loop != nil && !o.onLoop:
		t.Error("completion not on the loop")
	case fx.loop == nil && fx.inline && o.gid != caller:
		t.Error("inline completion not on the caller's goroutine")
	case fx.loop == nil && !fx.inline && o.gid == caller:
		t.Error("completion ran on the caller's goroutine")
	}
}

// checkNotYet fails t if ch delivers within a brief wait. Inline fixtures
// are synchronous, so the check does not apply to them.
func checkNotYet[T any](t *testing.T, ch <-chan T, what string) {
	t.Helper()
	select {
	case <-ch:
		t.Fatalf("%s happened too early", what)
	case <-time.After(brief):
	}
}

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

func recvErr(t *testing.T, ch <-chan error) error { t.Helper(); return recv(t, ch) }

// value returns a Run function that returns v.
func value(v int) func(context.Context) (int, error) {
	return func(context.Context) (int, error) { return v, nil }
}

// gate blocks Run functions until opened.
type gate struct {
	entered chan struct{}
	open    chan struct{}
}

func newGate() *gate { return &gate{make(chan struct{}, 100), make(chan struct{})} }

// run returns a Run function that signals entry, then waits for the gate.
func (g *gate) run(v int) func(context.Context) (int, error) {
	return func(context.Context) (int, error) {
		g.entered <- struct{}{}
		<-g.open
		return v, nil
	}
}

// flipCtx is a context whose Err is nil for its first call only: it is live
// when Start checks it and done when the worker checks it.
type flipCtx struct {
	context.Context
	calls atomic.Int32
}

func (c *flipCtx) Err() error {
	if c.calls.Add(1) == 1 {
		return nil
	}
	return context.Canceled
}

// misuses collects the errors passed to a misuse handler.
type misuses struct{ ch chan error }

func newMisuses() *misuses { return &misuses{make(chan error, 10)} }

func (m *misuses) option() runtimes.Option {
	return runtimes.WithMisuseHandler(func(err error) { m.ch <- err })
}

func (m *misuses) none(t *testing.T) {
	t.Helper()
	select {
	case err := <-m.ch:
		t.Errorf("unexpected misuse report: %v", err)
	default:
	}
}

func stackMentions(pe *runtimes.PanicError, fn string) bool {
	return strings.Contains(string(pe.Stack), fn)
}
