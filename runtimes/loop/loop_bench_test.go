package loop_test

import (
	"context"
	"testing"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/loop"
)

// chain keeps a number of calls in flight from the loop goroutine: each
// completion starts the next call with the same Caller until b.N calls
// have been started. Its counters are loop-owned.
type chain struct {
	rt   *runtimes.Runtime
	left int // calls still to start
	live int // calls in flight
	done chan struct{}
}

// chainCall is a Caller with trivial work, reused for each of its calls.
type chainCall struct {
	runtimes.Call
	ch *chain
}

func (c *chainCall) Run(context.Context) error { return nil }
func (c *chainCall) Complete(error)            { c.ch.next(c) }

// begin starts k calls; it runs on the loop.
func (ch *chain) begin(k int) {
	for range k {
		ch.left--
		ch.live++
		ch.rt.Start(context.Background(), 0, &chainCall{ch: ch})
	}
}

// next starts c again, or retires it once b.N calls were started.
func (ch *chain) next(c *chainCall) {
	if ch.left == 0 {
		if ch.live--; ch.live == 0 {
			close(ch.done)
		}
		return
	}
	ch.left--
	ch.rt.Start(context.Background(), 0, c)
}

// benchLoop runs b.N round trips (Start from the loop, trivial work on a
// worker, completion back on the loop) with inflight calls at a time.
func benchLoop(b *testing.B, cfg loop.Config, inflight int) {
	l := loop.New(cfg)
	l.Start()
	defer l.Close(context.Background())
	ch := &chain{rt: l.Runtime(), left: b.N, done: make(chan struct{})}
	k := min(inflight, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	if err := l.Post(runtimes.TaskFunc(func() { ch.begin(k) })); err != nil {
		b.Fatal(err)
	}
	<-ch.done
}

// benchChanLoop is the baseline: a minimal hand-written loop (a chan func()
// drained by one goroutine) and one worker goroutine reading a chan func();
// the work closure posts its completion closure back to the loop, which
// issues the next call. It does what benchLoop does, the naive way.
func benchChanLoop(b *testing.B, inflight int) {
	loopq, workq := make(chan func(), 1024), make(chan func(), 1024)
	go func() {
		for f := range loopq {
			f()
		}
	}()
	go func() {
		for f := range workq {
			f()
		}
	}()
	defer close(workq)
	defer close(loopq)
	left, live, done := b.N, 0, make(chan struct{}) // loop-owned
	var issue func()
	complete := func() {
		if left == 0 {
			if live--; live == 0 {
				close(done)
			}
			return
		}
		issue()
	}
	issue = func() {
		left--
		workq <- func() { loopq <- func() { complete() } }
	}
	k := min(inflight, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	loopq <- func() {
		for range k {
			live++
			issue()
		}
	}
	<-done
}

// BenchmarkLoopRoundTrip: one call in flight, one worker.
func BenchmarkLoopRoundTrip(b *testing.B) { benchLoop(b, loop.Config{Workers: 1}, 1) }

// BenchmarkChanLoopBaseline: the chan-based baseline of
// BenchmarkLoopRoundTrip.
func BenchmarkChanLoopBaseline(b *testing.B) { benchChanLoop(b, 1) }

// BenchmarkLoopRoundTrip1000: 1000 calls in flight, one worker.
func BenchmarkLoopRoundTrip1000(b *testing.B) { benchLoop(b, loop.Config{Workers: 1}, 1000) }

// BenchmarkChanLoopBaseline1000: the chan-based baseline of
// BenchmarkLoopRoundTrip1000.
func BenchmarkChanLoopBaseline1000(b *testing.B) { benchChanLoop(b, 1000) }

// BenchmarkLoopRoundTrip1000DefaultWorkers: 1000 calls in flight on the
// default executor (4 * GOMAXPROCS workers).
func BenchmarkLoopRoundTrip1000DefaultWorkers(b *testing.B) { benchLoop(b, loop.Config{}, 1000) }
