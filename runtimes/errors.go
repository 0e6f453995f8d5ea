package runtimes

import (
	"errors"
	"fmt"
	"runtime/debug"
)

var (
	// ErrClosed is the error of a call made after the runtime, its executor
	// or its loop was closed.
	ErrClosed = errors.New("runtimes: runtime is closed")
	// ErrOverloaded is the error of a call an executor refused because its
	// queue is full.
	ErrOverloaded = errors.New("runtimes: runtime is overloaded")
	// ErrWouldDeadlock is the error of a blocking call made on the runtime's
	// loop goroutine: its completion needs the loop, which the call blocks.
	ErrWouldDeadlock = errors.New("runtimes: blocking call on the runtime's loop goroutine would deadlock")
	// ErrDoubleCompletion is passed to the misuse handler when a callback
	// implementation calls its done callback more than once.
	ErrDoubleCompletion = errors.New("runtimes: completion callback called more than once")
	// ErrNoCompletion is passed to the misuse handler when a callback
	// implementation called by the blocking form ([Runtime.Wait]) dropped
	// its done callback without ever calling it, after the caller gave up
	// waiting (its context ended). The error reported wraps it and the
	// context's error (context.Canceled or context.DeadlineExceeded): test
	// it with errors.Is. See [WithMisuseHandler] for when it is reported.
	ErrNoCompletion = errors.New("runtimes: completion callback dropped without being called")
	// ErrLoopNotStarted is the error of a blocking call (or a Close) that
	// needs the runtime's loop while the loop was never started (a
	// [Starter] loop whose Started is false): nothing can complete before
	// it runs. A blocking call that nothing else could end (its context has
	// no Done channel, the spec gives no timeout) fails with it at once
	// instead of hanging, and so does such a Close with calls pending. A
	// call whose context can end may be made before the loop starts (it
	// completes once the loop runs): only if its context ends first does it
	// return an error wrapping ErrLoopNotStarted and the context's error,
	// so errors.Is finds both. Queueing callback-form calls before
	// starting the loop is always fine.
	ErrLoopNotStarted = errors.New("runtimes: the runtime's loop was never started (call its Run or Start)")
	// ErrStreamOverflow ends a stream of the blocking form over a callback
	// producer that kept calling each past the runtime's stream limit instead
	// of waiting for room (see [Flow]).
	ErrStreamOverflow = errors.New("runtimes: stream overflow: the producer ignored flow control")
)

// errFinishWithoutClaim is passed to the misuse handler when Wait.Finish is
// called without a successful Claim.
var errFinishWithoutClaim = errors.New("runtimes: Wait.Finish called without a successful Claim")

// PanicError is a panic recovered from an implementation (or from a done
// callback, for the handler set by [WithCallbackPanicHandler]).
type PanicError struct {
	// Value is the value passed to panic.
	Value any
	// Stack is the stack of the panicking goroutine, as debug.Stack formats
	// it.
	Stack []byte
}

// Error returns "runtimes: panic: " followed by the panic value. The stack is
// left out; it is in Stack.
func (e *PanicError) Error() string {
	return "runtimes: panic: " + fmt.Sprint(e.Value)
}

// Unwrap returns Value if it is an error, so errors.Is and errors.As see
// through the panic; otherwise nil.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// newPanicError captures the current stack around a recovered value. It must
// be called from the deferred function that recovered.
func newPanicError(v any) *PanicError {
	return &PanicError{Value: v, Stack: debug.Stack()}
}

// catch is deferred directly to turn a panic into a *PanicError in *err.
func catch(err *error) {
	if v := recover(); v != nil {
		*err = newPanicError(v)
	}
}
