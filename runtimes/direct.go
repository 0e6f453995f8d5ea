package runtimes

import (
	"context"
	"time"
)

// noCancel is the cancel function of a context that was not derived.
func noCancel() {}

// withTimeout derives a context whose deadline is timeout from now, unless
// timeout is 0 or ctx already ends no later than that: deriving a deadline
// costs a timer and a few allocations, and would change nothing.
func withTimeout(ctx context.Context, timeout time.Duration) (context.Context, context.CancelFunc) {
	if timeout <= 0 {
		return ctx, noCancel
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) <= timeout {
		return ctx, noCancel
	}
	return context.WithTimeout(ctx, timeout)
}

// Enter prepares a direct call (the blocking form over a callback form over
// a blocking implementation, collapsed): with timeout > 0 it derives a
// context with that deadline, unless ctx already ends sooner; otherwise it
// returns ctx and a no-op cancel without allocating. The cancel function is
// never nil. It is for generated code.
func (r *Runtime) Enter(ctx context.Context, timeout time.Duration) (context.Context, context.CancelFunc) {
	return withTimeout(ctx, timeout)
}

// Admit starts a direct call: it returns [ErrClosed] if the runtime is
// closed, [ErrWouldDeadlock] on the runtime's loop goroutine (a blocking
// call must not stall the loop), and ctx.Err() if ctx is done. On success
// the call counts as pending, so [Runtime.Close] waits for it, until the
// deferred [Runtime.Release]. It is for generated code:
//
//	if err = rt.Admit(ctx); err != nil {
//		return
//	}
//	defer rt.Release(&err)
func (r *Runtime) Admit(ctx context.Context) error {
	if r.OnLoop() {
		return ErrWouldDeadlock
	}
	if !r.acquire() {
		return ErrClosed
	}
	if err := ctx.Err(); err != nil {
		r.release()
		return err
	}
	return nil
}

// Release ends a direct call that Admit started: it turns a panic of the
// implementation into a *[PanicError] in *err and stops counting the call
// as pending. It must be deferred directly, right after a successful Admit.
// It is for generated code.
func (r *Runtime) Release(err *error) {
	defer r.release()
	if v := recover(); v != nil {
		*err = newPanicError(v)
	}
}
