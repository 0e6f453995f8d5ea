// Package inline is a runtimes adapter that runs everything synchronously on
// the caller's goroutine, with no loop.
//
// Every call of the callback form runs its implementation and its done
// callback before the method returns, so programs and tests built on it are
// deterministic. Use it for tests; it gives no concurrency, and a done
// callback that panics (without a callback-panic handler) panics out of the
// method call.
package inline

import "github.com/shimgen/shimgen/runtimes"

// executor runs tasks inside Execute.
type executor struct{}

// Execute runs t.
func (executor) Execute(t runtimes.Task) error {
	t.Run()
	return nil
}

// Inline reports that tasks run inside Execute, which makes the runtime
// deliver completions synchronously.
func (executor) Inline() bool { return true }

// New returns a synchronous runtime.
func New(opts ...runtimes.Option) *runtimes.Runtime {
	return runtimes.New(executor{}, nil, append([]runtimes.Option{runtimes.WithKind("inline")}, opts...)...)
}
