package runtimes

import (
	"context"
	"iter"
	"sync"
)

// sendq is the Sender of a client or bidirectional stream whose
// implementation is blocking: the caller's items wait in a buffer, never
// more than the runtime's limit, until the implementation pulls them
// through items on its worker. Ready is the window, as for server streams.
type sendq[T any] struct {
	rt            *Runtime
	window, limit int

	mu       sync.Mutex
	buf      fifo[T]                 // sent, not yet pulled
	closed   bool                    // CloseSend was called
	over     bool                    // the stream ended: Send fails
	cancel   context.CancelCauseFunc // the stream's, once attached
	unwatch  func() bool             // the hook on the stream's end
	resume   []func()                // OnReady functions waiting for room
	sleeping bool                    // the implementation waits on wake
	wake     chan struct{}
	sent     int64 // items Send accepted
}

func newSendq[T any](r *Runtime) *sendq[T] {
	q := &sendq[T]{rt: r, wake: make(chan struct{}, 1)}
	q.window, q.limit = r.settings()
	return q
}

// Send implements Sender.
func (q *sendq[T]) Send(v T) error {
	q.mu.Lock()
	switch {
	case q.closed:
		q.mu.Unlock()
		return ErrSendClosed
	case q.over:
		q.mu.Unlock()
		return ErrStreamDone
	case q.buf.len() >= q.limit:
		cancel := q.cancel
		q.mu.Unlock()
		if cancel != nil {
			cancel(ErrStreamOverflow) // the stream ends with it
		}
		q.shut(false)
		return ErrStreamOverflow
	}
	q.buf.push(v)
	q.sent++
	q.unlockKick()
	return nil
}

// Ready implements Sender.
func (q *sendq[T]) Ready() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.readyLocked()
}

func (q *sendq[T]) readyLocked() bool {
	return q.buf.len() < q.window || q.over || q.closed
}

// OnReady implements Sender.
func (q *sendq[T]) OnReady(fn func()) {
	q.mu.Lock()
	if !q.readyLocked() {
		q.resume = append(q.resume, fn)
		q.mu.Unlock()
		return
	}
	q.mu.Unlock()
	q.run([]func(){fn}, false)
}

// CloseSend implements Sender.
func (q *sendq[T]) CloseSend() {
	q.mu.Lock()
	q.closed = true
	q.unlockKick()
}

// attach ties the queue to the stream's context: its end ends the queue,
// and an overflow cancels it.
func (q *sendq[T]) attach(ctx context.Context, cancel context.CancelCauseFunc) {
	q.mu.Lock()
	q.cancel = cancel
	q.unwatch = context.AfterFunc(ctx, func() { q.shut(true) })
	q.mu.Unlock()
}

// items is the iterator the implementation pulls: it ends after CloseSend
// and the last item, or when ctx or the stream ends. It may be ranged
// again after a break: the items sent in between wait.
func (q *sendq[T]) items(ctx context.Context) iter.Seq[T] {
	return func(yield func(T) bool) {
		for {
			v, ok := q.take(ctx)
			if !ok || !yield(v) {
				return
			}
		}
	}
}

// take waits for the next item on the implementation's goroutine, and
// runs the OnReady functions the room it makes is due to.
func (q *sendq[T]) take(ctx context.Context) (v T, ok bool) {
	q.mu.Lock()
	for q.buf.len() == 0 {
		if q.closed || q.over {
			q.mu.Unlock()
			return v, false
		}
		q.sleeping = true
		q.mu.Unlock()
		select {
		case <-q.wake:
		case <-ctx.Done():
			return v, false
		}
		q.mu.Lock()
	}
	if ctx.Err() != nil {
		q.mu.Unlock()
		return v, false
	}
	v = q.buf.pop()
	var fns []func()
	if len(q.resume) > 0 && q.readyLocked() {
		fns, q.resume = q.resume, nil
	}
	q.mu.Unlock()
	q.run(fns, true)
	return v, true
}

// shut ends the queue once the stream is over: Send fails from now on, the
// buffered items are dropped and the OnReady functions run (here, without
// a loop, if here is true, else on a goroutine of their own).
func (q *sendq[T]) shut(here bool) {
	q.mu.Lock()
	if q.over {
		q.mu.Unlock()
		return
	}
	q.over = true
	q.buf.drop()
	fns := q.resume
	q.resume = nil
	q.unlockKick()
	q.run(fns, here)
}

// release ends the queue when the stream's done is next.
func (q *sendq[T]) release() {
	q.shut(true)
	q.mu.Lock()
	unwatch := q.unwatch
	q.mu.Unlock()
	if unwatch != nil {
		unwatch()
	}
}

// sentItems is the number of items Send accepted.
func (q *sendq[T]) sentItems() int64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.sent
}

// run runs OnReady functions on the completion context: posted to the
// loop, else here or on a goroutine of their own (never inside OnReady or
// Send). A loop that refuses them has stopped: the stream ends with
// ErrClosed.
func (q *sendq[T]) run(fns []func(), here bool) {
	if len(fns) == 0 {
		return
	}
	if loop := q.rt.loop; loop != nil {
		if loop.Post(TaskFunc(func() { q.rt.callbacks(fns) })) != nil {
			q.mu.Lock()
			cancel := q.cancel
			q.mu.Unlock()
			if cancel != nil {
				cancel(ErrClosed)
			}
		}
		return
	}
	if here {
		q.rt.callbacks(fns)
		return
	}
	go q.rt.callbacks(fns)
}

// unlockKick releases q.mu and wakes the implementation if it waits.
func (q *sendq[T]) unlockKick() {
	sleeping := q.sleeping
	q.sleeping = false
	q.mu.Unlock()
	if sleeping {
		select {
		case q.wake <- struct{}{}:
		default:
		}
	}
}

// callbacks runs the caller's functions, each with the callback-panic
// handler's recovery when there is one.
func (r *Runtime) callbacks(fns []func()) {
	for _, fn := range fns {
		r.callback(fn)
	}
}

func (r *Runtime) callback(fn func()) {
	if r.opts.onCallbackPanic != nil {
		defer r.recoverCallback()
	}
	fn()
}
