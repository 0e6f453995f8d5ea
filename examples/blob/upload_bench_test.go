package blob_test

// Client streams of listLen one-byte chunks through each generated form,
// beside a hand-written channel producer/consumer (UploadChanBaseline).
// Each reports ns/item; one op is one whole upload.

import (
	"iter"
	"testing"

	"github.com/shimgen/shimgen/examples/blob"
)

// benchChunks yields listLen one-byte chunks.
func benchChunks(yield func([]byte) bool) {
	chunk := []byte{1}
	for range listLen {
		if !yield(chunk) {
			return
		}
	}
}

// upload runs one Upload of benchChunks through bucket per op.
func upload(b *testing.B, bucket blob.Bucket) {
	b.ReportAllocs()
	for b.Loop() {
		if n, err := bucket.Upload(bg, "k", benchChunks); err != nil || n != listLen {
			b.Fatalf("Upload = %d, %v", n, err)
		}
	}
	perItem(b)
}

// BenchmarkUploadDirect: the blocking form over the callback form over a
// blocking implementation (the direct path).
func BenchmarkUploadDirect(b *testing.B) {
	rt := loopRuntime(b)
	upload(b, blob.NewBucketBlocking(blob.NewBucketAsync(benchBucket, rt), rt))
}

// BenchmarkUploadWait: the blocking form over a hand-written callback
// implementation that forwards to the callback form of a blocking one: the
// chunks go caller → Sender → worker.
func BenchmarkUploadWait(b *testing.B) {
	rt := loopRuntime(b)
	upload(b, blob.NewBucketBlocking(forward{inner: blob.NewBucketAsync(benchBucket, rt)}, rt))
}

// BenchmarkUploadCallback: the callback form on the loop, the chunks pushed
// from the loop as the Sender has room; the implementation runs on a worker.
func BenchmarkUploadCallback(b *testing.B) {
	rt := loopRuntime(b)
	async := blob.NewBucketAsync(benchBucket, rt)
	type result struct {
		n   int64
		err error
	}
	ended := make(chan result, 1)
	b.ReportAllocs()
	for b.Loop() {
		push(async.Upload(bg, "k", func(n int64, err error) { ended <- result{n, err} }), iter.Seq[[]byte](benchChunks))
		if r := <-ended; r.err != nil || r.n != listLen {
			b.Fatalf("Upload = %d, %v", r.n, r.err)
		}
	}
	perItem(b)
}

// BenchmarkUploadChanBaseline: the chunks sent over a channel of 16 items
// to a goroutine that hands the implementation an iterator over it.
func BenchmarkUploadChanBaseline(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		ch, res := make(chan []byte, 16), make(chan int64, 1)
		go func() {
			n, _ := benchBucket.Upload(bg, "k", func(yield func([]byte) bool) {
				for c := range ch {
					if !yield(c) {
						return
					}
				}
			})
			res <- n
		}()
		for c := range benchChunks {
			ch <- c
		}
		close(ch)
		if n := <-res; n != listLen {
			b.Fatalf("%d bytes", n)
		}
	}
	perItem(b)
}
