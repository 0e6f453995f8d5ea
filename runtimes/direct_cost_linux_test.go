//go:build linux

package runtimes

import (
	"context"
	"io/fs"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"
)

// The direct call as generated code made it before observers existed:
// Admit(ctx) error, and Release(&err) deferring the release. BenchmarkDirectCost
// sets today's against it in one binary.

func (r *Runtime) admitBefore(ctx context.Context) error {
	if r.OnLoop() {
		return ErrWouldDeadlock
	}
	if !r.acquire() {
		return ErrClosed
	}
	if err := ctx.Err(); err != nil {
		r.release()
		return err
	}
	return nil
}

func (r *Runtime) releaseBefore(err *error) {
	defer r.release()
	if v := recover(); v != nil {
		*err = newPanicError(v)
	}
}

// costInfo and costImpl stand for examples/blob's Info and the blocking
// implementation of its Stat: the shape of the results decides how the
// adapter copies them.
type costInfo struct {
	Size    int64
	Mode    fs.FileMode
	ModTime time.Time
}

type costImpl interface {
	Stat(ctx context.Context, key string) (costInfo, bool, error)
}

type costMem struct{ info costInfo }

func (c *costMem) Stat(context.Context, string) (costInfo, bool, error) { return c.info, true, nil }

// costDirect is a direct adapter, with both generations of its method.
type costDirect struct {
	impl costImpl
	rt   *Runtime
}

var costStatMethod = Method{Interface: "Bucket", Name: "Stat"}

//go:noinline
func (d *costDirect) statBefore(ctx context.Context, key string) (info costInfo, found bool, err error) {
	if err = d.rt.admitBefore(ctx); err != nil {
		return
	}
	defer d.rt.releaseBefore(&err)
	return d.impl.Stat(ctx, key)
}

//go:noinline
func (d *costDirect) statNow(ctx context.Context, key string) (info costInfo, found bool, err error) {
	var pass Pass
	if ctx, err = d.rt.Admit(ctx, &costStatMethod, &pass); err != nil {
		return
	}
	defer d.rt.Release(&pass, &err)
	return d.impl.Stat(ctx, key)
}

var costSink costInfo

// threadCPU is the CPU time of the calling thread.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(1, &ru) // RUSAGE_THREAD
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkDirectCost: the direct call without an observer, as generated
// now and as generated before observers, on one runtime without a loop.
// Each of the b.N rounds runs a chunk of calls of each, in alternating
// order, on one locked thread, and takes the thread's CPU time (time spent
// descheduled does not count); x-before is the median of the per-round
// ratios now / before, q1 and q3 its quartiles. Run it with a fixed count
// of rounds:
//
//	go test -run '^$' -bench DirectCost -benchtime 40x
func BenchmarkDirectCost(b *testing.B) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	d := &costDirect{impl: &costMem{}, rt: New(inlineExecutor{}, nil)}
	ctx := context.Background()
	const chunk = 1 << 20
	gens := [2]func(){
		func() {
			for range chunk {
				costSink, _, _ = d.statBefore(ctx, "k")
			}
		},
		func() {
			for range chunk {
				costSink, _, _ = d.statNow(ctx, "k")
			}
		},
	}
	var ratios, before, now []float64
	for i := range b.N {
		var cpu [2]time.Duration
		for k := range 2 {
			g := (i + k) % 2
			start := threadCPU()
			gens[g]()
			cpu[g] = threadCPU() - start
		}
		ratios = append(ratios, float64(cpu[1])/float64(cpu[0]))
		before, now = append(before, float64(cpu[0])/chunk), append(now, float64(cpu[1])/chunk)
	}
	q := quartilesOf(ratios)
	b.ReportMetric(q[1], "x-before")
	b.ReportMetric(q[0], "q1")
	b.ReportMetric(q[2], "q3")
	b.ReportMetric(quartilesOf(before)[1], "ns/call-before")
	b.ReportMetric(quartilesOf(now)[1], "ns/call-now")
}

// quartilesOf returns the first quartile, the median and the third.
func quartilesOf(vs []float64) [3]float64 {
	s := slices.Sorted(slices.Values(vs))
	at := func(f float64) float64 { return s[int(f*float64(len(s)-1)+0.5)] }
	return [3]float64{at(0.25), at(0.5), at(0.75)}
}

// inlineExecutor runs a task on the caller's goroutine.
type inlineExecutor struct{}

func (inlineExecutor) Execute(t Task) error { t.Run(); return nil }
