package runtimes

import (
	"context"
	"iter"
	"sync"
	"time"
)

// Source is implemented by generated code, next to an embedded
// [StreamCall]: Open calls the blocking implementation's streaming method
// with ctx and the call's arguments.
type Source[T any] interface {
	Open(ctx context.Context) iter.Seq2[T, error]
}

// StreamCall runs the streaming calls of a blocking implementation. Generated
// code embeds it in a per-call object that implements [Source] and calls
// Start (the callback form) or Direct (the blocking form over the callback
// form over a blocking implementation, collapsed). It holds no state.
type StreamCall[T any] struct{}

// Start runs a stream of src for the callback form: the iterator is pulled
// on r's executor and each item is delivered to each, then done is called
// exactly once, on the completion context (see the package's rules on
// streams). Neither is called synchronously inside Start unless the executor
// is inline.
//
// The iterator runs ahead of each by at most the runtime's window of items:
// on a loop, items travel to the loop in batches and the producer waits on
// its worker while the window is full. Without a loop, each runs on the
// producer's goroutine, between two items. When ctx carries a [Flow] (the
// blocking form of another runtime consumes this stream through
// [StreamWait]), each is only called while the flow is ready, so the window
// holds end to end. An inline executor runs the whole stream inside Start
// and never waits: it buffers what the loop has not delivered yet.
//
// When each returns false, the producer's context is canceled, its next
// item is refused (its yield returns false) and done(nil) follows once the
// iterator has returned. done also waits for the iterator to return when the
// stream ends for another reason, so a producer's resources are released by
// the time done runs. done receives [ErrClosed] if the runtime is closed, and
// ctx.Err() if ctx is done at Start, as with [Runtime.Start]; with timeout >
// 0, the whole stream must end within timeout.
func (StreamCall[T]) Start(r *Runtime, ctx context.Context, timeout time.Duration, src Source[T], each func(T) bool, done func(error)) {
	s := &push[T]{rt: r, src: src, each: each, done: done, flow: FlowOf(ctx), caller: ctx}
	if !r.acquire() {
		s.fail(ErrClosed)
		return
	}
	s.held = true
	if err := ctx.Err(); err != nil {
		s.fail(err)
		return
	}
	s.sc = r.openStream(ctx, timeout)
	if s.flow != nil {
		s.resume = s.resumeDelivery
	}
	s.window, _ = r.settings()
	s.room = make(chan struct{}, 1)
	if err := r.exec.Execute((*pushWork[T])(s)); err != nil {
		s.sc.end()
		s.fail(err)
	}
}

// push is one stream of the callback form over a blocking producer.
type push[T any] struct {
	rt     *Runtime
	src    Source[T]
	each   func(T) bool
	done   func(error)
	sc     streamCtx
	caller context.Context // the caller's: its end stops deliveries too
	window int
	flow   *Flow // of the stream each feeds, when the blocking form consumes it
	held   bool  // counted as pending
	room   chan struct{}
	inEach bool   // each is running on the producer's goroutine (no loop)
	resume func() // s.resumeDelivery, made once
	cur    []T    // the batch being delivered, owned by the delivery task
	at     int    // the next item of cur to deliver

	mu       sync.Mutex
	buf      []T  // produced, waiting for the loop
	inflight int  // produced and not yet delivered
	posted   bool // a delivery is queued on the loop
	paused   bool // the delivery waits for flow (see resume)
	waiting  bool // the producer waits for room
	stopped  bool // each returned false, or the loop refused a delivery
	lost     bool // the loop refused a delivery
	ended    bool // the producer returned; err is the stream's error
	err      error
	cut      error // the caller's ctx ended while items were being delivered
}

// pushWork is a push seen as the producer's task on the executor.
type pushWork[T any] push[T]

// Run pulls the iterator, then ends the stream.
func (w *pushWork[T]) Run() {
	s := (*push[T])(w)
	err := s.produce()
	s.finish(err)
}

