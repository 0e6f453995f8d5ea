package runtimes

import (
	"context"
	"sync"
)

// Inbox is the [Sender] a hand-written callback implementation of a client
// or bidirectional stream returns: Receive makes one, and the items the
// caller sends arrive at recv, in order, on the completion context, then
// closed, exactly once, when the send side is over. It keeps the rules of
// the runtime's streams: Ready is the runtime's window of items not yet
// received, a caller that ignores it is cut off with [ErrStreamOverflow]
// at the limit, and it is safe for concurrent use.
type Inbox[T any] struct {
	rt            *Runtime
	ctx           context.Context
	recv          func(T)
	closed        func(error)
	window, limit int
	unwatch       [2]func() bool // the hooks on ctx and on Close

	mu       sync.Mutex
	buf      fifo[T] // sent, not yet received
	sendDone bool    // CloseSend was called
	over     bool    // stopped: no more items
	err      error   // closed's argument once over
	busy     bool    // a delivery runs or is posted
	finished bool    // closed was called
	resume   []func()
}

// Receive returns an Inbox that hands the items sent to it to recv, and
// then its end to closed: nil once CloseSend was called and every item
// received, the argument of Stop, the cause of ctx's end (ctx.Err(), or
// [ErrClosed] when the runtime closes), [ErrStreamOverflow], or, with a
// callback-panic handler, the *[PanicError] of a recv that panicked. After
// closed, or once stopped, Send fails with [ErrStreamDone]; items not
// received by then are dropped.
//
// recv, closed and OnReady functions run on the completion context, one at
// a time: on the loop when there is one, else on the goroutine of the
// Send, CloseSend, OnReady or Stop that found the inbox idle (so, without
// a loop, a Send may run recv before it returns).
func Receive[T any](r *Runtime, ctx context.Context, recv func(T), closed func(err error)) *Inbox[T] {
	in := &Inbox[T]{rt: r, ctx: ctx, recv: recv, closed: closed}
	in.window, in.limit = r.settings()
	in.mu.Lock() // the hooks may fire at once
	in.unwatch[0] = context.AfterFunc(ctx, func() { in.Stop(causeOf(ctx)) })
	in.unwatch[1] = context.AfterFunc(r.closing, func() { in.Stop(ErrClosed) })
	in.mu.Unlock()
	return in
}

// Send implements Sender.
func (in *Inbox[T]) Send(v T) error {
	in.mu.Lock()
	switch {
	case in.sendDone:
		in.mu.Unlock()
		return ErrSendClosed
	case in.over || in.finished:
		in.mu.Unlock()
		return ErrStreamDone
	case in.buf.len() >= in.limit:
		in.mu.Unlock()
		in.Stop(ErrStreamOverflow)
		return ErrStreamOverflow
	}
	in.buf.push(v)
	in.unlockKick()
	return nil
}

// Ready implements Sender.
func (in *Inbox[T]) Ready() bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.readyLocked()
}

func (in *Inbox[T]) readyLocked() bool {
	return in.buf.len() < in.window || in.over || in.sendDone || in.finished
}

// OnReady implements Sender.
func (in *Inbox[T]) OnReady(fn func()) {
	in.mu.Lock()
	in.resume = append(in.resume, fn)
	in.unlockKick()
}

// CloseSend implements Sender: closed(nil) follows the last item.
func (in *Inbox[T]) CloseSend() {
	in.mu.Lock()
	in.sendDone = true
	in.unlockKick()
}

// Stop ends the inbox early, for an implementation that wants no more
// items: the items not received yet are dropped, Send fails with
// [ErrStreamDone] from now on, and closed(err) follows (unless closed ran
// already). It is safe from any goroutine, recv included.
func (in *Inbox[T]) Stop(err error) {
	in.mu.Lock()
	if in.over || in.finished {
		in.mu.Unlock()
		return
	}
	in.over, in.err = true, err
	in.buf.drop()
	in.unlockKick()
}

// unlockKick releases in.mu and has the delivery run, unless it runs or
// is posted already.
func (in *Inbox[T]) unlockKick() {
	run := !in.busy
	in.busy = true
	in.mu.Unlock()
	if !run {
		return
	}
	if in.rt.loop == nil {
		in.deliver()
		return
	}
	if in.rt.loop.Post((*inboxDelivery[T])(in)) != nil {
		in.lost()
	}
}

// inboxDelivery is an Inbox seen as its delivery task on the loop.
type inboxDelivery[T any] Inbox[T]

func (d *inboxDelivery[T]) Run() { (*Inbox[T])(d).deliver() }

// deliver runs the due OnReady functions and recv on the items, then
// closed once the send side is over, until nothing is left to do.
func (in *Inbox[T]) deliver() {
	for {
		cut := causeOf(in.ctx) // no item is received once ctx has ended
		in.mu.Lock()
		if cut != nil && !in.over && !in.finished {
			in.over, in.err = true, cut
			in.buf.drop()
		}
		switch {
		case !in.finished && (in.over || in.sendDone && in.buf.len() == 0):
			in.finished = true
			err := in.err
			in.mu.Unlock()
			in.finish(err)
		case len(in.resume) > 0 && in.readyLocked():
			fns := in.resume
			in.resume = nil
			in.mu.Unlock()
			in.rt.callbacks(fns)
		case in.buf.len() > 0 && !in.finished:
			v := in.buf.pop()
			in.mu.Unlock()
			in.receive(v)
		default:
			in.busy = false
			in.mu.Unlock()
			return
		}
	}
}

func (in *Inbox[T]) receive(v T) {
	if in.rt.opts.onCallbackPanic != nil {
		defer in.recoverRecv()
	}
	in.recv(v)
}

// recoverRecv reports a panic of recv to the callback-panic handler and
// ends the inbox with it: the implementation failed, the item was not
// received.
func (in *Inbox[T]) recoverRecv() {
	if v := recover(); v != nil {
		pe := newPanicError(v)
		in.rt.opts.onCallbackPanic(pe)
		in.Stop(pe)
	}
}

// finish unhooks the inbox and calls closed.
func (in *Inbox[T]) finish(err error) {
	in.unwatch[0]()
	in.unwatch[1]()
	in.rt.callback(func() { in.closed(err) })
}

// lost ends an inbox whose delivery the loop refused (it has stopped):
// closed(ErrClosed) runs here, and OnReady functions are dropped.
func (in *Inbox[T]) lost() {
	in.mu.Lock()
	if in.finished {
		in.mu.Unlock()
		return
	}
	in.finished, in.over, in.busy = true, true, false
	in.buf.drop()
	in.resume = nil
	in.mu.Unlock()
	in.finish(ErrClosed)
}
