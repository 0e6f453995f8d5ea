package runtimes

import (
	"context"
	"errors"
	"iter"
	"sync"
	"sync/atomic"
)

// AwaitBidi returns a bidirectional stream of a callback implementation
// for the blocking form: ranging over it calls invoke (on the loop, else
// on the ranging goroutine) with each and done, with the rules of
// [StreamWait.Iterate] for what the implementation sends back (the
// refusals, a [Flow] in ctx, the window and the limit, the deadline over
// the whole stream), and yields those items. It is for generated code.
//
// Concurrently, a goroutine of the stream's own pulls items and sends them
// through the [Sender] invoke returned, paced by Ready and OnReady, and
// calls CloseSend after the last. It stops at the next item once the
// stream has ended (done came, a Send failed, the range ended): an items
// iterator that blocks keeps it until it yields or returns. A panic in
// items ends the stream and is raised again on the ranging goroutine as a
// *[PanicError] (to the misuse handler once the range has ended).
func AwaitBidi[T, U any](r *Runtime, ctx context.Context, m *Method, items iter.Seq[T], invoke func(ctx context.Context, each func(U) bool, done func(error)) Sender[T]) iter.Seq2[U, error] {
	return func(yield func(U, error) bool) {
		var zero U
		ctx := ctx // each range is a call of its own
		var probe Probe
		if r.opts.observer != nil {
			ctx, probe = r.observeStream(ctx, m, Blocking, Callback, true)
		}
		if err := r.admitWait(ctx, m.timeout()); err != nil {
			r.endedStream(probe, err, 0, 0)
			yield(zero, err)
			return
		}
		defer r.release()
		b := &bidiSend[T, U]{rt: r, items: items, invoke: invoke, stop: make(chan struct{}), wake: make(chan struct{}, 1)}
		s := newPull[U](r, ctx, m.timeout(), b)
		s.probe = probe
		b.cancel = s.cancel
		defer s.close()
		defer b.leave()
		reported := false
		if probe != nil {
			defer endOnPanic(r, probe, &s.items, b.sent.Load, &reported)
		}
		err := s.consume(yield)
		if pe := b.leave(); pe != nil {
			r.endedStream(probe, pe, s.items, b.sent.Load())
			reported = true
			panic(pe)
		}
		r.endedStream(probe, err, s.items, b.sent.Load())
		reported = true // the final pair's body may panic after Ended
		if err != nil {
			yield(zero, err)
		}
	}
}

// errItemsPanicked cancels a bidirectional stream whose items panicked.
var errItemsPanicked = errors.New("runtimes: the items of a stream panicked")

// bidiSend is the Producer of an AwaitBidi and the sending goroutine.
type bidiSend[T, U any] struct {
	rt     *Runtime
	items  iter.Seq[T]
	invoke func(ctx context.Context, each func(U) bool, done func(error)) Sender[T]
	cancel context.CancelCauseFunc // the stream's
	stop   chan struct{}           // closed when the stream ended
	halt   sync.Once
	wake   chan struct{} // kicked by the Sender's OnReady
	sent   atomic.Int64

	mu   sync.Mutex
	pe   *PanicError // items panicked
	left bool        // the range ended: nobody raises pe
}

// Invoke calls the implementation and starts the sending goroutine.
func (b *bidiSend[T, U]) Invoke(ctx context.Context, each func(U) bool, done func(error)) {
	s := b.invoke(ctx, each, func(err error) {
		b.end()
		done(err)
	})
	if s != nil {
		go b.send(ctx, s)
	}
}

func (b *bidiSend[T, U]) end() { b.halt.Do(func() { close(b.stop) }) }

// leave ends the sending at the end of the range and returns the panic of
// items, if any, for the range to raise.
func (b *bidiSend[T, U]) leave() *PanicError {
	b.end()
	b.mu.Lock()
	defer b.mu.Unlock()
	pe := b.pe
	b.pe, b.left = nil, true
	return pe
}

// send pulls the items and sends them, paced by s.
func (b *bidiSend[T, U]) send(ctx context.Context, s Sender[T]) {
	defer b.recoverItems()
	for v := range b.items {
		if !b.room(ctx, s) || s.Send(v) != nil {
			return
		}
		b.sent.Add(1)
	}
	s.CloseSend()
}

// room waits until s is ready, and reports false if the stream ended first.
func (b *bidiSend[T, U]) room(ctx context.Context, s Sender[T]) bool {
	for {
		select {
		case <-b.stop:
			return false
		case <-ctx.Done():
			return false
		default:
		}
		if s.Ready() {
			return true
		}
		s.OnReady(b.kick)
		select {
		case <-b.wake:
		case <-b.stop:
		case <-ctx.Done():
		}
	}
}

func (b *bidiSend[T, U]) kick() {
	select {
	case b.wake <- struct{}{}:
	default:
	}
}

// recoverItems ends the stream when items panicked: the range raises it,
// or, once it has left, the misuse handler gets it.
func (b *bidiSend[T, U]) recoverItems() {
	v := recover()
	if v == nil {
		return
	}
	pe := newPanicError(v)
	b.mu.Lock()
	left := b.left
	if !left {
		b.pe = pe
	}
	b.mu.Unlock()
	if left {
		b.rt.misuse(pe)
		return
	}
	b.cancel(errItemsPanicked)
}
