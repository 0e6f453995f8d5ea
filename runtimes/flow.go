package runtimes

import (
	"context"
	"sync"
)

// Flow is the flow control a callback producer can use when the blocking
// form consumes its stream: get it with [FlowOf] from the context the
// producer was called with. A producer that respects it never has more than
// the runtime's window of items in flight; one that ignores it is cut off
// with [ErrStreamOverflow] once the runtime's limit of items is buffered.
//
//	func (s *Store) List(ctx context.Context, prefix string, each func(Entry) bool, done func(error)) {
//		flow := runtimes.FlowOf(ctx)
//		var step func()
//		step = func() {
//			for ; s.i < len(s.items); s.i++ {
//				if !flow.Ready() {
//					flow.OnReady(step) // resume when the consumer has caught up
//					return
//				}
//				if !each(s.items[s.i]) {
//					break
//				}
//			}
//			done(nil)
//		}
//		step()
//	}
//
// A nil *Flow (the context carries none) is always ready and runs OnReady
// functions at once, so a producer can use FlowOf unconditionally.
//
// The consumer returns room a batch at a time: the items it has taken
// count as in flight until it comes back for more. A producer working off
// the loop should watch ctx.Done() as well as OnReady: once a loop has
// stopped, nothing runs on it, OnReady functions included.
type Flow struct {
	rt     *Runtime
	window int
	limit  int
	cancel context.CancelCauseFunc // of the producer's context

	mu       sync.Mutex
	n        int      // items buffered, not yet taken by the consumer
	over     bool     // the consumer is gone or cut the stream: each refuses items
	ended    bool     // the producer ended the stream with err (done, or a panic)
	err      error    //
	resume   []func() // OnReady functions waiting for room
	due      []func() // OnReady functions for the consumer to run (no loop)
	left     bool     // the consumer left for good: nobody runs due (no loop)
	sleeping bool     // the consumer waits on wakeup
	wakeup   chan struct{}
}

type flowKey struct{}

// FlowOf returns the flow control of the stream whose producer was called
// with ctx, or nil if there is none.
func FlowOf(ctx context.Context) *Flow {
	f, _ := ctx.Value(flowKey{}).(*Flow)
	return f
}

// Ready reports whether the consumer has room for another item: fewer than
// the window are in flight, or the stream is over (each then returns false).
func (f *Flow) Ready() bool {
	if f == nil {
		return true
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n < f.window || f.over
}

// OnReady arranges for fn to run once there is room for another item, or
// once the stream is over, on the runtime's completion context (on the loop
// when there is one, else on the consuming goroutine, or on a goroutine of
// its own once the consumer has left). Each registration runs once, never
// inside OnReady. A panic in fn ends the stream like a panic in the
// producer's Invoke. If the loop refuses to run it (the loop has stopped),
// fn never runs and the stream ends with [ErrClosed]: the producer's
// context is canceled with that cause.
func (f *Flow) OnReady(fn func()) {
	if f == nil {
		fn()
		return
	}
	f.mu.Lock()
	f.resume = append(f.resume, fn)
	fns := f.wake()
	f.mu.Unlock()
	f.schedule(fns)
}

// wake takes the OnReady functions that are due, with f.mu held.
func (f *Flow) wake() []func() {
	if len(f.resume) == 0 || (f.n >= f.window && !f.over) {
		return nil
	}
	fns := f.resume
	f.resume = nil
	return fns
}

// schedule runs due OnReady functions where they belong: posted to the loop,
// or handed to the consuming goroutine without one, or, once that has left,
// run on a new goroutine (an asynchronous producer can register after the
// consumer's last look).
func (f *Flow) schedule(fns []func()) {
	if len(fns) == 0 {
		return
	}
	if loop := f.rt.loop; loop != nil {
		// One task for them all. A refusal means the loop is gone: the
		// functions cannot run where they belong, so the stream ends
		// with ErrClosed (its context is canceled, which also ends a
		// producer waiting for room off the loop).
		if loop.Post(TaskFunc(func() {
			for _, fn := range fns {
				f.guard(fn)
			}
		})) != nil {
			f.cancel(ErrClosed)
		}
		return
	}
	f.mu.Lock()
	if f.left {
		f.mu.Unlock()
		go func() {
			for _, fn := range fns {
				f.guard(fn)
			}
		}()
		return
	}
	f.due = append(f.due, fns...)
	f.unlockKick()
}

// guard runs a producer's function, turning a panic into the stream's error.
func (f *Flow) guard(fn func()) {
	defer f.recoverProducer()
	fn()
}

// recoverProducer is deferred around the producer's code: a panic before
// the producer called done ends the stream with a *PanicError; one after
// done, or after the consumer left, goes to the misuse handler.
func (f *Flow) recoverProducer() {
	v := recover()
	if v == nil {
		return
	}
	pe := newPanicError(v)
	f.mu.Lock()
	over := f.over
	f.mu.Unlock()
	if !f.end(pe) || over { // too late for the consumer to see it
		f.rt.misuse(pe)
	}
}

// end records the producer's end of the stream, once, and wakes the
// consumer. It reports false if the producer had ended it already.
func (f *Flow) end(err error) bool {
	f.mu.Lock()
	if f.ended {
		f.mu.Unlock()
		return false
	}
	f.ended, f.err = true, err
	f.unlockKick()
	return true
}

// unlockKick releases f.mu, which the caller holds, and wakes the consumer
// if it sleeps.
func (f *Flow) unlockKick() {
	sleeping := f.sleeping
	f.sleeping = false
	f.mu.Unlock()
	if sleeping {
		select {
		case f.wakeup <- struct{}{}:
		default:
		}
	}
}
