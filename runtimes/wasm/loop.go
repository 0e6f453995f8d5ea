//go:build js && wasm

package wasm

import (
	"context"
	"sync"
	"syscall/js"
	"time"

	"github.com/shimgen/shimgen/runtimes"
)

// Loop is the JavaScript event loop seen as a runtimes.Loop. Post queues a
// task; the first task of a batch schedules one JavaScript callback (with
// queueMicrotask) that runs the whole batch in FIFO order. It implements
// runtimes.Loop, runtimes.OnLooper and runtimes.Closer; the runtime it is
// given to closes it once drained, so give each Loop to one runtime only.
type Loop struct {
	mu        sync.Mutex
	queue     []runtimes.Task // posted, not yet taken
	spare     []runtimes.Task // the last batch, recycled
	scheduled bool            // a callback for the queue is scheduled in JavaScript
	running   bool            // a batch is running
	stopping  bool            // Close was called: stop once idle
	stopped   bool            // Post refuses; the JavaScript functions are released
	done      chan struct{}   // closed when stopped

	// The starvation guard: after armAfter microtask batches, a macrotask
	// (the sentinel) is scheduled; while it has not run, JavaScript has not
	// had a macrotask turn, and after yieldAfter the batches switch to
	// setTimeout until it has.
	chain    int       // microtask batches since the guard was last reset
	armedAt  time.Time // when the sentinel was scheduled; zero if not armed
	sentinel js.Value  // the sentinel's timer id

	run        js.Func  // runs a batch
	tick       js.Func  // the sentinel
	microtask  js.Value // queueMicrotask, or undefined
	setTimeout js.Value
	clearTimer js.Value
}

const (
	armAfter   = 16
	yieldAfter = 5 * time.Millisecond
	maxSpare   = 1 << 16 // bounds the capacity of a batch kept for reuse
)

// NewLoop returns a loop on the JavaScript event loop. It holds two
// JavaScript functions until it stops.
func NewLoop() *Loop {
	g := js.Global()
	l := &Loop{
		done:       make(chan struct{}),
		setTimeout: g.Get("setTimeout"),
		clearTimer: g.Get("clearTimeout"),
	}
	if m := g.Get("queueMicrotask"); m.Type() == js.TypeFunction {
		l.microtask = m
	}
	l.run = js.FuncOf(l.runBatch)
	l.tick = js.FuncOf(l.reset)
	return l
}

// Post queues t to run on the JavaScript event loop after the tasks posted
// before it. It never blocks and never runs t inline. It returns
// runtimes.ErrClosed once the loop has stopped; a task it accepted always
// runs (unless the program exits first).
func (l *Loop) Post(t runtimes.Task) error {
	l.mu.Lock()
	if l.stopped {
		l.mu.Unlock()
		return runtimes.ErrClosed
	}
	l.queue = append(l.queue, t)
	if l.scheduled {
		l.mu.Unlock()
		return nil
	}
	l.schedule() // unlocks
	return nil
}

// schedule arranges for a callback running the queue, and unlocks l.mu.
func (l *Loop) schedule() {
	l.scheduled = true
	macro, arm := false, false
	switch {
	case l.microtask.IsUndefined():
		macro = true
	case !l.armedAt.IsZero():
		macro = time.Since(l.armedAt) > yieldAfter
	default:
		l.chain++
		if l.chain >= armAfter {
			arm = true
			l.armedAt = time.Now()
		}
	}
	l.mu.Unlock()
	// No JavaScript runs while Go does: the callbacks cannot start before
	// these calls return.
	if arm {
		id := l.setTimeout.Invoke(l.tick, 0)
		l.mu.Lock()
		l.sentinel = id
		l.mu.Unlock()
	}
	if macro {
		l.setTimeout.Invoke(l.run, 0)
	} else {
		l.microtask.Invoke(l.run)
	}
}

// reset is the sentinel: JavaScript had a macrotask turn.
func (l *Loop) reset(js.Value, []js.Value) any {
	l.mu.Lock()
	l.chain, l.armedAt, l.sentinel = 0, time.Time{}, js.Undefined()
	l.mu.Unlock()
	return nil
}

// runBatch runs the queued tasks, in order, as one JavaScript callback.
func (l *Loop) runBatch(js.Value, []js.Value) any {
	l.mu.Lock()
	batch := l.queue
	l.queue, l.spare = l.spare, nil
	l.scheduled = false
	l.running = true
	l.mu.Unlock()
	id := enter()
	i := 0
	defer func() { l.endBatch(id, batch, i) }()
	for ; i < len(batch); i++ {
		t := batch[i]
		batch[i] = nil
		t.Run()
	}
	return nil
}

// endBatch follows a batch that ran its tasks up to i (i < len(batch): the
// task i panicked; the rest is put back at the head of the queue). It stops
// the loop if it is closing and idle.
func (l *Loop) endBatch(id uint64, batch []runtimes.Task, i int) {
	leave(id)
	l.mu.Lock()
	l.running = false
	if i < len(batch) {
		l.queue = append(append([]runtimes.Task(nil), batch[i+1:]...), l.queue...)
		if len(l.queue) > 0 && !l.scheduled {
			l.schedule() // unlocks
			return
		}
	} else if cap(batch) <= maxSpare {
		l.spare = batch[:0]
	}
	l.stopIfIdle()
	l.mu.Unlock()
}

// stopIfIdle stops the loop if it is closing and has nothing left to run.
// l.mu is held.
func (l *Loop) stopIfIdle() {
	if !l.stopping || l.stopped || l.scheduled || l.running || len(l.queue) > 0 {
		return
	}
	l.stopped = true
	if !l.armedAt.IsZero() {
		l.clearTimer.Invoke(l.sentinel)
		l.armedAt = time.Time{}
	}
	l.run.Release()
	l.tick.Release()
	l.spare = nil
	close(l.done)
}

// OnLoop reports whether the calling goroutine is on the JavaScript event
// loop, as the package's [OnLoop] does.
func (l *Loop) OnLoop() bool { return OnLoop() }

// Done returns a channel closed once the loop has stopped: after Close, when
// every task accepted has run. A main goroutine may wait on it to keep the
// program alive until the runtime is closed.
func (l *Loop) Done() <-chan struct{} { return l.done }

// Close makes the loop stop once every task accepted has run; Post refuses
// new tasks after that. The runtime calls it once drained. Close waits for
// the stop or the end of ctx; on the loop (see [OnLoop]) it cannot wait and
// returns nil at once.
func (l *Loop) Close(ctx context.Context) error {
	l.mu.Lock()
	l.stopping = true
	l.stopIfIdle()
	l.mu.Unlock()
	select {
	case <-l.done:
		return nil
	default:
	}
	if OnLoop() {
		return nil
	}
	select {
	case <-l.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
