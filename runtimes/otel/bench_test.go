package otel_test

// The callback round trip of examples/blob's BenchmarkCallbackRoundTripLoopStat
// (a call issued on a loop, run on its one worker, completed on the loop, one
// in flight), under each observer, so that one run gives the ratios.

import (
	"context"
	"io"
	"log/slog"
	"testing"

	metricnoop "go.opentelemetry.io/otel/metric/noop"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
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

type noopObserver struct{}

func (noopObserver) Start(ctx context.Context, _ runtimes.Observed) (context.Context, runtimes.Probe) {
	return ctx, nil
}

func BenchmarkRoundTripNoObserver(b *testing.B) { roundTrips(b, nil) }

func BenchmarkRoundTripNoopObserver(b *testing.B) {
	roundTrips(b, nil, runtimes.WithObserver(noopObserver{}))
}

func BenchmarkRoundTripSlogDiscard(b *testing.B) {
	l := slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelDebug}))
	roundTrips(b, nil, runtimes.WithObserver(runtimes.SlogObserver(l)))
}

func BenchmarkRoundTripOTelNoop(b *testing.B) {
	obs, err := shimotel.New(shimotel.WithTracerProvider(tracenoop.NewTracerProvider()), shimotel.WithMeterProvider(metricnoop.NewMeterProvider()))
	if err != nil {
		b.Fatal(err)
	}
	roundTrips(b, nil, runtimes.WithObserver(obs))
}

func BenchmarkRoundTripOTelInMemory(b *testing.B) {
	spans := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(spans))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))
	obs, err := shimotel.New(shimotel.WithTracerProvider(tp), shimotel.WithMeterProvider(mp))
	if err != nil {
		b.Fatal(err)
	}
	roundTrips(b, spans.Reset, runtimes.WithObserver(obs))
}
