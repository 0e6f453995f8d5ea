package runtimes

import (
	"context"
	"iter"
	"time"
)

// Producer is implemented by generated code, next to an embedded
// [StreamWait]: Invoke calls the callback implementation's streaming method
// with ctx, the call's arguments, each and done.
type Producer[T any] interface {
	Invoke(ctx context.Context, each func(T) bool, done func(error))
}

// StreamWait runs the streaming calls of a callback implementation for the
// blocking form. Generated code embeds it in a per-call object that
// implements [Producer] and calls Iterate. It holds no state.
type StreamWait[T any] struct{}

// Iterate returns the stream of p for the blocking form. It is for
// generated code.
//
// Each range is a new call. It ends at once with a single (zero, err) pair,
// without invoking p, when the runtime is closed ([ErrClosed]), on the
// runtime's loop goroutine ([ErrWouldDeadlock]: the items would need the
// loop the range blocks), when ctx is done, or, as with [Runtime.Wait], with
// [ErrLoopNotStarted] when only the start of a loop that was never started
// could end it. Otherwise p.Invoke runs on the
// loop (without a loop, on the ranging goroutine, before the first item) with
// a context that carries the call's deadline (timeout > 0) and a [Flow], and
// the range waits for items without ever blocking the loop: each only
// buffers the item and returns.
//
// The buffer holds the items each accepted and the loop body has not taken
// yet; [Flow] reports it full at the runtime's window. each returns false
// once the body broke out, the stream was cut or the producer called done,
// and when the buffer holds the runtime's limit of items: the stream then ends
// with [ErrStreamOverflow]. The stream ends after the buffered items once the
// producer calls done (a non-nil error is yielded as the final pair), and at
// once with the cause when ctx ends or the runtime closes. A panic in
// p.Invoke or in an OnReady function before done ends it with a
// *[PanicError]; a second done, or a panic after done, goes to the misuse
// handler.
//
// When the range ends (for any reason) it does not wait for the producer:
// the producer's context is canceled, its OnReady functions run so that it
// can see each refuse items, and its late done is discarded.
func (c StreamWait[T]) Iterate(r *Runtime, ctx context.Context, timeout time.Duration, p Producer[T]) iter.Seq2[T, error] {
	return c.iterate(r, ctx, nil, timeout, p)
}

// iterate is Iterate for a stream of the method m.
func (StreamWait[T]) iterate(r *Runtime, ctx context.Context, m *Method, timeout time.Duration, p Producer[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		ctx := ctx // each range is a call of its own
		var probe Probe
		if r.opts.observer != nil {
			ctx, probe = r.observe(ctx, m, Blocking, Callback, true)
		}
		if err := r.admitWait(ctx, timeout); err != nil {
			r.ended(probe, err, 0)
			yield(zero, err)
			return
		}
		defer r.release()
		s := newPull(r, ctx, timeout, p)
		s.probe = probe
		defer s.close()
		err := s.consume(yield)
		r.ended(probe, err, s.items)
		if err != nil {
			yield(zero, err)
		}
	}
}

// pull is one range over an Iterate stream.
type pull[T any] struct {
	Flow
	p     Producer[T]
	sc    streamCtx
	ctx   context.Context // sc.ctx with the Flow
	buf   []T             // items each accepted; guarded by Flow.mu
	spare []T             // the other buffer, while the body takes one
	probe Probe           // with an observer
	items int64           // yielded, with an observer
}

func newPull[T any](r *Runtime, ctx context.Context, timeout time.Duration, p Producer[T]) *pull[T] {
	s := &pull[T]{p: p, sc: r.openStream(ctx, timeout)}
	s.rt, s.cancel, s.wakeup = r, s.sc.cancel, make(chan struct{}, 1)
	s.window, s.limit = r.settings()
	s.ctx = context.WithValue(s.sc.ctx, flowKey{}, &s.Flow)
	return s
}

