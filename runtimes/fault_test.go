package runtimes_test

import (
	"context"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/internal/goid"
)

// faults says how a faultLoop or a faultExec misbehaves. The zero value
// behaves.
type faults struct {
	refuseAt   int64         // the refusals start at this call (1-based); 0: never
	refuseOnce bool          // refuse that call only, else every call from it on
	refuseWait time.Duration // a refusal returns after this delay
	delayEvery int           // every delayEvery-th task waits a little before it runs
}

// randomFaults draws the faults of one runtime: a refusal at a random point,
// once or for good, sometimes after a delay, and delayed tasks.
func randomFaults(calls int) faults {
	f := faults{refuseAt: 1 + rand.Int64N(int64(max(calls, 1))), refuseOnce: rand.IntN(2) == 0}
	if rand.IntN(3) == 0 {
		f.refuseWait = time.Duration(rand.IntN(50)) * time.Microsecond
	}
	if rand.IntN(2) == 0 {
		f.delayEvery = 1 + rand.IntN(8)
	}
	return f
}

// refuses counts a call and reports whether it is refused, after the
// refusal's delay.
func (f *faults) refuses(n *atomic.Int64) bool {
	i := n.Add(1)
	refuse := f.refuseAt > 0 && (i == f.refuseAt || !f.refuseOnce && i > f.refuseAt)
	if refuse && f.refuseWait > 0 {
		time.Sleep(f.refuseWait)
	}
	return refuse
}

// delay makes every delayEvery-th task wait a little before it runs.
func (f *faults) delay(i int64) {
	if f.delayEvery > 0 && i%int64(f.delayEvery) == 0 {
		time.Sleep(time.Duration(i%16) * time.Microsecond)
	}
}

// faultLoop is a loop that refuses Posts as its faults say (a refused task
// never runs; the tasks it accepted always run, in FIFO order) and delays
// some tasks. It implements runtimes.OnLooper and runtimes.Closer: Close
// stops it once its queue is empty.
type faultLoop struct {
	f      faults
	posts  atomic.Int64
	ran    atomic.Int64
	gid    atomic.Uint64
	mu     sync.Mutex
	cond   sync.Cond
	queue  []runtimes.Task
	closed bool
	exited chan struct{}
}

func newFaultLoop(f faults) *faultLoop {
	l := &faultLoop{f: f, exited: make(chan struct{})}
	l.cond.L = &l.mu
	go l.run()
	return l
}

func (l *faultLoop) Post(t runtimes.Task) error {
	if l.f.refuses(&l.posts) {
		return runtimes.ErrClosed
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return runtimes.ErrClosed
	}
	l.queue = append(l.queue, t)
	l.cond.Signal()
	return nil
}

func (l *faultLoop) OnLoop() bool { return goid.Current() == l.gid.Load() }

func (l *faultLoop) Close(ctx context.Context) error {
	l.mu.Lock()
	l.closed = true
	l.cond.Signal()
	l.mu.Unlock()
	select {
	case <-l.exited:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// run runs the queued tasks in order until closed and empty.
func (l *faultLoop) run() {
	defer close(l.exited)
	l.gid.Store(goid.Current())
	for {
		l.mu.Lock()
		for len(l.queue) == 0 && !l.closed {
			l.cond.Wait()
		}
		if len(l.queue) == 0 {
			l.mu.Unlock()
			return
		}
		t := l.queue[0]
		l.queue[0] = nil
		l.queue = l.queue[1:]
		l.mu.Unlock()
		l.f.delay(l.ran.Add(1))
		t.Run()
	}
}

// faultExec runs each task on a goroutine of its own, refusing Executes as
// its faults say (with ErrClosed) and delaying some tasks. Close waits for
// the tasks it accepted.
type faultExec struct {
	f     faults
	calls atomic.Int64
	wg    sync.WaitGroup
}

func (e *faultExec) Execute(t runtimes.Task) error {
	if e.f.refuses(&e.calls) {
		return runtimes.ErrClosed
	}
	e.wg.Add(1)
	i := e.calls.Load()
	go func() {
		defer e.wg.Done()
		e.f.delay(i)
		t.Run()
	}()
	return nil
}

func (e *faultExec) Close(ctx context.Context) error {
	done := make(chan struct{})
	go func() { e.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// newFaultRuntime builds a runtime over a faultExec and a faultLoop.
func newFaultRuntime(exec, loop faults, opts ...runtimes.Option) *runtimes.Runtime {
	return runtimes.New(&faultExec{f: exec}, newFaultLoop(loop), opts...)
}
