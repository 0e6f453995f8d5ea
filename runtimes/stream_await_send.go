package runtimes

import (
	"context"
	"iter"
)

// AwaitSend runs a client stream of a callback implementation for the
// blocking form, and returns its error. It is for generated code: invoke
// calls the implementation with ctx and a done callback that claims the
// call and finishes it, as for [Runtime.WaitFunc],
//
//	func(written int64, err error) {
//		if st.w.Claim() {
//			st.written = written
//			st.w.Finish(err)
//		}
//	}
//
// and returns the implementation's [Sender]; w is that call's Wait.
//
// The refusals are those of [Runtime.Wait], without invoking: [ErrClosed],
// [ErrWouldDeadlock] on the loop's goroutine, ctx.Err(), and
// [ErrLoopNotStarted]. Otherwise invoke runs on the loop (without a loop,
// on the caller's goroutine) with a context that carries the call's
// deadline for the whole stream and ends when the runtime closes; then
// AwaitSend pulls items on the caller's goroutine and sends them, waiting
// for room with Ready and OnReady, and calls CloseSend after the last. It
// stops pulling as soon as the stream has ended (done came, a Send failed,
// the context ended); it never calls CloseSend then. A panic in items is
// the caller's: it propagates, and the implementation's context is
// canceled. AwaitSend returns done's error, a *[PanicError] if invoke
// panicked first, or the context's cause ([ErrClosed] for Close) if it ended
// first: a late done is discarded, as for Wait.
func AwaitSend[T any](r *Runtime, ctx context.Context, m *Method, w *Wait, items iter.Seq[T], invoke func(ctx context.Context) Sender[T]) error {
	var probe Probe
	if r.opts.observer != nil {
		ctx, probe = r.observeStream(ctx, m, Blocking, Callback, true)
	}
	if err := r.admitWait(ctx, m.timeout()); err != nil {
		r.endedStream(probe, err, 0, 0)
		return err
	}
	defer r.release()
	a := &sendAwait[T]{rt: r, w: w, sc: r.openStream(ctx, m.timeout()), wake: make(chan struct{}, 1)}
	if probe != nil {
		defer endOnPanic(r, probe, nil, func() int64 { return a.sent }, nil)
	}
	err := a.run(items, invoke, probe)
	r.endedStream(probe, err, 0, a.sent)
	return err
}

// endOnPanic is deferred by the blocking form of a stream whose caller's
// code (its items, or the loop body) may panic through it: the panic goes
// on, and the stream's Probe ends with it, as Ended is due exactly once.
// A panic once reported (*reported) is let through.
func endOnPanic(r *Runtime, probe Probe, items *int64, sent func() int64, reported *bool) {
	v := recover()
	if v == nil {
		return
	}
	if reported != nil && *reported {
		panic(v)
	}
	var n int64
	if items != nil {
		n = *items
	}
	r.endedStream(probe, newPanicError(v), n, sent())
	panic(v)
}

// sendAwait is one AwaitSend.
type sendAwait[T any] struct {
	rt   *Runtime
	w    *Wait
	sc   streamCtx
	wake chan struct{} // kicked by the Sender's OnReady
	sent int64
	kept bool // the call completed: its context lives on to the deadline
}

// sendInvoke is the Waiter of an AwaitSend: it keeps the Sender.
type sendInvoke[T any] struct {
	w      *Wait
	invoke func(ctx context.Context) Sender[T]
	sender Sender[T]
	got    chan struct{} // closed once invoke returned
}

func (s *sendInvoke[T]) Invoke(ctx context.Context) {
	s.sender = s.invoke(ctx)
	close(s.got)
}

func (s *sendInvoke[T]) wait() *Wait { return s.w }

// run invokes the implementation, sends the items and waits for done.
func (a *sendAwait[T]) run(items iter.Seq[T], invoke func(ctx context.Context) Sender[T], probe Probe) error {
	defer func() { a.sc.end(a.kept) }()
	w, r := a.w, a.rt
	inv := &sendInvoke[T]{w: w, invoke: invoke, got: make(chan struct{})}
	w.rt, w.self, w.ctx, w.ch = r, inv, a.sc.ctx, make(chan struct{})
	if probe != nil {
		w.self = &observedWait{inv, probe}
	}
	w.startWatch()
	defer w.stopWatch()
	if r.loop == nil {
		w.invoke()
	} else if err := r.loop.Post((*waitTask)(w)); err != nil {
		return err
	}
	select {
	case <-inv.got:
		a.send(inv.sender, items)
	case <-w.ch:
	case <-a.sc.ctx.Done():
	}
	return a.await()
}

// send pulls the items and sends them, paced by the Sender.
func (a *sendAwait[T]) send(s Sender[T], items iter.Seq[T]) {
	if s == nil {
		return
	}
	for v := range items {
		if !a.room(s) || s.Send(v) != nil {
			return
		}
		a.sent++
	}
	s.CloseSend()
}

// room waits until s is ready, and reports false if the stream ended first.
func (a *sendAwait[T]) room(s Sender[T]) bool {
	for !a.over() {
		if s.Ready() {
			return true
		}
		s.OnReady(a.kick)
		select {
		case <-a.wake:
		case <-a.w.ch:
		case <-a.sc.ctx.Done():
		}
	}
	return false
}

func (a *sendAwait[T]) kick() {
	select {
	case a.wake <- struct{}{}:
	default:
	}
}

// over reports whether done came or the stream's context ended.
func (a *sendAwait[T]) over() bool {
	select {
	case <-a.w.ch:
		return true
	case <-a.sc.ctx.Done():
		return true
	default:
		return false
	}
}

// await waits for done or the end of the stream's context, as Wait.await
// does, with the context's cause.
func (a *sendAwait[T]) await() error {
	w := a.w
	select {
	case <-w.ch:
		a.kept = true
		return a.outcome(w.err)
	case <-a.sc.ctx.Done():
	}
	if w.state.CompareAndSwap(waitOpen, waitAbandoned) {
		cause := a.sc.cause()
		if w.watch != nil {
			w.watch.cause = cause
		}
		return a.rt.gaveUp(cause)
	}
	<-w.ch // a completion claimed the call: its Finish is imminent
	a.kept = true
	return a.outcome(w.err)
}

// outcome is the call's error once done came with err: an error that
// followed the end of the stream's context is that end (the implementation
// reports ctx.Err() where the stream was closed or timed out), as for
// server streams; a panic, or a success, is what it is.
func (a *sendAwait[T]) outcome(err error) error {
	if _, ok := err.(*PanicError); ok || err == nil {
		return err
	}
	if cause := a.sc.cause(); cause != nil {
		return a.rt.gaveUp(cause)
	}
	return err
}
