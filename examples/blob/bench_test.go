package blob_test

// Each benchmark of generated code sits beside a hand-written baseline
// doing the same work, so that one run gives the ratio:
//
//	BlockingPassThrough       / DirectInterfaceCall      the direct path
//	CallbackRoundTripLoop     / ChanLoopBaseline         a loop round trip
//
// Get has a 30s timeout in the spec, which costs a context.WithTimeout per
// call in both generated forms; the ...Stat variants measure a method
// without one, and the ChanLoopBaselineDeadline variants give the baseline
// the same per-call deadline.

import (
	"context"
	"iter"
	"testing"
	"time"

	"github.com/shimgen/shimgen/examples/blob"
	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/inline"
	"github.com/shimgen/shimgen/runtimes/loop"
)

// mem is a trivial Bucket: no I/O, no allocation.
type mem struct {
	data []byte
	info blob.Info
}

func (m *mem) Get(context.Context, string) ([]byte, bool, error) { return m.data, true, nil }

func (m *mem) Put(context.Context, string, []byte, ...blob.PutOption) error { return nil }

func (m *mem) Delete(context.Context, string) (bool, error) { return true, nil }

func (m *mem) Stat(context.Context, string) (blob.Info, bool, error) { return m.info, true, nil }

// List yields listLen entries, all alike.
func (m *mem) List(ctx context.Context, prefix string) iter.Seq2[blob.Entry, error] {
	return func(yield func(blob.Entry, error) bool) {
		for range listLen {
			if !yield(blob.Entry{Key: prefix, Info: m.info}, nil) {
				return
			}
		}
	}
}

// ReadChunks yields data once.
func (m *mem) ReadChunks(context.Context, string, int) iter.Seq2[[]byte, error] {
	return func(yield func([]byte, error) bool) { yield(m.data, nil) }
}

// Upload counts the chunks' bytes.
func (m *mem) Upload(ctx context.Context, key string, chunks iter.Seq[[]byte]) (int64, error) {
	var n int64
	for c := range chunks {
		n += int64(len(c))
	}
	return n, nil
}

// benchBucket and passThrough are package-level interface variables, so
// that calls through them are not devirtualized.
var (
	benchBucket blob.Bucket = &mem{data: make([]byte, 64), info: blob.Info{Size: 64}}
	passThrough blob.Bucket
)

// Sinks keep results alive.
var (
	sinkData []byte
	sinkInfo blob.Info
)

// getTimeout is Get's timeout in blob.shim.yaml.
const getTimeout = 30 * time.Second

func BenchmarkDirectInterfaceCall(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkData, _, _ = benchBucket.Get(bg, "k")
	}
}

func BenchmarkBlockingPassThrough(b *testing.B) {
	setPassThrough(b)
	for b.Loop() {
		sinkData, _, _ = passThrough.Get(bg, "k")
	}
}

func BenchmarkDirectInterfaceCallStat(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkInfo, _, _ = benchBucket.Stat(bg, "k")
	}
}

func BenchmarkBlockingPassThroughStat(b *testing.B) {
	setPassThrough(b)
	for b.Loop() {
		sinkInfo, _, _ = passThrough.Stat(bg, "k")
	}
}

// setPassThrough sets passThrough to the round trip (the direct path) over
// benchBucket.
func setPassThrough(b *testing.B) {
	rt := inline.New()
	b.Cleanup(func() { rt.Close(bg) })
	passThrough = blob.NewBucketBlocking(blob.NewBucketAsync(benchBucket, rt), rt)
	b.ReportAllocs()
}

// chain keeps calls of the callback form in flight from the loop: each done
// issues the next call until n calls were issued. Its fields are
// loop-owned.
type chain struct {
	api      blob.BucketAsync
	left     int // calls still to issue
	live     int // calls in flight
	failed   error
	finished chan struct{}
	issue    func()                       // issueGet or issueStat
	gotGet   func([]byte, bool, error)    // c.get, bound once
	gotStat  func(blob.Info, bool, error) // c.stat, bound once
}

func (c *chain) issueGet()  { c.left--; c.api.Get(bg, "k", c.gotGet) }
func (c *chain) issueStat() { c.left--; c.api.Stat(bg, "k", c.gotStat) }

func (c *chain) get(data []byte, _ bool, err error) { sinkData = data; c.next(err) }

func (c *chain) stat(info blob.Info, _ bool, err error) { sinkInfo = info; c.next(err) }

// next issues the next call, or retires the finished one.
func (c *chain) next(err error) {
	if err != nil {
		c.failed = err
	}
	if c.left > 0 {
		c.issue()
		return
	}
	if c.live--; c.live == 0 {
		close(c.finished)
	}
}