// consume invokes the producer and yields its items until the stream ends,
// returning the error to yield last (nil after a break).
func (s *pull[T]) consume(yield func(T, error) bool) error {
	if loop := s.rt.loop; loop != nil {
		if err := loop.Post((*pullInvoke[T])(s)); err != nil {
			return err
		}
	} else {
		s.invoke()
	}
	for {
		batch, ended, err, cut := s.next()
		if cut != nil {
			return cut
		}
		for _, v := range batch {
			if s.sc.ctx.Err() != nil {
				return s.sc.cause()
			}
			if s.probe != nil {
				s.items++
			}
			if !yield(v, nil) {
				return nil
			}
		}
		s.taken(batch)
		if ended {
			return err
		}
	}
}

// pullInvoke is a pull seen as the task that invokes the producer on the
// loop.
type pullInvoke[T any] pull[T]

func (t *pullInvoke[T]) Run() { (*pull[T])(t).invoke() }

// invoke calls the producer, unless the consumer is gone already.
func (s *pull[T]) invoke() {
	s.mu.Lock()
	over := s.over
	s.mu.Unlock()
	if !over {
		if s.probe != nil {
			s.rt.began(s.probe)
		}
		s.guard(func() { s.p.Invoke(s.ctx, s.each, s.done) })
	}
}

// each is the producer's item callback.
func (s *pull[T]) each(v T) bool {
	s.mu.Lock()
	switch {
	case s.over || s.ended:
		s.mu.Unlock()
		return false
	case s.n >= s.limit:
		s.over = true
		s.mu.Unlock()
		s.cancel(ErrStreamOverflow)
		return false
	}
	s.buf = append(s.buf, v)
	s.n++
	s.unlockKick()
	return true
}

// done is the producer's completion callback.
func (s *pull[T]) done(err error) {
	if !s.end(err) {
		s.rt.misusedProbe(s.probe, ErrDoubleCompletion)
		s.rt.misuse(ErrDoubleCompletion)
	}
}

// next waits for the consumer's next turn: the buffered items, whether the
// producer ended (and its error), or the cause of a cut. Without a loop it
// runs the producer's due OnReady functions first.
func (s *pull[T]) next() (batch []T, ended bool, err, cut error) {
	for {
		s.runDue()
		s.mu.Lock()
		if len(s.buf) > 0 || s.ended {
			batch, s.buf, s.spare = s.buf, s.spare[:0], nil
			ended, err = s.ended, s.err
			s.mu.Unlock()
			return batch, ended, err, nil
		}
		if len(s.due) > 0 {
			s.mu.Unlock()
			continue
		}
		s.sleeping = true
		s.mu.Unlock()
		select {
		case <-s.wakeup:
		case <-s.sc.ctx.Done():
			return nil, false, nil, s.rt.gaveUp(s.sc.cause())
		}
	}
}

// runDue runs the OnReady functions handed to the consumer (no loop).
func (s *pull[T]) runDue() {
	s.mu.Lock()
	fns := s.due
	s.due = nil
	s.mu.Unlock()
	for _, fn := range fns {
		s.guard(fn)
	}
}

// taken returns the room of a batch the body has taken.
func (s *pull[T]) taken(batch []T) {
	clear(batch)
	s.mu.Lock()
	s.spare = batch[:0]
	s.n -= len(batch)
	fns := s.wake()
	s.mu.Unlock()
	s.schedule(fns)
}

// close ends the consumer's side: each refuses items from now on, the
// producer's context is canceled and its OnReady functions run (on the loop,
// or here without one, and on a goroutine of their own after that).
func (s *pull[T]) close() {
	s.mu.Lock()
	kept := s.ended // the producer called done: nothing to stop
	s.over = true
	s.buf, s.spare = nil, nil
	fns := append(s.due, s.wake()...)
	s.due = nil
	s.mu.Unlock()
	s.sc.end(kept)
	if s.rt.loop != nil {
		s.schedule(fns)
		return
	}
	for { // a resumed producer may ask to be resumed again
		for _, fn := range fns {
			s.guard(fn)
		}
		s.mu.Lock()
		fns = append(s.due, s.wake()...)
		s.due = nil
		if len(fns) == 0 {
			s.left = true // later ones are not lost: schedule runs them
			s.mu.Unlock()
			return
		}
		s.mu.Unlock()
	}
}
