package runtimes

import (
	"context"
	"errors"
	"time"
)

// Streams
//
// A streaming method produces a sequence of items. Its blocking form returns
// an iter.Seq2[T, error]; its callback form takes each func(T) bool, called
// for every item in order (false stops the stream), and done func(error),
// called exactly once after the last item. The generated adapters between
// the forms use [StreamCall] (the callback form over a blocking producer, and
// the collapsed direct path) and [StreamWait] (the blocking form over a
// callback producer).
//
// The rules every bridge keeps:
//
//   - each and done run on the runtime's completion context, one at a time,
//     in order: on the loop when there is one.
//   - At most the runtime's window ([WithStreamWindow]) of items is in flight
//     between producer and consumer. A blocking producer waits for room on
//     its worker; a callback producer is told through [Flow], and one that
//     ignores it is cut off with [ErrStreamOverflow] once the runtime's limit
//     ([WithStreamLimit]) of items is buffered. No bridge blocks a loop.
//   - The consumer can stop at any item. The producer's context is then
//     canceled and it is given no further item.
//   - A stream ends with its producer's error, a *[PanicError] if the
//     producer panicked, ctx.Err() if the caller's context ended (or the
//     spec's deadline passed) first, [ErrClosed] if the runtime was closed
//     first, or nil. A consumer that stopped early gets nil unless the
//     producer panicked.

// errStreamEnded cancels a stream's context once the stream is over, and
// errStopped once its consumer stopped it; neither reaches users.
var (
	errStreamEnded = errors.New("runtimes: stream ended")
	errStopped     = errors.New("runtimes: stream stopped by its consumer")
)

// streamCtx is the context a stream's producer runs under: the caller's
// context with the call's deadline, canceled as well when the consumer stops,
// when the runtime closes (cause ErrClosed) or on overflow (cause
// ErrStreamOverflow).
type streamCtx struct {
	ctx      context.Context
	cancel   context.CancelCauseFunc
	deadline bool // ctx has the call's deadline (a callCtx)
	unhook   func() bool
}

// openStream derives the context of a stream that starts now.
func (r *Runtime) openStream(ctx context.Context, timeout time.Duration) streamCtx {
	tctx := withDeadline(ctx, timeout)
	pctx, cancel := context.WithCancelCause(tctx)
	unhook := context.AfterFunc(r.closing, func() { cancel(ErrClosed) })
	_, deadline := tctx.(*callCtx)
	return streamCtx{ctx: pctx, cancel: cancel, deadline: deadline, unhook: unhook}
}

// end releases the stream's context: a stream that ended by itself (kept)
// leaves it to its deadline, so that the items it produced may go on using
// it (see the package's rule on deadlines); one that was stopped, or has no
// deadline, cancels it.
func (s *streamCtx) end(kept bool) {
	s.unhook()
	if !kept || !s.deadline {
		s.cancel(errStreamEnded)
	}
}

// cause returns why the stream's context ended, as the stream's error:
// ErrClosed, ErrStreamOverflow, or the Err of the caller's context (with the
// deadline); nil if it has not ended.
func (s *streamCtx) cause() error { return causeOf(s.ctx) }

// causeOf returns why ctx ended, as a stream's error: ErrClosed or
// ErrStreamOverflow when that is its cause, else ctx.Err(); nil if it has
// not ended.
func causeOf(ctx context.Context) error {
	if ctx.Err() == nil {
		return nil
	}
	switch err := context.Cause(ctx); err {
	case ErrClosed, ErrStreamOverflow:
		return err
	}
	return ctx.Err()
}

// settings returns the runtime's stream window and limit.
func (r *Runtime) settings() (window, limit int) {
	return r.opts.streamWindow, max(r.opts.streamLimit, r.opts.streamWindow)
}
