package runtimes_test

import (
	"context"
	"iter"
	"testing"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/loop"
)

// benchItems is the length of every stream the benchmarks range over.
const benchItems = 10_000

// benchSum is the sum of the items of a stream of benchItems.
const benchSum = benchItems * (benchItems - 1) / 2

// benchLoop starts a loop adapter for a benchmark and closes it after.
func benchLoop(b *testing.B) *runtimes.Runtime {
	b.Helper()
	l := loop.New(loop.Config{})
	l.Start()
	b.Cleanup(func() {
		if err := l.Close(context.Background()); err != nil {
			b.Error(err)
		}
	})
	return l.Runtime()
}

// perItem runs one stream of benchItems per iteration and reports the cost
// per item. stream returns the sum of the items it received.
func perItem(b *testing.B, stream func() int) {
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if sum := stream(); sum != benchSum {
			b.Fatalf("sum %d, want %d", sum, benchSum)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchItems, "ns/item")
}

// chanStream is the hand-written baseline: a goroutine sends the items on a
// channel of 16, the consumer ranges over it.
func chanStream() int {
	ch := make(chan int, 16)
	go func() {
		for i := range benchItems {
			ch <- i
		}
		close(ch)
	}()
	sum := 0
	for v := range ch {
		sum += v
	}
	return sum
}

// sumOf ranges over a stream and returns the sum of its items.
func sumOf(b *testing.B, seq iter.Seq2[int, error]) int {
	sum := 0
	for v, err := range seq {
		if err != nil {
			b.Fatal(err)
		}
		sum += v
	}
	return sum
}

// BenchmarkStreamIterate ranges over a cooperative callback producer that
// runs on the loop (window 16, the default), beside the channel baseline.
func BenchmarkStreamIterate(b *testing.B) {
	b.Run("iterate", func(b *testing.B) {
		rt := benchLoop(b)
		p := &coop{n: benchItems}
		perItem(b, func() int { return sumOf(b, iterateSeq(rt, context.Background(), 0, p)) })
	})
	b.Run("chan", func(b *testing.B) { perItem(b, chanStream) })
}

// BenchmarkStreamDirect ranges over a blocking producer through Direct on a
// loop runtime, beside the bare iterator and the channel baseline.
func BenchmarkStreamDirect(b *testing.B) {
	src := countTo(benchItems)
	b.Run("direct", func(b *testing.B) {
		rt := benchLoop(b)
		perItem(b, func() int { return sumOf(b, directSeq(rt, context.Background(), 0, src)) })
	})
	b.Run("iter", func(b *testing.B) {
		perItem(b, func() int { return sumOf(b, src.Open(context.Background())) })
	})
	b.Run("chan", func(b *testing.B) { perItem(b, chanStream) })
}
