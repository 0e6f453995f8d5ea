package runtimes

import (
	"context"
	"errors"
)

// Close shuts the runtime down. It marks the runtime closed at once: a later
// Start completes with [ErrClosed] and a later Wait returns ErrClosed, and
// every stream in flight ends with ErrClosed (its producer's context is
// canceled; see [StreamCall] and [StreamWait]). It then
// waits until every pending call has completed (its done callback has
// returned, or its Wait has returned), and finally calls Close on the
// executor and on the loop when they implement [Closer] (executor first).
//
// If ctx ends first, Close returns ctx.Err() (wrapped with
// [ErrLoopNotStarted] if the loop was never started), but the shutdown goes on in the
// background: in-flight calls still complete (none is dropped), the loop
// keeps running until they have, and the executor and loop are closed after
// that. Otherwise Close returns the errors of the executor's and the loop's
// Close, joined. A ctx that can never end (no Done channel) on a loop that
// was never started (a [Starter] whose Started is false) with calls still
// pending would make Close wait for ever: it returns [ErrLoopNotStarted] at
// once instead, and the shutdown goes on in the background as above.
//
// Close is idempotent and safe to call concurrently; every call waits for the
// same shutdown.
//
// Called on the loop goroutine, Close cannot wait, since the completions it
// would wait for need the loop: it starts the shutdown and returns nil at
// once. The loop then finishes draining and stops.
func (r *Runtime) Close(ctx context.Context) error {
	r.closeOnce.Do(func() {
		r.markClosed()
		r.endAll(ErrClosed)
		go r.shutdown(context.WithoutCancel(ctx))
	})
	if r.OnLoop() {
		return nil
	}
	if ctx.Done() == nil && r.unstarted() {
		select {
		case <-r.drained:
		default:
			return ErrLoopNotStarted // it could wait for ever
		}
	}
	select {
	case <-r.done:
		return r.closeErr
	case <-ctx.Done():
		return r.gaveUp(ctx.Err())
	}
}

// shutdown waits for the drain, then closes the executor and the loop.
func (r *Runtime) shutdown(ctx context.Context) {
	<-r.drained
	var errs []error
	if c, ok := r.exec.(Closer); ok {
		errs = append(errs, c.Close(ctx))
	}
	if c, ok := r.loop.(Closer); ok {
		errs = append(errs, c.Close(ctx))
	}
	r.closeErr = errors.Join(errs...)
	close(r.done)
}
