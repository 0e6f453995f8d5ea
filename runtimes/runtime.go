package runtimes

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"
)

// closedBit marks the runtime closed in Runtime.state; the bits below it
// count the pending calls.
const closedBit = 1 << 62

// Runtime runs the calls of generated code: blocking work on an [Executor],
// completions on a [Loop] (or on the worker when there is none). It is safe
// for concurrent use. Build one with [New] or with an adapter subpackage.
type Runtime struct {
	exec     Executor
	loop     Loop
	onLooper OnLooper
	starter  Starter
	inline   bool
	opts     options

	state   atomic.Int64  // closedBit | number of pending calls
	drained chan struct{} // closed once closed and no call is pending

	closeOnce sync.Once
	closing   context.Context         // canceled with ErrClosed by Close: ends streams
	endAll    context.CancelCauseFunc // cancels closing
	done      chan struct{}           // closed when shutdown finished
	closeErr  error                   // written before done is closed
}

// New builds a runtime that runs blocking work on exec and delivers
// completions on loop. exec must not be nil (New panics otherwise).
//
// loop may be nil: the runtime then has no loop, completions run on the
// goroutine that finished the work, and the blocking form invokes callback
// implementations on the caller's goroutine.
func New(exec Executor, loop Loop, opts ...Option) *Runtime {
	if exec == nil {
		panic("runtimes: New with a nil Executor")
	}
	r := &Runtime{
		exec:    exec,
		loop:    loop,
		drained: make(chan struct{}),
		done:    make(chan struct{}),
	}
	if in, ok := exec.(inliner); ok {
		r.inline = in.Inline()
	}
	r.onLooper, _ = loop.(OnLooper)
	r.starter, _ = loop.(Starter)
	r.closing, r.endAll = context.WithCancelCause(context.Background())
	r.opts = defaultOptions
	for _, o := range opts {
		o(&r.opts)
	}
	return r
}

// Closed reports whether Close has been called.
func (r *Runtime) Closed() bool { return r.state.Load()&closedBit != 0 }

// OnLoop reports whether the calling goroutine is the runtime's loop
// goroutine. It is false without a loop, or when the loop does not implement
// [OnLooper].
func (r *Runtime) OnLoop() bool { return r.onLooper != nil && r.onLooper.OnLoop() }

// Executor returns the executor the runtime was built with.
func (r *Runtime) Executor() Executor { return r.exec }

// Loop returns the loop the runtime was built with, or nil.
func (r *Runtime) Loop() Loop { return r.loop }

// acquire counts a new pending call, unless the runtime is closed. The
// closed check and the count are one compare-and-swap: no Close lands
// between them, so a call counted here is one Close waits for, and a Close
// that drained has no call to wait for that could still be counted.
func (r *Runtime) acquire() bool {
	for {
		s := r.state.Load()
		if s&closedBit != 0 {
			return false
		}
		if r.state.CompareAndSwap(s, s+1) {
			return true
		}
	}
}

// release ends a pending call; the last one after Close signals the drain.
func (r *Runtime) release() {
	if r.state.Add(-1) == closedBit {
		close(r.drained)
	}
}

// markClosed sets the closed bit; with nothing pending that is the drain.
func (r *Runtime) markClosed() {
	if r.state.Or(closedBit) == 0 {
		close(r.drained)
	}
}

// unstarted reports whether the loop is a [Starter] that was never started.
func (r *Runtime) unstarted() bool { return r.starter != nil && !r.starter.Started() }

// stuck reports whether a blocking call with ctx and timeout could only
// ever end by somebody starting the loop: the loop was never started, ctx
// has no Done channel (it can never end) and there is no timeout. Such a
// call fails at once with [ErrLoopNotStarted] instead of hanging.
func (r *Runtime) stuck(ctx context.Context, timeout time.Duration) bool {
	return timeout <= 0 && ctx.Done() == nil && r.unstarted()
}

// gaveUp returns the error of a wait that ended with ctx: ctx.Err(), or,
// when the loop was never started, an error that says so and wraps
// [ErrLoopNotStarted] and ctx.Err(). It is not a misuse report: a program
// that queues calls and then runs `go l.Run()` may see a context end before
// Run is entered, and has done nothing wrong.
func (r *Runtime) gaveUp(err error) error {
	if !r.unstarted() || !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return &notStartedError{err}
}

// notStartedError is a wait's context error while the loop never ran.
type notStartedError struct{ cause error }

func (e *notStartedError) Error() string {
	return e.cause.Error() + ": " + ErrLoopNotStarted.Error()
}

func (e *notStartedError) Unwrap() []error { return []error{e.cause, ErrLoopNotStarted} }
