package runtimes

import (
	"context"
	"time"
)

// Wait runs a call of a callback implementation and blocks until it
// completes. It is for generated code.
//
// It returns [ErrClosed] if the runtime is closed, [ErrWouldDeadlock] if it
// is called on the runtime's loop goroutine, ctx.Err() if ctx is done, and
// [ErrLoopNotStarted] if nothing could ever end the wait but the start of a
// loop that was never started (the loop is a [Starter] whose Started is
// false, ctx has no Done channel and timeout is 0); w.Invoke is not called
// in these cases. Otherwise, with timeout > 0, ctx
// gets a deadline timeout from now for the whole call, and for what the call
// returns: the context is not canceled when Wait returns (see the package's
// rule on deadlines). With a loop, w.Invoke
// runs on the loop (so loop-bound implementations are only touched there);
// without one, on the caller's goroutine. If Invoke panics before a
// completion claimed the call, Wait returns a *[PanicError].
//
// Wait returns the completion's error once Finish is called, or ctx.Err()
// when ctx ends first (wrapped with [ErrLoopNotStarted] if the loop was
// never started). Either way no goroutine is left behind, and the
// result fields written after a successful Claim are safe to read: a
// completion racing with the end of ctx either wins (Wait waits for its
// Finish and returns its error) or is discarded.
func (r *Runtime) Wait(ctx context.Context, timeout time.Duration, w Waiter) error {
	if r.opts.observer != nil {
		return r.waitObserved(ctx, nil, timeout, w)
	}
	return r.wait(ctx, timeout, w)
}

// wait is Wait without an observer.
func (r *Runtime) wait(ctx context.Context, timeout time.Duration, w Waiter) error {
	if err := r.admitWait(ctx, timeout); err != nil {
		return err
	}
	defer r.release()
	ctx = withDeadline(ctx, timeout)
	k := w.wait()
	k.rt, k.self, k.ctx, k.ch = r, w, ctx, make(chan struct{})
	k.startWatch()
	defer k.stopWatch()
	if r.loop == nil {
		k.invoke()
	} else if err := r.loop.Post((*waitTask)(k)); err != nil {
		return err
	}
	return k.await(ctx)
}

// waitObserved is WaitFunc with an observer.
func (r *Runtime) waitObserved(ctx context.Context, m *Method, timeout time.Duration, w Waiter) error {
	ctx, p := r.observe(ctx, m, Blocking, Callback, false)
	if p != nil {
		w = &observedWait{w, p}
	}
	err := r.wait(ctx, timeout, w)
	r.ended(p, err, 0)
	return err
}

// admitWait counts a blocking call (Wait, Iterate) as pending, then checks
// its other refusals, uncounting it if one applies. The count is the only
// closed check: a Close can land anywhere around it and the call is either
// refused with ErrClosed or counted before the closed bit was set, so that
// Close waits for it.
func (r *Runtime) admitWait(ctx context.Context, timeout time.Duration) error {
	if !r.acquire() {
		return ErrClosed
	}
	var err error
	switch {
	case r.OnLoop():
		err = ErrWouldDeadlock
	case ctx.Err() != nil:
		err = ctx.Err()
	case r.stuck(ctx, timeout):
		err = ErrLoopNotStarted
	default:
		return nil
	}
	r.release()
	return err
}

// await blocks until Finish or the end of ctx, whichever comes first.
func (w *Wait) await(ctx context.Context) error {
	var done <-chan struct{}
	cc, _ := ctx.(*callCtx)
	if cc != nil {
		done = cc.watch()
	} else {
		done = ctx.Done()
	}
	select {
	case <-w.ch:
		if cc != nil {
			cc.release() // the context lives on, without the runtime's timer
		}
		return w.err
	case <-done:
	}
	if w.state.CompareAndSwap(waitOpen, waitAbandoned) {
		if w.watch != nil {
			w.watch.cause = ctx.Err()
		}
		return w.rt.gaveUp(ctx.Err())
	}
	<-w.ch // a completion claimed the call: its Finish is imminent
	return w.err
}

// waitTask is a Wait seen as the Task that invokes it on the loop.
type waitTask Wait

// Run invokes the implementation, unless the waiter already gave up.
func (t *waitTask) Run() {
	w := (*Wait)(t)
	if w.state.Load() != waitAbandoned {
		w.invoke()
	}
}

// invoke calls Invoke, turning a panic into the call's error if no
// completion claimed the call yet, or into a misuse report otherwise.
func (w *Wait) invoke() {
	defer w.recoverInvoke()
	if w.watch != nil {
		w.watch.invoked.Store(true)
	}
	if p := w.probe(); p != nil {
		w.rt.began(p)
	}
	w.self.Invoke(w.ctx)
}

func (w *Wait) recoverInvoke() {
	v := recover()
	if v == nil {
		return
	}
	pe := newPanicError(v)
	if w.watch != nil {
		w.watch.ended.Store(true) // reported below: not lost as well
	}
	if w.state.CompareAndSwap(waitOpen, waitClaimed) {
		w.Finish(pe)
		return
	}
	w.rt.misuse(pe)
}
