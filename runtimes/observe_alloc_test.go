package runtimes_test

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
)

// noopProbeObserver follows every call with a probe that does nothing.
type noopProbeObserver struct{}

func (noopProbeObserver) Start(ctx context.Context, _ runtimes.Observed) (context.Context, runtimes.Probe) {
	return ctx, noopProbe{}
}

type noopProbe struct{}

func (noopProbe) Began(time.Time)         {}
func (noopProbe) Ended(runtimes.Ending)   {}
func (noopProbe) Misused(runtimes.Ending) {}

// TestObserverNoopProbeAllocates: an observer that follows every call with
// a probe that keeps nothing costs the callback round trip one allocation
// (the call's probe beside its state) and the direct call none; the
// outcome of a call that succeeded is classified without one.
func TestObserverNoopProbeAllocates(t *testing.T) {
	ctx := context.Background()
	done := func(string, int, error) {}
	start := func(opts ...runtimes.Option) float64 {
		rt, _ := adapters[0].open(opts...)
		defer rt.Close(ctx)
		return testing.AllocsPerRun(100, func() { startGet(rt, ctx, "k", done) })
	}
	if plain, observed := start(), start(runtimes.WithObserver(noopProbeObserver{})); observed > plain+1 {
		t.Errorf("StartFunc allocates %v times per call with the observer, %v without: want at most 1 more", observed, plain)
	}
	rt, _ := adapters[0].open(runtimes.WithObserver(noopProbeObserver{}))
	defer rt.Close(ctx)
	var pass runtimes.Pass
	if n := testing.AllocsPerRun(100, func() {
		if _, err := rt.Admit(ctx, &obsMethod, &pass); err == nil {
			var err error
			rt.Release(&pass, &err)
		}
	}); n > 0 {
		t.Errorf("Admit allocates %v times per call, want none", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = runtimes.OutcomeOf(nil) }); n > 0 {
		t.Errorf("OutcomeOf(nil) allocates %v times, want none", n)
	}
	runtime.KeepAlive(done)
}