// produce ranges over the producer's iterator, handing items on, and returns
// its error or a *PanicError. A panic in each (without a loop, each runs
// here) is not the producer's: it is not recovered here.
func (s *push[T]) produce() (err error) {
	defer func() {
		if s.inEach {
			return // each panicked: let it through
		}
		if v := recover(); v != nil {
			err = newPanicError(v)
		}
	}()
	if s.sc.ctx.Err() != nil {
		return nil
	}
	for v, e := range s.src.Open(s.sc.ctx) {
		if e != nil {
			return e
		}
		if !s.hand(v) {
			break
		}
	}
	return nil
}

// hand passes one item on, and reports whether the producer may go on.
func (s *push[T]) hand(v T) bool {
	if s.sc.ctx.Err() != nil {
		return false
	}
	if s.rt.loop == nil {
		return s.awaitFlow() && s.eachHere(v)
	}
	s.mu.Lock()
	for s.inflight >= s.window && !s.stopped && !s.rt.inline {
		s.waiting = true
		s.mu.Unlock()
		select {
		case <-s.room:
		case <-s.sc.ctx.Done():
			return false
		}
		s.mu.Lock()
	}
	if s.stopped {
		s.mu.Unlock()
		return false
	}
	s.buf = append(s.buf, v)
	s.inflight++
	post := !s.posted
	s.posted = true
	s.mu.Unlock()
	return !post || s.post()
}

// eachHere delivers an item on the producer's goroutine (no loop).
func (s *push[T]) eachHere(v T) bool {
	s.inEach = true
	ok := s.callEach(v)
	s.inEach = false
	if !ok {
		s.stopped = true
		s.sc.cancel(errStopped)
	}
	return ok
}

// callEach calls each; with a callback-panic handler, a panic is reported to
// it and stops the stream.
func (s *push[T]) callEach(v T) (ok bool) {
	if s.rt.opts.onCallbackPanic != nil {
		defer func() {
			if p := recover(); p != nil {
				ok = false
				s.rt.opts.onCallbackPanic(newPanicError(p))
			}
		}()
	}
	return s.each(v)
}

// post queues a delivery on the loop. If the loop refuses it, the stream
// cannot deliver anything any more: it is stopped and done gets ErrClosed.
func (s *push[T]) post() bool {
	if s.rt.loop.Post((*pushDelivery[T])(s)) == nil {
		return true
	}
	s.mu.Lock()
	s.posted, s.stopped, s.lost = false, true, true
	if _, ok := s.err.(*PanicError); s.ended && !ok {
		s.err = ErrClosed // items were lost after the producer ended
	}
	s.mu.Unlock()
	return false
}

// finish records the end of the producer and has done delivered after the
// items still in flight.
func (s *push[T]) finish(err error) {
	s.mu.Lock()
	s.err = s.outcome(err)
	s.ended = true
	s.sc.end()
	switch {
	case s.rt.loop == nil || s.lost:
		s.mu.Unlock()
		s.complete()
	case s.posted || s.paused:
		s.mu.Unlock() // the queued or resumed delivery sees ended
	default:
		s.posted = true
		s.mu.Unlock()
		if !s.post() {
			s.complete()
		}
	}
}

// outcome returns the stream's error given the producer's: a panic always
// counts; then a stop by the consumer means nil, a refused delivery
// ErrClosed, and a context that ended its cause.
func (s *push[T]) outcome(err error) error {
	if _, ok := err.(*PanicError); ok {
		return err
	}
	switch {
	case s.lost:
		return ErrClosed
	case s.stopped:
		return nil
	}
	if cause := s.sc.cause(); cause != nil {
		return cause
	}
	return err
}

// pushDelivery is a push seen as the task that delivers on the loop.
type pushDelivery[T any] push[T]

