package runtimes

import (
	"context"
	"time"
)

// noCancel is the cancel function of a context Enter did not derive.
func noCancel() {}

// Enter prepares a direct call (the blocking form over a callback form over
// a blocking implementation, collapsed): with timeout > 0 it derives a
// context with that deadline; with timeout 0 it returns ctx and a no-op
// cancel without allocating. The cancel function is never nil. It is for
// generated code.
func (r *Runtime) Enter(ctx context.Context, timeout time.Duration) (context.Context, context.CancelFunc) {
	if timeout <= 0 {
		return ctx, noCancel
	}
	return context.WithTimeout(ctx, timeout)
}

// Admit reports whether a direct call may proceed: [ErrClosed] if the runtime
// is closed, otherwise ctx.Err(). It is for generated code.
func (r *Runtime) Admit(ctx context.Context) error {
	if r.Closed() {
		return ErrClosed
	}
	return ctx.Err()
}

// Recover turns a panic of a direct call into a *[PanicError] in *err. It must
// be deferred directly, as in
//
//	defer rt.Recover(&err)
//
// It is for generated code.
func (r *Runtime) Recover(err *error) {
	if v := recover(); v != nil {
		*err = newPanicError(v)
	}
}
