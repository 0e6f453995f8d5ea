// Package goroutine is a runtimes adapter that runs each call on a new
// goroutine, with no loop: completions run on that goroutine.
//
// It has no bound and no queue; use the pool adapter for back-pressure.
package goroutine

import (
	"context"
	"sync"

	"github.com/shimgen/shimgen/runtimes"
)

// executor starts a goroutine per task and tracks them for Close.
type executor struct {
	mu      sync.Mutex
	closed  bool
	running sync.WaitGroup
}

// Execute runs t on a new goroutine, or returns runtimes.ErrClosed after
// Close.
func (e *executor) Execute(t runtimes.Task) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return runtimes.ErrClosed
	}
	e.running.Add(1)
	go func() {
		defer e.running.Done()
		t.Run()
	}()
	return nil
}

// Close refuses new tasks, then waits for the running ones or the end of ctx.
func (e *executor) Close(ctx context.Context) error {
	e.mu.Lock()
	e.closed = true
	e.mu.Unlock()
	done := make(chan struct{})
	go func() {
		e.running.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// New returns a runtime that runs each call on a new goroutine. Its Close
// waits for the running goroutines.
func New(opts ...runtimes.Option) *runtimes.Runtime {
	return runtimes.New(&executor{}, nil, append([]runtimes.Option{runtimes.WithKind("goroutine")}, opts...)...)
}