// benchCallback runs b.N callback-form calls on a loop with one worker,
// inflight at a time, issued from the loop.
func benchCallback(b *testing.B, inflight int, stat bool) {
	lp := loop.New(loop.Config{Workers: 1})
	lp.Start()
	defer lp.Close(bg)
	c := &chain{api: blob.NewBucketAsync(benchBucket, lp.Runtime()), left: b.N, finished: make(chan struct{})}
	c.gotGet, c.gotStat, c.issue = c.get, c.stat, c.issueGet
	if stat {
		c.issue = c.issueStat
	}
	k := min(inflight, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	if err := lp.Post(runtimes.TaskFunc(func() {
		for c.live = k; k > 0; k-- {
			c.issue()
		}
	})); err != nil {
		b.Fatal(err)
	}
	<-c.finished
	b.StopTimer()
	if c.failed != nil {
		b.Fatal(c.failed)
	}
}

// chanLoop is the baseline: a minimal hand-written loop (a goroutine
// reading a chan func()) and one worker goroutine reading a chan func();
// the loop issues a call by sending a work closure to the worker, which
// runs work and posts a completion closure back to the loop. It does the
// round trip of benchCallback the naive way. With timeout > 0 each call gets
// a deadline, derived on the loop and released on the worker, as the
// generated code does. The counters are loop-owned.
type chanLoop[R any] struct {
	loopq, workq chan func()
	work         func(context.Context) (R, error)
	timeout      time.Duration
	left, live   int
	failed       error
	finished     chan struct{}
}

// issue sends the next call to the worker.
func (c *chanLoop[R]) issue() {
	c.left--
	ctx, cancel := bg, context.CancelFunc(nil)
	if c.timeout > 0 {
		ctx, cancel = context.WithTimeout(bg, c.timeout)
	}
	c.workq <- func() {
		r, err := c.work(ctx)
		if cancel != nil {
			cancel()
		}
		c.loopq <- func() { c.complete(r, err) }
	}
}

// complete issues the next call, or retires the finished one.
func (c *chanLoop[R]) complete(_ R, err error) {
	if err != nil {
		c.failed = err
	}
	if c.left > 0 {
		c.issue()
	} else if c.live--; c.live == 0 {
		close(c.finished)
	}
}

// benchChan runs b.N calls of work on a chanLoop, inflight at a time.
func benchChan[R any](b *testing.B, inflight int, timeout time.Duration, work func(context.Context) (R, error)) {
	c := &chanLoop[R]{
		loopq: make(chan func(), 1024), workq: make(chan func(), 1024),
		work: work, timeout: timeout, left: b.N, finished: make(chan struct{}),
	}
	go drain(c.loopq)
	go drain(c.workq)
	defer close(c.workq)
	defer close(c.loopq)
	k := min(inflight, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	c.loopq <- func() {
		for c.live = k; k > 0; k-- {
			c.issue()
		}
	}
	<-c.finished
	b.StopTimer()
	if c.failed != nil {
		b.Fatal(c.failed)
	}
}

// drain runs the functions received from q until q is closed.
func drain(q <-chan func()) {
	for f := range q {
		f()
	}
}

func chanGet(ctx context.Context) (getResult, error) {
	data, found, err := benchBucket.Get(ctx, "k")
	return getResult{data, found}, err
}

func chanStat(ctx context.Context) (statResult, error) {
	info, found, err := benchBucket.Stat(ctx, "k")
	return statResult{info, found}, err
}

func BenchmarkCallbackRoundTripLoop(b *testing.B)    { benchCallback(b, 1, false) }
func BenchmarkChanLoopBaseline(b *testing.B)         { benchChan(b, 1, 0, chanGet) }
func BenchmarkChanLoopBaselineDeadline(b *testing.B) { benchChan(b, 1, getTimeout, chanGet) }

func BenchmarkCallbackRoundTripLoop1000(b *testing.B)    { benchCallback(b, 1000, false) }
func BenchmarkChanLoopBaseline1000(b *testing.B)         { benchChan(b, 1000, 0, chanGet) }
func BenchmarkChanLoopBaselineDeadline1000(b *testing.B) { benchChan(b, 1000, getTimeout, chanGet) }

func BenchmarkCallbackRoundTripLoopStat(b *testing.B)     { benchCallback(b, 1, true) }
func BenchmarkChanLoopBaselineStat(b *testing.B)          { benchChan(b, 1, 0, chanStat) }
func BenchmarkCallbackRoundTripLoopStat1000(b *testing.B) { benchCallback(b, 1000, true) }
func BenchmarkChanLoopBaselineStat1000(b *testing.B)      { benchChan(b, 1000, 0, chanStat) }