// Run delivers the items produced so far, then done if the producer has
// ended, or queues itself again if more items came meanwhile.
func (d *pushDelivery[T]) Run() {
	s := (*push[T])(d)
	s.mu.Lock()
	if s.at == len(s.cur) { // take the next batch; the producer gets the old array
		clear(s.cur)
		s.cur, s.buf, s.at = s.buf, s.cur[:0], 0
	}
	stopped := s.stopped
	s.mu.Unlock()
	from := s.at
	var cut error
	for ; s.at < len(s.cur) && !stopped; s.at++ {
		if cut = s.caller.Err(); cut != nil {
			break
		}
		if !s.flow.Ready() {
			s.pause(s.at - from)
			return
		}
		stopped = !s.callEach(s.cur[s.at])
	}
	s.at = len(s.cur) // delivered, or discarded after a stop
	if s.settle(s.at-from, stopped, cut) {
		s.complete()
	}
}

// settle returns the room of n items taken from the batch to the producer
// and reports whether the stream is over (done is due), queuing the next
// delivery otherwise.
func (s *push[T]) settle(n int, stopped bool, cut error) bool {
	s.mu.Lock()
	s.inflight -= n
	if cut != nil && !s.stopped {
		s.cut, stopped = cut, true
	}
	if stopped && !s.stopped {
		s.stopped = true
		s.sc.cancel(errStopped)
	}
	s.wakeProducer()
	switch {
	case len(s.buf) > 0 && !s.stopped:
		s.mu.Unlock()
		if !s.post() && s.isEnded() {
			s.complete()
		}
		return false
	case s.ended:
		s.posted = false
		s.mu.Unlock()
		return true
	}
	s.posted = false
	s.mu.Unlock()
	return false
}

// pause stops delivering until the consumer's flow is ready, after n items
// of this run: the rest of the batch waits in cur, and the producer keeps
// waiting for room meanwhile.
func (s *push[T]) pause(n int) {
	s.mu.Lock()
	s.inflight -= n
	s.posted, s.paused = false, true
	s.wakeProducer()
	s.mu.Unlock()
	s.flow.OnReady(s.resume)
}

// resumeDelivery queues the delivery again after a pause.
func (s *push[T]) resumeDelivery() {
	s.mu.Lock()
	if !s.paused {
		s.mu.Unlock()
		return
	}
	s.paused, s.posted = false, true
	s.mu.Unlock()
	if !s.post() && s.isEnded() {
		s.complete()
	}
}

// awaitFlow waits on the producer's goroutine (no loop) until the
// consumer's flow is ready, and reports false if the stream's context ended
// first. An inline executor does not wait: it may be running on the very
// goroutine that would make the flow ready.
func (s *push[T]) awaitFlow() bool {
	for !s.rt.inline && !s.flow.Ready() {
		ready := make(chan struct{})
		s.flow.OnReady(func() { close(ready) })
		select {
		case <-ready:
		case <-s.sc.ctx.Done():
			return false
		}
	}
	return true
}

// wakeProducer lets a producer waiting for room go on, with s.mu held.
func (s *push[T]) wakeProducer() {
	if s.waiting && (s.inflight < s.window || s.stopped) {
		s.waiting = false
		select {
		case s.room <- struct{}{}:
		default:
		}
	}
}

// isEnded reports whether the producer has ended.
func (s *push[T]) isEnded() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ended
}

// complete calls done with the stream's error and ends the pending call.
func (s *push[T]) complete() {
	if s.held {
		defer s.rt.release()
	}
	if s.rt.opts.onCallbackPanic != nil {
		defer s.rt.recoverCallback()
	}
	s.buf, s.cur = nil, nil
	err := s.err
	if _, ok := err.(*PanicError); !ok && s.cut != nil {
		err = s.cut
	}
	s.done(err)
}

// fail ends a stream that never started with err, off the caller's stack.
func (s *push[T]) fail(err error) {
	s.err = err
	s.rt.later((*pushFailure[T])(s))
}

// pushFailure is a push seen as the task that reports its refusal.
type pushFailure[T any] push[T]

// Run calls done with the refusal.
func (f *pushFailure[T]) Run() { (*push[T])(f).complete() }
