package runtimes

import "context"

// Task is a unit of work handed to an [Executor] or a [Loop].
type Task interface {
	Run()
}

// TaskFunc adapts a function to [Task].
type TaskFunc func()

// Run calls f.
func (f TaskFunc) Run() { f() }

// Executor runs work that may block. Execute must not block the caller for
// long, except as its adapter documents (a bounded pool in blocking mode
// waits for space). A non-nil error means t will never run: [ErrClosed],
// [ErrOverloaded], or an error of the adapter's own.
//
// An executor that runs tasks synchronously inside Execute declares it with
// an optional method
//
//	Inline() bool
//
// returning true. The runtime then delivers every completion synchronously
// too (done runs before the generated method returns), which makes the
// runtime fully deterministic; the inline subpackage is such an executor.
type Executor interface {
	Execute(t Task) error
}

// Loop is a completion context: a single goroutine that runs tasks one at a
// time. Post arranges for t to run later on the loop, in FIFO order with the
// other posted tasks. Post is safe from any goroutine, never blocks and never
// runs t inline. A non-nil error means t will never run.
type Loop interface {
	Post(t Task) error
}

// OnLooper is optionally implemented by a [Loop]. OnLoop reports whether the
// calling goroutine is the loop's goroutine.
type OnLooper interface {
	OnLoop() bool
}

// Starter is optionally implemented by a [Loop] that has to be started
// (run) by its owner: Started reports whether it has been, at any time.
// The runtime then fails a blocking call that only the loop's start could
// end, and explains a wait that ends before a loop that was never started
// ran anything: see [ErrLoopNotStarted]. Started must not report false for
// a loop whose owner has started it (it may report true before the loop
// runs anything): a false report makes such a call fail.
type Starter interface {
	Started() bool
}

// Closer is optionally implemented by an [Executor] or a [Loop]:
// [Runtime.Close] calls Close once every pending call has completed.
type Closer interface {
	Close(ctx context.Context) error
}

// inliner is the optional method of an Executor that runs tasks inline.
type inliner interface {
	Inline() bool
}
