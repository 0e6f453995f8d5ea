package runtimes

import (
	"context"
	"sync/atomic"
)

// Function-typed parameters and results
//
// Generated code passes function-typed parameters and results (a
// fn func(Pipeliner) error, an Each(fn)) as they are: they run wherever
// the implementation calls them. The callback form over a blocking
// implementation calls the implementation on a worker, so a function
// parameter it calls runs on that worker, not on the loop, concurrently
// with the loop. A function that must touch loop-owned state can hop to
// the loop itself with [Runtime.RunOnLoop].

// States of a loopCall.
const (
	loopCallQueued = iota
	loopCallRunning
	loopCallSkipped
)

// RunOnLoop runs f on the runtime's loop and waits until it has returned;
// it is for function-typed parameters (and results) that must run on the
// loop while the implementation calls them on a worker. On the loop
// goroutine, or on a runtime without a loop, it calls f at once.
//
// It returns nil once f has returned, a *[PanicError] if f panicked,
// [ErrClosed] (or the loop's error) if the loop refuses f, and ctx.Err()
// (wrapped with [ErrLoopNotStarted] when the loop was never started) if
// ctx ends before f starts: f is then never called. On a loop that was
// never started, with a ctx that has no Done channel, it returns
// [ErrLoopNotStarted] at once, as [Runtime.Wait] does. Once f has started,
// RunOnLoop waits for it to return whatever ctx does.
func (r *Runtime) RunOnLoop(ctx context.Context, f func()) error {
	if r.loop == nil || r.OnLoop() {
		return callSafe(f)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if r.stuck(ctx, 0) {
		return ErrLoopNotStarted
	}
	t := &loopCall{f: f, ran: make(chan struct{})}
	if err := r.loop.Post(t); err != nil {
		return err
	}
	select {
	case <-t.ran:
		return t.err
	case <-ctx.Done():
	}
	if t.state.CompareAndSwap(loopCallQueued, loopCallSkipped) {
		return r.gaveUp(ctx.Err())
	}
	<-t.ran // f is running on the loop
	return t.err
}

// loopCall is the task of a RunOnLoop.
type loopCall struct {
	f     func()
	state atomic.Uint32
	err   error         // written before ran is closed
	ran   chan struct{} // closed once f returned
}

func (t *loopCall) Run() {
	if !t.state.CompareAndSwap(loopCallQueued, loopCallRunning) {
		return // the caller gave up
	}
	t.err = callSafe(t.f)
	close(t.ran)
}

// callSafe calls f, turning a panic into a *PanicError.
func callSafe(f func()) (err error) {
	defer catch(&err)
	f()
	return nil
}
