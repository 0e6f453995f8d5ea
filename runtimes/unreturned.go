package runtimes

import (
	"errors"
	"fmt"
)

// ErrUnreturned is what the misuse handler receives, wrapping the error,
// when a method whose blocking form has no error result (a spec's
// `error: false`) fails without a panic: the runtime refused the call
// ([ErrClosed], [ErrWouldDeadlock], [ErrOverloaded]), ctx ended first, or a
// callback implementation passed an error to done. The method returns its
// zero values (or what done delivered).
var ErrUnreturned = errors.New("runtimes: a method without an error result failed")

// Unreturned handles the error of a call of a method without an error
// result in the blocking form: nil is nothing; a *[PanicError] (the
// implementation panicked) is panicked again on the caller's goroutine, as
// a direct call would; any other error is reported to the misuse handler as
// ErrUnreturned wrapping it. It is for generated code.
func (r *Runtime) Unreturned(err error) {
	if err == nil {
		return
	}
	if pe, ok := err.(*PanicError); ok {
		panic(pe)
	}
	r.misuse(fmt.Errorf("%w: %w", ErrUnreturned, err))
}

// ReleaseUnreturned ends a direct call of a method without an error result
// that [Runtime.Admit] started, as [Runtime.Release] does, except that a
// panic of the implementation goes on as a *[PanicError] on the caller's
// goroutine. It must be deferred directly. It is for generated code.
func (r *Runtime) ReleaseUnreturned(p *Pass) {
	defer r.release()
	if v := recover(); v != nil {
		pe := newPanicError(v)
		if p.probe != nil {
			r.ended(p.probe, pe, 0)
		}
		panic(pe)
	}
	if p.probe != nil {
		r.ended(p.probe, nil, 0)
	}
}
