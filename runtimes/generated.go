package runtimes

//go:generate go run ./internal/mkshim

import (
	"context"
)

// Generated3 is the version handshake of the contract that
// [Runtime.StartFunc], [Runtime.WaitFunc], [Runtime.Admit] and the stream
// helpers belong to: generated code names it, so it fails to compile
// against a runtimes module without them instead of misbehaving.
// (Generated2 took a timeout where these now take a *[Method].)
const Generated3 = true

// StartFunc is [Runtime.Start] for generated code whose per-call state is a
// plain struct with a [Call] field c: with a non-nil ctx, step(arg, ctx,
// nil) runs the blocking implementation, stores its results in arg and
// returns its error; with a nil ctx, step(arg, nil, err) hands the results
// and err to the user's done. arg is usually the state itself and step a
// generated function, so a call allocates only its state.
//
// A state without methods, driven by one function, is what keeps the
// generated code cheap to compile.
//
// m names the method for observers and gives its timeout; it may be nil.
func (r *Runtime) StartFunc(ctx context.Context, m *Method, c *Call, arg any, step func(arg any, ctx context.Context, err error) error) {
	c.arg, c.step = arg, step
	r.start(ctx, m, m.timeout(), (*funcCall)(c))
}

// funcCall is a Call driven by its step function.
type funcCall Call

func (f *funcCall) Run(ctx context.Context) error { return f.step(f.arg, ctx, nil) }
func (f *funcCall) Complete(err error)            { _ = f.step(f.arg, nil, err) }
func (f *funcCall) call() *Call                   { return (*Call)(f) }

// WaitFunc is [Runtime.Wait] for generated code whose per-call state is a
// plain struct with a [Wait] field w: invoke(arg, ctx) calls the callback
// implementation with a done callback that calls w.Claim and w.Finish, as
// [Waiter.Invoke] does.
// m names the method for observers and gives its timeout; it may be nil.
func (r *Runtime) WaitFunc(ctx context.Context, m *Method, w *Wait, arg any, invoke func(arg any, ctx context.Context)) error {
	w.arg, w.invokeFn = arg, invoke
	if r.opts.observer != nil {
		return r.waitObserved(ctx, m, m.timeout(), (*funcWait)(w))
	}
	return r.wait(ctx, m.timeout(), (*funcWait)(w))
}

// funcWait is a Wait driven by its invoke function.
type funcWait Wait

func (f *funcWait) Invoke(ctx context.Context) { f.invokeFn(f.arg, ctx) }
func (f *funcWait) wait() *Wait                { return (*Wait)(f) }
