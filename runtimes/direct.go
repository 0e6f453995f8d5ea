package runtimes

import (
	"context"
	"time"
)

// noCancel is the cancel function of a context that was not derived.
func noCancel() {}

// Enter prepares a direct call (the blocking form over a callback form over
// a blocking implementation, collapsed): with timeout > 0 it derives a
// context with that deadline, unless ctx already ends sooner; otherwise it
// returns ctx. It is for generated code.
//
// The context ends at the deadline, not when the call returns: what the
// implementation returns may use it until then (see the package's rule on
// deadlines). It arms no timer unless somebody watches its Done channel.
// The cancel function does nothing; it is never nil, and is kept so that
// code generated with `defer cancel()` goes on compiling.
func (r *Runtime) Enter(ctx context.Context, timeout time.Duration) (context.Context, context.CancelFunc) {
	return withDeadline(ctx, timeout), noCancel
}

// Pass is the runtime's state of one direct call (see [Runtime.Admit]):
// generated code declares one on its stack.
type Pass struct {
	probe Probe
}

// Admit starts a direct call of the method m (which may be nil): it
// returns [ErrClosed] if the runtime is closed, [ErrWouldDeadlock] on the
// runtime's loop goroutine (a blocking call must not stall the loop), and
// ctx.Err() if ctx is done. On success it returns the context the
// implementation gets (with m's timeout, as [Runtime.Enter] derives it, and
// what an observer adds) and the call counts as pending, so [Runtime.Close]
// waits for it, until the deferred [Runtime.Release]. It is for generated
// code:
//
//	var pass runtimes.Pass
//	if ctx, err = rt.Admit(ctx, &bucketGetMethod, &pass); err != nil {
//		return
//	}
//	defer rt.Release(&pass, &err)
func (r *Runtime) Admit(ctx context.Context, m *Method, p *Pass) (context.Context, error) {
	// Both costly cases are decided before the first call, so that the
	// plain one (no observer, no timeout: the cost of a direct call) keeps
	// nothing of m across it.
	if r.opts.observer != nil || m != nil && m.Timeout > 0 {
		return r.admitSlow(ctx, m, p)
	}
	// admit, written out (it is not inlined): this is the whole cost.
	if r.OnLoop() {
		return ctx, ErrWouldDeadlock
	}
	if !r.acquire() {
		return ctx, ErrClosed
	}
	if err := ctx.Err(); err != nil {
		r.release()
		return ctx, err
	}
	return ctx, nil
}

// admitSlow is Admit with an observer or a timeout.
func (r *Runtime) admitSlow(ctx context.Context, m *Method, p *Pass) (context.Context, error) {
	if r.opts.observer != nil {
		return r.admitObserved(ctx, m, p)
	}
	if err := r.admit(ctx); err != nil {
		return ctx, err
	}
	return withDeadline(ctx, m.Timeout), nil
}

func (r *Runtime) admit(ctx context.Context) error {
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

// admitObserved is Admit with an observer.
func (r *Runtime) admitObserved(ctx context.Context, m *Method, p *Pass) (context.Context, error) {
	ctx, probe := r.observe(ctx, m, Blocking, Blocking, false)
	if err := r.admit(ctx); err != nil {
		r.ended(probe, err, 0)
		return ctx, err
	}
	p.probe = probe
	r.began(probe)
	return withDeadline(ctx, m.timeout()), nil
}

// Release ends a direct call that Admit started: it turns a panic of the
// implementation into a *[PanicError] in *err and stops counting the call
// as pending. It must be deferred directly, right after a successful Admit.
// It is for generated code.
func (r *Runtime) Release(p *Pass, err *error) {
	if v := recover(); v != nil {
		*err = recovered(v)
	}
	if p.probe != nil {
		r.releaseObserved(p.probe, *err)
		return
	}
	r.release() // not deferred: nothing between recover and here can panic
}

// releaseObserved ends an observed direct call. Out of Release, so that
// Release has no defer of its own. The release is deferred, so that an
// observer's hook that exits the goroutine (runtime.Goexit) still ends
// the call; ended recovers a panic.
func (r *Runtime) releaseObserved(probe Probe, err error) {
	defer r.release()
	r.ended(probe, err, 0)
}

// recovered is newPanicError kept out of line: Release's frame stays small
// for the calls that do not panic.
//
//go:noinline
func recovered(v any) *PanicError { return newPanicError(v) }
