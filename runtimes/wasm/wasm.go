//go:build js && wasm

package wasm

import "github.com/shimgen/shimgen/runtimes"

// New returns a runtime that runs blocking work on goroutines (an
// [Executor]) and delivers completions on the JavaScript event loop (a
// [Loop]). Its Close waits for every pending call, then for the running
// goroutines, and stops the loop. Call it from main or another ordinary
// goroutine: on the loop it returns at once and the shutdown finishes in the
// background.
func New(opts ...runtimes.Option) *runtimes.Runtime {
	return runtimes.New(NewExecutor(), NewLoop(), append([]runtimes.Option{runtimes.WithKind("wasm")}, opts...)...)
}
