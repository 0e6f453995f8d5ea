package runtimes

import (
	"context"
	"time"
)

// Call is the runtime's state of one call of the callback form over a
// blocking implementation. Generated code embeds it in the object it passes
// to [Runtime.Start]; it is not used on its own. A Call is used by one Start
// at a time: it may be started again once its Complete has been called.
type Call struct {
	rt    *Runtime
	self  Caller
	ctx   context.Context
	err   error
	phase uint8
	held  bool // counted as pending
	// With StartFunc, step drives the call and arg is its state.
	arg  any
	step func(arg any, ctx context.Context, err error) error
}

// Phases of a Call run as a Task.
const (
	phaseWork    = iota // run the implementation, then deliver
	phaseDeliver        // call Complete with err
)

// Caller is implemented by generated code, by embedding [Call]:
//
//   - Run calls the blocking implementation with ctx, stores its results in
//     the object and returns its error.
//   - Complete calls the user's done callback with the stored results and
//     err.
type Caller interface {
	Run(ctx context.Context) error
	Complete(err error)
	call() *Call
}

func (c *Call) call() *Call { return c }

// Start runs c: c.Run on the executor, then c.Complete, exactly once, on the
// completion context (on the loop when there is one, otherwise on the
// goroutine that ran the work). It is for generated code.
//
// Complete is never called synchronously inside Start, unless the executor
// runs tasks inline. Complete receives [ErrClosed] if the runtime is closed,
// ctx.Err() if ctx is done at Start or by the time a worker picks the call
// up (Run is then not called), the executor's error if it refuses the work,
// a *[PanicError] if Run panics, and Run's error otherwise. With timeout > 0,
// Run gets a context whose deadline is timeout after Start; it is not
// canceled when Run returns, so results that use it (a response body, a
// reader) work until the deadline (see the package's rule on deadlines).
// With timeout 0 and an allocation-free executor and loop, Start allocates
// nothing.
//
// If the loop refuses the completion of finished work (it was stopped behind
// the runtime's back), the results are discarded: Complete(ErrClosed) is
// called on the worker.
func (r *Runtime) Start(ctx context.Context, timeout time.Duration, c Caller) {
	r.start(ctx, nil, timeout, c)
}

// start is Start for a call of the method m.
func (r *Runtime) start(ctx context.Context, m *Method, timeout time.Duration, c Caller) {
	k := c.call()
	k.rt, k.self, k.err, k.held = r, c, nil, false
	if r.opts.observer != nil {
		var p Probe
		if ctx, p = r.observe(ctx, m, Callback, Blocking, false); p != nil {
			k.self = &observedCall{c, p}
		}
	}
	if !r.acquire() {
		k.fail(ErrClosed)
		return
	}
	k.held = true
	if err := ctx.Err(); err != nil {
		k.fail(err)
		return
	}
	k.ctx = withDeadline(ctx, timeout)
	k.phase = phaseWork
	if err := r.exec.Execute((*callTask)(k)); err != nil {
		k.ctx = nil
		k.fail(err)
	}
}
