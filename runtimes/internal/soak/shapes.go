package soak

import (
	"context"
	"iter"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
)

// call is a callback-form call over a blocking implementation, shaped like
// generated code.
type call struct {
	runtimes.Call
	run  func(ctx context.Context) (int, error)
	done func(v int, err error)
	v    int
}

func (c *call) Run(ctx context.Context) (err error) {
	c.v, err = c.run(ctx)
	return err
}

func (c *call) Complete(err error) { c.done(c.v, err) }

// waiter is a blocking-form call over a callback implementation, shaped
// like generated code.
type waiter struct {
	runtimes.Wait
	invoke func(ctx context.Context, done func(int, error))
	v      int
}

func (w *waiter) Invoke(ctx context.Context) { w.invoke(ctx, w.complete) }

func (w *waiter) complete(v int, err error) {
	if w.Claim() {
		w.v = v
		w.Finish(err)
	}
}

// Direct is the collapsed direct call of generated code.
func Direct(rt *runtimes.Runtime, ctx context.Context, timeout time.Duration, impl func(context.Context) (int, error)) (v int, err error) {
	var pass runtimes.Pass
	if ctx, err = rt.Admit(ctx, &runtimes.Method{Timeout: timeout}, &pass); err != nil {
		return
	}
	defer rt.Release(&pass, &err)
	return impl(ctx)
}

// openFunc is a Source over a blocking streaming implementation.
type openFunc func(ctx context.Context) iter.Seq2[int, error]

func (f openFunc) Open(ctx context.Context) iter.Seq2[int, error] { return f(ctx) }

// invokeFunc is a Producer over a callback streaming implementation.
type invokeFunc func(ctx context.Context, each func(int) bool, done func(error))

func (f invokeFunc) Invoke(ctx context.Context, each func(int) bool, done func(error)) {
	f(ctx, each, done)
}

// coop is a callback streaming implementation of the items 0..n-1 that
// respects flow control, as the example of runtimes.Flow does.
type coop int

func (n coop) Invoke(ctx context.Context, each func(int) bool, done func(error)) {
	flow := runtimes.FlowOf(ctx)
	i := 0
	var step func()
	step = func() {
		for ; i < int(n); i++ {
			if !flow.Ready() {
				flow.OnReady(step)
				return
			}
			if !each(i) {
				break
			}
		}
		done(nil)
	}
	step()
}

// SettleGoroutines fails t if the goroutine count does not come back to
// base.
func SettleGoroutines(t *testing.T, base int) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for live() > base {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			buf = buf[:runtime.Stack(buf, true)]
			t.Errorf("goroutines: %d, want <= %d\n%s", live(), base, buf)
			return
		}
		time.Sleep(time.Millisecond)
	}
}

// live counts the goroutines, but for the one js/wasm keeps for the
// JavaScript events calling into Go (it waits in runtime.handleEvent once
// JavaScript called a Go function, and is not the runtime's).
func live() int {
	n := runtime.NumGoroutine()
	if runtime.GOOS != "js" {
		return n
	}
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	return n - strings.Count(string(buf), "\nruntime.handleEvent(")
}
