package otel_test

// The callback round trip of examples/blob's BenchmarkCallbackRoundTripLoopStat
// (a call issued on a loop, run on its one worker, completed on the loop, one
// in flight), under each observer, so that one run gives the ratios (see
// BenchmarkRoundTrip).

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"go.opentelemetry.io/otel/metric"

	metricnoop "go.opentelemetry.io/otel/metric/noop"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
	tracenoop "go.opentelemetry.io/otel/trace/noop"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/loop"
	shimotel "github.com/shimgen/shimgen/runtimes/otel"
)

var benchMethod = runtimes.Method{Interface: "Bucket", Name: "Stat"}

// roundTrips runs b.N calls, each issued by the previous one's done on the
// loop; every is called on the loop after every 1024 calls.
func roundTrips(b *testing.B, every func(), opts ...runtimes.Option) {
	lp := loop.New(loop.Config{Workers: 1}, opts...)
	lp.Start()
	defer lp.Close(context.Background())
	rt, left, finished := lp.Runtime(), b.N, make(chan struct{})
	ok := func(context.Context) error { return nil }
	var issue func()
	done := func(err error) {
		if err != nil {
			b.Error(err)
		}
		if left%1024 == 0 && every != nil {
			every()
		}
		if left == 0 {
			close(finished)
			return
		}
		issue()
	}
	issue = func() {
		left--
		c := &call{impl: ok, done: done}
		rt.StartFunc(context.Background(), &benchMethod, &c.call, c, step)
	}
	b.ReportAllocs()
	b.ResetTimer()
	if err := lp.Post(runtimes.TaskFunc(issue)); err != nil {
		b.Fatal(err)
	}
	<-finished
	b.StopTimer()
}

// noopObserver follows no call: what the hooks cost when nothing is kept.
type noopObserver struct{}

func (noopObserver) Start(ctx context.Context, _ runtimes.Observed) (context.Context, runtimes.Probe) {
	return ctx, nil
}

// noopProbeObserver follows every call with a probe that does nothing: the
// cheapest observer that sees each call end.
type noopProbeObserver struct{}

func (noopProbeObserver) Start(ctx context.Context, _ runtimes.Observed) (context.Context, runtimes.Probe) {
	return ctx, noopProbe{}
}

type noopProbe struct{}

func (noopProbe) Began(time.Time)         {}
func (noopProbe) Ended(runtimes.Ending)   {}
func (noopProbe) Misused(runtimes.Ending) {}

// observerCase builds one observer of BenchmarkRoundTrip: the runtime's
// options and what to run on the loop every 1024 calls.
type observerCase struct {
	name  string
	build func(b *testing.B) ([]runtimes.Option, func())
}

var observerCases = []observerCase{
	{"none", func(*testing.B) ([]runtimes.Option, func()) { return nil, nil }},
	{"noop", func(*testing.B) ([]runtimes.Option, func()) {
		return []runtimes.Option{runtimes.WithObserver(noopObserver{})}, nil
	}},
	{"noop-probe", func(*testing.B) ([]runtimes.Option, func()) {
		return []runtimes.Option{runtimes.WithObserver(noopProbeObserver{})}, nil
	}},
	{"slog-discard", func(*testing.B) ([]runtimes.Option, func()) {
		l := slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelDebug}))
		return []runtimes.Option{runtimes.WithObserver(runtimes.SlogObserver(l))}, nil
	}},
	{"otel-noop", func(b *testing.B) ([]runtimes.Option, func()) {
		return otelObserver(b, tracenoop.NewTracerProvider(), metricnoop.NewMeterProvider()), nil
	}},
	{"otel-inmemory", func(b *testing.B) ([]runtimes.Option, func()) {
		spans := tracetest.NewInMemoryExporter()
		tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(spans))
		mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))
		return otelObserver(b, tp, mp), spans.Reset
	}},
}

func otelObserver(b *testing.B, tp trace.TracerProvider, mp metric.MeterProvider) []runtimes.Option {
	obs, err := shimotel.New(shimotel.WithTracerProvider(tp), shimotel.WithMeterProvider(mp))
	if err != nil {
		b.Fatal(err)
	}
	return []runtimes.Option{runtimes.WithObserver(obs)}
}

// BenchmarkRoundTrip runs the round trip under each observer, none first,
// and reports each one's time per call as a ratio to none's (x-none; the
// allocs/op beside it give the allocations added), so that one run gives
// the whole comparison:
//
//	go test -run '^$' -bench RoundTrip -benchmem
//
// With -count n each case runs n times in a row, and the ratios are to
// none's last run.
func BenchmarkRoundTrip(b *testing.B) {
	none := 0.0 // ns/op of none's last (reported) run; 0 when it did not run
	for _, c := range observerCases {
		b.Run(c.name, func(b *testing.B) {
			opts, every := c.build(b)
			roundTrips(b, every, opts...)
			ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			if c.name == "none" {
				none = ns
			}
			if none > 0 {
				b.ReportMetric(ns/none, "x-none")
			}
		})
	}
}
