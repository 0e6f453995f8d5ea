// Package ants is a runtimes adapter backed by an ants goroutine pool
// (github.com/panjf2000/ants/v2), with no loop: completions run on the
// worker that ran the call.
//
// It plays the part of the built-in pool adapter for programs that already
// use ants, or that want its worker reuse and expiry. An ants pool has no
// task queue: a task runs at once on an idle or new worker, or, when Size
// workers are busy, it is refused with runtimes.ErrOverloaded (the default)
// or, with Config.Block, its Execute waits for a worker (at most
// Config.MaxBlocking such waits at a time; one more is refused with
// runtimes.ErrOverloaded).
//
// # Panics
//
// A panic that escapes a task (the runtime turns panics of implementations
// into *runtimes.PanicError values, so this is a panic of a done callback on
// a runtime without runtimes.WithCallbackPanicHandler, or of a task handed to
// Execute directly) crashes the program, exactly as with the built-in pool
// adapter: the pool's ants.WithPanicHandler re-panics with the same value
// while the panicking goroutine is still on its stack, so the crash report
// shows where the panic happened. ants' own logger is never written to: the
// pool's logger discards (ants only logs panics, and only without a panic
// handler).
//
// A pool passed to [Wrap] keeps its own options: build it with
// [PoolOptions] to get the same behaviour.
//
// # Close
//
// [Executor.Close] refuses new tasks, releases Execute calls waiting for a
// worker with runtimes.ErrClosed, and waits until every accepted task has
// run and every goroutine of the pool has exited. A [Runtime.Close] of a
// runtime built by [New] does it once every call has completed.
//
// [Runtime.Close]: https://pkg.go.dev/github.com/shimgen/shimgen/runtimes#Runtime.Close
package ants
