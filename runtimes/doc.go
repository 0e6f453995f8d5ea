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
// # Client and bidirectional streams
//
// A client stream has its caller send items and get one result; a
// bidirectional stream has its caller send items and receive items. The
// blocking form hands the implementation the sent items as an iter.Seq[T]
// it pulls (and returns the received items as an iter.Seq2[U, error]); the
// callback form gives the caller a [Sender] and delivers the received items
// to each and the end to done, on the completion context, exactly once.
// The bridges are [StartSend] and [StartBidi] (callback form over a
// blocking implementation), [AwaitSend] and [AwaitBidi] (blocking form over
// a callback implementation), and [DirectSend] and [DirectBidi] (the
// collapsed round trip). A hand-written callback implementation returns
// the [Inbox] of [Receive] as its Sender.
//
// The Sender contract: every Sender this package makes is safe from any
// goroutine. Send never blocks; it fails with [ErrSendClosed] after
// CloseSend and with [ErrStreamDone] once the stream has ended (the
// implementation returned or stopped, it failed, the context ended, Close),
// done saying why. Ready reports room in the runtime's window
// ([WithStreamWindow]), or an ended stream; OnReady(fn) runs fn once, on
// the completion context (the loop; without one, the goroutine that made
// room, or one of its own), when Ready is true, so a caller parked on it
// learns of the end too. A caller that ignores Ready is cut off at the
// runtime's limit ([WithStreamLimit]): that Send and the stream fail with
// [ErrStreamOverflow]. The Sender never holds more than the limit, and a
// caller that respects Ready never more than the window, however slow the
// implementation.
//
// The other rules are those of server streams: the spec's timeout bounds
// the whole stream; a panic of the implementation is a *[PanicError]; a
// refusal ([ErrClosed], [ErrOverloaded]) goes to done; Close ends the
// stream with ErrClosed; a blocking call on the loop's goroutine fails
// with [ErrWouldDeadlock], and one only a loop's start could end with
// [ErrLoopNotStarted]. The sent items end early when the stream's context
// ends (the caller's context, the deadline, Close, the consumer stopping a
// bidirectional stream): an implementation tells that from a complete
// stream by checking ctx.Err() after its range, before it commits
// anything. The sent items are for one range: an implementation that
// breaks out and ranges again gets the items not yet taken from StartSend,
// StartBidi and an Inbox, but the caller's sequence again from its start
// on the direct paths (DirectSend, DirectBidi), which hand it the caller's
// own iter.Seq. The blocking implementation of StartSend and StartBidi runs on
// the runtime's executor, except on an inline one, where it runs on a
// goroutine of its own (it waits for items the caller sends only after
// the call returned) and done runs there. AwaitSend sends from the
// caller's goroutine; AwaitBidi from a goroutine of the stream's own, which
// ends at the next item once the stream has ended.
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
