// Package runtimes is the contract that shimgen's generated code depends on,
// plus the small vocabulary an adapter implements to plug an execution model
// into it.
//
// # The two forms
//
// shimgen turns one spec into an API in two forms: a blocking form (plain Go
// methods) and a callback form (each method takes a done callback that
// receives the results and an error). Each form can be derived from an
// implementation of the other. The generated adapters between the forms call
// a [Runtime]:
//
//   - The callback form over a blocking implementation allocates one object
//     embedding [Call], implementing [Caller], and hands it to
//     [Runtime.Start]. The runtime runs the implementation on its
//     [Executor] and delivers the completion on its [Loop] (or, without a
//     loop, on the goroutine that did the work).
//   - The blocking form over a callback implementation allocates one object
//     embedding [Wait], implementing [Waiter], and calls [Runtime.Wait],
//     which invokes the implementation (on the loop when there is one) and
//     blocks until the completion arrives or the context ends.
//   - A blocking form over a callback form over a blocking implementation
//     collapses to a direct call that uses [Runtime.Enter],
//     [Runtime.Admit] and [Runtime.Release].
//   - Every call passes the address of a [Method], which names it for an
//     [Observer] (see [WithObserver]) and carries its timeout.
//
// The guarantees the generated code relies on: every Start completes exactly
// once, never synchronously inside Start (unless the executor is inline);
// panics in implementations become [*PanicError] values; a Wait never leaves
// a goroutine behind, and after it returns the result fields are either the
// completion's values or untouched zero values; [Runtime.Close] drains every
// accepted call before it shuts the executor and the loop down.
//
// # Deadlines
//
// A spec timeout bounds the call and what it returns, until the deadline,
// as http.Client.Timeout bounds reading a response body. The context that
// [Runtime.Start], [Runtime.Wait], [Runtime.Enter] and the streams give the
// implementation carries the deadline and ends at the deadline or with the
// caller's context, never when the method returns: a returned reader,
// response body or rows that keeps using it works until the deadline and
// fails with context.DeadlineExceeded after it. The cancel function of
// Enter does nothing. The context costs one small allocation and arms a
// timer, and a hook on the caller's context, only once somebody watches
// its Done channel or derives a context from it; both are dropped when it
// ends, at the deadline at the latest, and no goroutine is used. A stream's
// producer context is canceled when the stream is stopped (its consumer
// stopped, Close, an overflow, a refused Post); a stream with a timeout
// that ends by itself leaves it to the deadline, one without a timeout
// cancels it when it ends.
//
// # Writing an adapter
//
// An adapter supplies an [Executor] (where blocking work runs) and,
// optionally, a [Loop] (the single goroutine where completions are
// delivered), then calls [New]. Both are one-method interfaces. Post must
// never block and never run the task inline; a non-nil error means the task
// will never run. For example, a loop adapter for goja's event loop
// (github.com/dop251/goja_nodejs/eventloop) is:
//
//	type gojaLoop struct{ l *eventloop.EventLoop }
//
//	func (g gojaLoop) Post(t runtimes.Task) error {
//		if !g.l.RunOnLoop(func(*goja.Runtime) { t.Run() }) {
//			return runtimes.ErrClosed
//		}
//		return nil
//	}
//
//	rt := runtimes.New(pool.NewExecutor(pool.Config{}), gojaLoop{l})
//
// Implementing [OnLooper] lets the runtime detect a blocking call made on the
// loop goroutine (which would deadlock) and lets [Runtime.Close] know when it
// is called from the loop. Implementing [Starter] lets a blocking call that
// only the loop's start could end fail with [ErrLoopNotStarted] instead of
// hanging. Implementing [Closer] lets [Runtime.Close] shut the
// executor or loop down once every pending call has completed.
//
// The subpackages are ready-made adapters: inline (synchronous, for
// deterministic tests), goroutine (a goroutine per call), pool (a bounded
// worker pool) and loop (a single-goroutine event loop with a worker pool).
package runtimes

// Generated1 is the version handshake of the contract: generated code
// declares `const _ = runtimes.Generated1`, so code generated for a contract
// this package no longer provides fails to compile instead of misbehaving.
const Generated1 = true
