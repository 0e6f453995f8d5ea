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
// 0, the whole stream must end within timeout. A ctx that ended with cause
// ErrClosed or [ErrStreamOverflow] (the context of another stream that the
// runtime ended, as a bridge passes on) gives that cause, as it does when ctx
// ends during the stream: a Close that lands just after Start counted the
// stream ends it with ErrClosed, not context.Canceled.
//
// If the loop refuses a delivery (it has stopped, or refuses for a reason
// of its own), the items not delivered are dropped, the producer's context
// is canceled with [ErrClosed] and done receives ErrClosed exactly once: on
// the loop if it still takes it, else where the refusal happened (the
// producer's worker, once the producer has returned).
func (c StreamCall[T]) Start(r *Runtime, ctx context.Context, timeout time.Duration, src Source[T], each func(T) bool, done func(error)) {
	c.start(r, ctx, nil, timeout, src, each, done)
}

// start is Start for a stream of the method m.
func (c StreamCall[T]) start(r *Runtime, ctx context.Context, m *Method, timeout time.Duration, src Source[T], each func(T) bool, done func(error)) {
	c.startSide(r, ctx, m, timeout, src, nil, each, done)
}

// startSide is start for a stream whose caller sends items through side
// (a client or bidirectional stream), or nil.
func (StreamCall[T]) startSide(r *Runtime, ctx context.Context, m *Method, timeout time.Duration, src Source[T], side sendSide, each func(T) bool, done func(error)) {
	var probe Probe
	if r.opts.observer != nil {
		ctx, probe = r.observeStream(ctx, m, Callback, Blocking, side != nil)
	}
	s := &push[T]{rt: r, src: src, side: side, each: each, done: done, flow: FlowOf(ctx), caller: ctx, probe: probe}
	if !r.acquire() {
		s.fail(ErrClosed)
		return
	}
	s.held = true
	if err := causeOf(ctx); err != nil {
		s.fail(err)
		return
	}
	s.sc = r.openStream(ctx, timeout)
	if s.flow != nil {
		s.resume = s.resumeDelivery
	}
	s.window, _ = r.settings()
	s.room = make(chan struct{}, 1)
	if side != nil {
		side.attach(s.sc.ctx, s.sc.cancel)
		if r.inline { // it waits for items the caller sends after Start returned
			go (*pushWork[T])(s).Run()
			return
		}
	}
	if err := r.exec.Execute((*pushWork[T])(s)); err != nil {
		s.sc.end(false)
		s.fail(err)
	}
}

// sendSide is the sending half of a client or bidirectional stream, as a
// push sees it: attach ties it to the stream's context, shut ends it once
// the producer returned, release before done.
type sendSide interface {
	attach(ctx context.Context, cancel context.CancelCauseFunc)
	shut(here bool)
	release()
	sentItems() int64
}

// push is one stream of the callback form over a blocking producer.
//
// Without a loop, each runs on the producer's goroutine between two items
// and done after the producer returned: there is nothing to coordinate. On
// a loop, the delivery is the state machine below, in st under mu. Exactly
// one goroutine moves st out of stIdle or stPaused into stPosted, and the
// one that does posts the only delivery task; only that task, or the
// goroutine whose Post was refused, moves st out of stPosted; only the one
// that moves st to stOver calls done.
//
//	stIdle   -> stPosted  hand buffered an item, or the producer ended
//	stPaused -> stPosted  the Flow's OnReady ran resume, the caller's
//	                      context ended (a loop that refused the Flow's
//	                      OnReady ends it), or the producer ended; the
//	                      delivery then checks the flow again
//	stPosted -> stPosted  the delivery ran and more items are buffered: it
//	                      posts itself again
//	stPosted -> stPaused  the delivery met a Flow that is not ready: it
//	                      registers resume with OnReady
//	stPosted -> stIdle    the delivery ran, nothing is buffered (or the
//	                      consumer stopped) and the producer goes on
//	stPosted -> stOver    the delivery ran, nothing is left and the
//	                      producer ended: done runs on the loop
//	stPosted -> stLost    the loop refused the task while the producer runs:
//	                      the producer is woken and told to stop
//	stPosted -> stOver    the loop refused the task after the producer
//	                      ended: done runs where the refusal happened
//	stLost   -> stOver    the producer ended: done runs on its worker
type push[T any] struct {
	rt      *Runtime
	src     Source[T]
	side    sendSide // the caller's items, for a client or bidirectional stream
	each    func(T) bool
	done    func(error)
	sc      streamCtx
	caller  context.Context // the caller's: its end stops deliveries too
	window  int
	flow    *Flow // of the stream each feeds, when the blocking form consumes it
	held    bool  // counted as pending
	probe   Probe // with an observer
	items   int64 // delivered to each, with an observer
	room    chan struct{}
	inEach  bool        // each is running on the producer's goroutine (no loop)
	resume  func()      // s.resumeDelivery, made once
	unwatch func() bool // stops the resume on the end of caller; set at the first pause
	cur     []T         // the batch being delivered, owned by the delivery task
	at      int         // the next item of cur to deliver

	mu       sync.Mutex
	st       uint8 // delivery state on a loop
	buf      []T   // produced, waiting for the loop
	inflight int   // produced and not yet delivered or discarded
	waiting  bool  // the producer waits for room
	stopped  bool  // each returned false, the caller's ctx ended, or the loop refused
	lost     bool  // the loop refused a delivery: items were lost
	ended    bool  // the producer returned with err
	err      error
	cause    error // why the stream's context ended, when the producer returned
	cut      error // the caller's ctx ended while items were being delivered
}

