package blob_test

// Streams of listLen items through each generated form, beside a
// hand-written channel producer/consumer (StreamChanBaseline). Each reports
// ns/item; one op is one whole stream.

import (
	"context"
	"iter"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shimgen/shimgen/examples/blob"
	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/loop"
)

// listLen is the length of mem's List stream.
const listLen = 10_000

var sinkEntry blob.Entry

// loopRuntime starts a loop runtime for a benchmark.
func loopRuntime(b *testing.B) *runtimes.Runtime {
	lp := loop.New(loop.Config{})
	lp.Start()
	b.Cleanup(func() { lp.Close(bg) })
	return lp.Runtime()
}

func perItem(b *testing.B) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*listLen), "ns/item")
}

// rangeList ranges over one List stream of bucket.
func rangeList(b *testing.B, bucket blob.Bucket) {
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for en, err := range bucket.List(bg, "k") {
			if err != nil {
				b.Fatal(err)
			}
			sinkEntry = en
			n++
		}
		if n != listLen {
			b.Fatalf("%d items", n)
		}
	}
	perItem(b)
}

// BenchmarkStreamDirect: the blocking form over the callback form over a
// blocking implementation (the direct path).
func BenchmarkStreamDirect(b *testing.B) {
	rt := loopRuntime(b)
	rangeList(b, blob.NewBucketBlocking(blob.NewBucketAsync(benchBucket, rt), rt))
}

// BenchmarkStreamWait: the blocking form over a hand-written callback
// implementation that forwards to the callback form of a blocking one: the
// items go worker → loop → ranging goroutine.
func BenchmarkStreamWait(b *testing.B) {
	rt := loopRuntime(b)
	rangeList(b, blob.NewBucketBlocking(forward{inner: blob.NewBucketAsync(benchBucket, rt)}, rt))
}

// BenchmarkStreamCallback: the callback form on the loop; the iterator runs
// on a worker, each on the loop.
func BenchmarkStreamCallback(b *testing.B) {
	rt := loopRuntime(b)
	async := blob.NewBucketAsync(benchBucket, rt)
	ended := make(chan error, 1)
	n := 0
	each := func(en blob.Entry) bool { sinkEntry = en; n++; return true }
	done := func(err error) { ended <- err }
	b.ReportAllocs()
	for b.Loop() {
		n = 0
		async.List(bg, "k", each, done)
		if err := <-ended; err != nil || n != listLen {
			b.Fatalf("%d items, %v", n, err)
		}
	}
	perItem(b)
}

// BenchmarkStreamChanBaseline: a producer goroutine ranging over the same
// iterator into a channel of 16 items, with a done channel to stop it.
func BenchmarkStreamChanBaseline(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for en := range chanStream(benchBucket.List(bg, "k")) {
			sinkEntry = en
			n++
		}
		if n != listLen {
			b.Fatalf("%d items", n)
		}
	}
	perItem(b)
}

func chanStream[T any](seq iter.Seq2[T, error]) <-chan T {
	ch := make(chan T, 16)
	go func() {
		defer close(ch)
		for v, err := range seq {
			if err != nil {
				return
			}
			ch <- v
		}
	}()
	return ch
}

// counted is a Bucket whose List counts the items it produced.
type counted struct {
	blob.Bucket
	produced atomic.Int64
}

func (c *counted) List(ctx context.Context, prefix string) iter.Seq2[blob.Entry, error] {
	return func(yield func(blob.Entry, error) bool) {
		for en, err := range c.Bucket.List(ctx, prefix) {
			c.produced.Add(1)
			if !yield(en, err) {
				return
			}
		}
	}
}

// TestStreamSlowConsumer consumes a stream with a consumer about 1000 times
// slower than the producer, in the callback form and through the wait path:
// the items in flight never exceed the runtime's window (plus the one the
// producer holds while it waits), so memory stays flat however long the
// stream.
func TestStreamSlowConsumer(t *testing.T) {
	const items, window = 300, runtimes.DefaultStreamWindow
	e := newEnv(t, "loop")
	slow := func(c *counted, consumed int64, worst *int64) {
		*worst = max(*worst, c.produced.Load()-consumed)
		time.Sleep(20 * time.Microsecond) // the producer takes about 20ns an item
	}
	t.Run("callback", func(t *testing.T) {
		c := &counted{Bucket: benchBucket}
		var consumed, worst int64
		got, err := consume(t, e, items, func(blob.Entry) { consumed++; slow(c, consumed, &worst) },
			func(each func(blob.Entry) bool, done func(error)) {
				blob.NewBucketAsync(c, e.rt).List(bg, "k", each, done)
			})
		if err != nil || len(got) != items || worst > window+1 {
			t.Errorf("%d items, %v, %d in flight at worst; want %d, nil, <= %d", len(got), err, worst, items, window+1)
		}
	})
	t.Run("wait", func(t *testing.T) {
		c := &counted{Bucket: benchBucket}
		var consumed, worst int64
		for _, err := range rangers[1].wrap(e, c).List(bg, "k") {
			if err != nil {
				t.Fatal(err)
			}
			consumed++
			slow(c, consumed, &worst)
			if consumed == items {
				break
			}
		}
		// Worker → loop → ranging goroutine: a window on each hop.
		if worst > 2*window+1 {
			t.Errorf("%d in flight at worst, want <= %d", worst, 2*window+1)
		}
	})
}
