package soak

import (
	"context"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/internal/goid"
)

// Faults says how a faultLoop or a [FaultExec] misbehaves. The zero value
// behaves.
type Faults struct {
	RefuseAt   int64         // the refusals start at this call (1-based); 0: never
	RefuseOnce bool          // refuse that call only, else every call from it on
	RefuseWait time.Duration // a refusal returns after this delay
	DelayEvery int           // every DelayEvery-th task waits a little before it runs
}

// RandomFaults draws the Faults of one runtime: a refusal at a random point,
// once or for good, sometimes after a delay, and delayed tasks.
func RandomFaults(calls int) Faults {
	f := Faults{RefuseAt: 1 + rand.Int64N(int64(max(calls, 1))), RefuseOnce: rand.IntN(2) == 0}
	if rand.IntN(3) == 0 {
		f.RefuseWait = time.Duration(rand.IntN(50)) * time.Microsecond
	}
	if rand.IntN(2) == 0 {
		f.DelayEvery = 1 + rand.IntN(8)
	}
	return f
}

// refuses counts a call and reports whether it is refused, after the
// refusal's delay.
func (f *Faults) refuses(n *atomic.Int64) bool {
	i := n.Add(1)
	refuse := f.RefuseAt > 0 && (i == f.RefuseAt || !f.RefuseOnce && i > f.RefuseAt)
	if refuse && f.RefuseWait > 0 {
		time.Sleep(f.RefuseWait)
	}
	return refuse
}

// delay makes every DelayEvery-th task wait a little before it runs.
func (f *Faults) delay(i int64) {
	if f.DelayEvery > 0 && i%int64(f.DelayEvery) == 0 {
		time.Sleep(time.Duration(i%16) * time.Microsecond)
	}
}

// faultLoop is a loop that refuses Posts as its Faults say (a refused task
// never runs; the tasks it accepted always run, in FIFO order) and delays
// some tasks. It implements runtimes.OnLooper and runtimes.Closer: Close
// stops it once its queue is empty.
type faultLoop struct {
	f      Faults
	posts  atomic.Int64
	ran    atomic.Int64
	gid    atomic.Uint64
	mu     sync.Mutex
	cond   sync.Cond
	queue  []runtimes.Task
	closed bool
	exited chan struct{}
}

func newFaultLoop(f Faults) *faultLoop {
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

// FaultExec runs each task on a goroutine of its own, refusing Executes as
// its Faults say (with ErrClosed) and delaying some tasks. Close waits for
// the tasks it accepted.
type FaultExec struct {
	f     Faults
	calls atomic.Int64
	wg    sync.WaitGroup
}

func (e *FaultExec) Execute(t runtimes.Task) error {
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

func (e *FaultExec) Close(ctx context.Context) error {
	done := make(chan struct{})
	go func() { e.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// NewFaultRuntime builds a runtime over a FaultExec and a faultLoop.
func NewFaultRuntime(exec, loop Faults, opts ...runtimes.Option) *runtimes.Runtime {
	return runtimes.New(&FaultExec{f: exec}, newFaultLoop(loop), opts...)
}

// NewFaultExec returns a FaultExec with faults f.
func NewFaultExec(f Faults) *FaultExec { return &FaultExec{f: f} }

// Refusing returns loop with Posts refused as f says (a refused task never
// runs; the others go to loop as they are). It forwards OnLoop and Close.
func Refusing(loop runtimes.Loop, f Faults) runtimes.Loop {
	return &refusing{loop: loop, f: f}
}

type refusing struct {
	loop  runtimes.Loop
	f     Faults
	posts atomic.Int64
}

func (r *refusing) Post(t runtimes.Task) error {
	if r.f.refuses(&r.posts) {
		return runtimes.ErrClosed
	}
	return r.loop.Post(t)
}

func (r *refusing) OnLoop() bool {
	o, ok := r.loop.(runtimes.OnLooper)
	return ok && o.OnLoop()
}

func (r *refusing) Close(ctx context.Context) error {
	if c, ok := r.loop.(runtimes.Closer); ok {
		return c.Close(ctx)
	}
	return nil
}