// Delivery states of a push on a loop (see push).
const (
	stIdle   = iota // no delivery task exists
	stPosted        // the one delivery task is queued or running
	stPaused        // the delivery waits for the Flow's OnReady
	stLost          // the loop refused the delivery; the producer still runs
	stOver          // done is being called
)

// pushWork is a push seen as the producer's task on the executor.
type pushWork[T any] push[T]

// Run pulls the iterator, then ends the stream.
func (w *pushWork[T]) Run() {
	s := (*push[T])(w)
	if s.probe != nil {
		s.rt.began(s.probe)
	}
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
	for s.inflight >= s.window && !s.stopped && s.mayWait() {
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
	post := s.st == stIdle
	if post {
		s.st = stPosted
	}
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
	if s.probe != nil {
		s.items++
	}
	return s.each(v)
}

// post queues the delivery task; the caller moved st to stPosted. If the
// loop refuses it, nothing can be delivered any more: the producer is
// stopped (its context canceled with ErrClosed, its wait for room ended)
// and done gets ErrClosed, here if the producer has ended, else on its
// worker. post reports whether the loop took the task.
func (s *push[T]) post() bool {
	if s.rt.loop.Post((*pushDelivery[T])(s)) == nil {
		return true
	}
	s.mu.Lock()
	s.stopped, s.lost = true, true
	s.sc.cancel(ErrClosed)
	s.wakeProducer()
	s.st = stLost
	if s.ended {
		s.st = stOver
	}
	over := s.st == stOver
	s.mu.Unlock()
	if over {
		s.complete()
	}
	return false
}

// finish records the end of the producer and has done delivered after the
// items still in flight: by the delivery task if there is one, else by a
// final delivery; at once without a loop, or after a refusal.
func (s *push[T]) finish(err error) {
	cause := s.sc.cause() // before shut runs the caller's OnReady functions
	if s.side != nil {
		s.side.shut(true) // the items sent from now on go nowhere
	}
	s.mu.Lock()
	s.err, s.cause, s.ended = err, cause, true
	s.sc.end(true) // a stop or a refusal canceled it already
	post := false
	switch {
	case s.rt.loop == nil || s.st == stLost:
		s.st = stOver
	case s.st == stIdle || s.st == stPaused:
		s.st, post = stPosted, true
	}
	over := s.st == stOver
	s.mu.Unlock()
	switch {
	case over:
		s.complete()
	case post:
		s.post()
	}
}

// pushDelivery is a push seen as the task that delivers on the loop.
type pushDelivery[T any] push[T]

// Run delivers the items produced so far, as far as the flow lets it, then
// settles the delivery state.
func (d *pushDelivery[T]) Run() {
	s := (*push[T])(d)
	s.mu.Lock()
	if s.at == len(s.cur) { // take the next batch; the producer gets the old array
		clear(s.cur)
		s.cur, s.buf, s.at = s.buf, s.cur[:0], 0
	}
	stopped := s.stopped
	s.mu.Unlock()
	from, ready := s.at, true
	var cut error
	for ; s.at < len(s.cur) && !stopped; s.at++ {
		if cut = causeOf(s.caller); cut != nil {
			break
		}
		if ready = s.flow.Ready(); !ready {
			break
		}
		stopped = !s.callEach(s.cur[s.at])
	}
	if ready {
		s.at = len(s.cur) // delivered, or discarded after a stop
	}
	s.settle(s.at-from, ready, stopped, cut)
}

// settle returns the room of n items taken from the batch to the producer
// and moves the delivery out of stPosted (see push).
func (s *push[T]) settle(n int, ready, stopped bool, cut error) {
	s.mu.Lock()
	s.inflight -= n
	if cut != nil && !s.stopped {
		s.cut, stopped = cut, true
	}
	if stopped && !s.stopped {
		s.stopped = true
		s.sc.cancel(errStopped)
	}
	if s.stopped { // the buffered items are discarded
		s.inflight -= len(s.buf)
		clear(s.buf)
		s.buf = s.buf[:0]
	}
	s.wakeProducer()
	switch {
	case !ready:
		s.st = stPaused
		if s.unwatch == nil {
			s.unwatch = context.AfterFunc(s.caller, s.resume)
		}
	case len(s.buf) > 0:
	case s.ended:
		s.st = stOver
	default:
		s.st = stIdle
	}
	st := s.st
	s.mu.Unlock()
	switch st {
	case stPaused:
		s.flow.OnReady(s.resume)
	case stPosted:
		s.post()
	case stOver:
		s.complete()
	}
}

// resumeDelivery posts the delivery again after a pause, unless the
// producer's end did already.
func (s *push[T]) resumeDelivery() {
	s.mu.Lock()
	resume := s.st == stPaused
	if resume {
		s.st = stPosted
	}
	s.mu.Unlock()
	if resume {
		s.post()
	}
}

// awaitFlow waits on the producer's goroutine (no loop) until the
// consumer's flow is ready, and reports false if the stream's context ended
// first. An inline executor does not wait: it may be running on the very
// goroutine that would make the flow ready.
func (s *push[T]) awaitFlow() bool {
	for s.mayWait() && !s.flow.Ready() {
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

// mayWait reports whether the producer may wait for room: not on an
// inline executor, which may run it on the very goroutine that would make
// room, unless it runs on a goroutine of its own (a stream the caller
// sends to).
func (s *push[T]) mayWait() bool { return !s.rt.inline || s.side != nil }

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

// complete calls done with the stream's error and ends the pending call.
func (s *push[T]) complete() {
	if s.held {
		defer s.rt.release()
	}
	if s.rt.opts.onCallbackPanic != nil {
		defer s.rt.recoverCallback()
	}
	if s.unwatch != nil {
		s.unwatch()
	}
	s.buf, s.cur = nil, nil
	err := s.outcome()
	var sent int64
	if s.side != nil {
		s.side.release()
		sent = s.side.sentItems()
	}
	if s.probe != nil {
		s.rt.endedStream(s.probe, err, s.items, sent)
	}
	s.done(err)
}

// outcome returns the stream's error: a panic of the producer always
// counts; then a refused delivery means ErrClosed, an end of the caller's
// context during the delivery its error, a stop by the consumer nil, and a
// context that ended its cause; else the producer's error.
func (s *push[T]) outcome() error {
	if _, ok := s.err.(*PanicError); ok {
		return s.err
	}
	switch {
	case s.lost:
		return ErrClosed
	case s.cut != nil:
		return s.cut
	case s.stopped:
		return nil
	case s.cause != nil:
		return s.cause
	}
	return s.err
}

// fail ends a stream that never started with err, off the caller's stack.
func (s *push[T]) fail(err error) {
	if s.side != nil {
		s.side.shut(false)
	}
	s.err = err
	s.rt.later((*pushFailure[T])(s))
}

// pushFailure is a push seen as the task that reports its refusal.
type pushFailure[T any] push[T]

// Run calls done with the refusal.
func (f *pushFailure[T]) Run() { (*push[T])(f).complete() }
