package runtimes

//go:generate go run ./internal/mkshim

import (
	"context"
	"time"
)

// Generated2 is the version handshake of the contract that
// [Runtime.StartFunc], [Runtime.WaitFunc] and the stream helpers belong
// to: generated code names it, so it fails to compile against a runtimes
// module without them instead of misbehaving.
const Generated2 = true

// StartFunc is [Runtime.Start] for generated code whose per-call state is a
// plain struct with a [Call] field c: with a non-nil ctx, step(arg, ctx,
// nil) runs the blocking implementation, stores its results in arg and
// returns its error; with a nil ctx, step(arg, nil, err) hands the results
// and err to the user's done. arg is usually the state itself and step a
// generated function, so a call allocates only its state.
//
// A state without methods, driven by one function, is what keeps the
// generated code cheap to compile.
func (r *Runtime) StartFunc(ctx context.Context, timeout time.Duration, c *Call, arg any, step func(arg any, ctx context.Context, err error) error) {
	c.arg, c.step = arg, step
	r.Start(ctx, timeout, (*funcCall)(c))
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
func (r *Runtime) WaitFunc(ctx context.Context, timeout time.Duration, w *Wait, arg any, invoke func(arg any, ctx context.Context)) error {
	w.arg, w.invokeFn = arg, invoke
	return r.Wait(ctx, timeout, (*funcWait)(w))
}

// funcWait is a Wait driven by its invoke function.
type funcWait Wait

func (f *funcWait) Invoke(ctx context.Context) { f.invokeFn(f.arg, ctx) }
func (f *funcWait) wait() *Wait                { return (*Wait)(f) }
