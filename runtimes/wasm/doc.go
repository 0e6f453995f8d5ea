// Package wasm is a runtimes adapter for Go compiled to WebAssembly and run
// by a JavaScript host (GOOS=js GOARCH=wasm): a browser page, a worker or
// Node.js. Its loop is the JavaScript event loop itself, so done callbacks
// run as ordinary JavaScript event-loop turns, one at a time, in order, and
// may touch the DOM or other JavaScript objects freely.
//
// The package builds only for js/wasm; on other platforms it is empty.
//
// # The model
//
// Go on js/wasm has a single thread, shared with JavaScript. Goroutines are
// scheduled cooperatively on it, and JavaScript only runs when every
// goroutine is blocked (on a channel, a timer, I/O such as a fetch made by
// net/http, ...): the Go runtime then returns control to the event loop and
// resumes when a timer fires or JavaScript calls into Go. A call from
// JavaScript into Go (a function made with [js.FuncOf]) runs on a goroutine
// of its own; until that function returns, the JavaScript thread is stuck
// inside Go.
//
// The adapter maps the runtime onto this model:
//
//   - The loop ([Loop]) posts each batch of tasks to JavaScript with one
//     queueMicrotask (so completions run soon after the current turn,
//     before timers and rendering) and runs the batch in FIFO order inside
//     that JavaScript callback. Post never blocks and never runs a task
//     inline. A loop that keeps being fed for more than a few milliseconds
//     without JavaScript getting a macrotask turn switches to setTimeout for
//     its next batch, so a long stream cannot starve timers, I/O or
//     rendering.
//   - The executor ([Executor]) runs each piece of blocking work on a new
//     goroutine. Goroutines are not threads: they run while JavaScript
//     waits, and JavaScript runs while they block. Work that blocks on I/O
//     or timers therefore keeps the page responsive; CPU-bound work freezes
//     it until it blocks (split it, or sleep now and then).
//
// # The deadlock rule
//
// Never block inside a call from JavaScript: while a JavaScript callback
// waits for something that needs the event loop (a completion delivered on
// the loop, a fetch, a JavaScript timer or promise), the event loop cannot
// run, so the wait never ends: the page freezes (Go timers still fire, so a
// context deadline ends the wait, but nothing else does), or the Go runtime
// aborts with "all goroutines are asleep". Even a plain time.Sleep there
// freezes JavaScript for its duration. For the adapter, "on the loop"
// ([OnLoop]) means: running a task posted to a [Loop] (a done callback, a
// stream item) or a function wrapped with [Func]. A blocking-form call made
// there (Runtime.Wait, a blocking generated method, a stream's iterator)
// fails at once with runtimes.ErrWouldDeadlock instead of freezing the page,
// and Runtime.Close returns at once and lets the shutdown finish in the
// background. Wrap the Go functions you hand to JavaScript with [Func]
// rather than [js.FuncOf] to get this check; from a plain js.FuncOf the
// blocking call deadlocks. To block from an event handler, start a goroutine
// and block there.
//
// Ordinary goroutines, including main, may block freely: the blocking form
// works there, and the JavaScript event loop keeps running meanwhile.
//
// # No start
//
// The JavaScript event loop runs from the program's start, whenever every
// goroutine blocks: there is nothing to start, so [Loop] does not implement
// runtimes.Starter (its Started would always be true) and a blocking call
// never waits for a start. The hang that remains is the deadlock rule's:
// a goroutine that never blocks, or a call from JavaScript that blocks, keeps
// the event loop from running.
//
// # Usage
//
// A program builds one runtime, hands it to generated code, exposes its
// entry points with [Func] and keeps main alive, since the program (and
// every callback) ends when main returns:
//
//	func main() {
//		rt := wasm.New()
//		api := blob.NewBucketAsync(impl, rt)
//		get := wasm.Func(func(this js.Value, args []js.Value) any {
//			api.Get(context.Background(), args[0].String(), func(data []byte, err error) {
//				// on the event loop: update the page
//			})
//			return nil
//		})
//		js.Global().Set("getBlob", get)
//		select {} // serve JavaScript forever
//	}
//
// A program that ends closes the runtime from main (not from a callback,
// where Close cannot wait) before returning: rt.Close(ctx) waits for every
// pending call, and the loop stops once drained.
//
// # Testing
//
// The tests run under Node.js with the wrapper shipped with Go (-race is
// not available on wasm):
//
//	cd runtimes && PATH="$(go env GOROOT)/lib/wasm:$PATH" GOOS=js GOARCH=wasm go test ./wasm/
package wasm
