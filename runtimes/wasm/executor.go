//go:build js && wasm

package wasm

import (
	"context"
	"sync"

	"github.com/shimgen/shimgen/runtimes"
)

// Executor runs each task on a new goroutine. On js/wasm goroutines share
// the JavaScript thread: a task runs while JavaScript waits and lets
// JavaScript run whenever it blocks (on a channel, a timer, a fetch). There
// is no bound: there is no parallelism to bound, and the JavaScript host
// limits the I/O itself. Its Close refuses new tasks and waits for the
// running ones.
type Executor struct {
	mu      sync.Mutex
	closed  bool
	running int           // tasks started and not finished
	idle    chan struct{} // made by Close, closed once closed and idle
}

// NewExecutor returns an executor that runs each task on a new goroutine.
// The zero Executor is ready to use too.
func NewExecutor() *Executor { return &Executor{} }

// Execute runs t on a new goroutine, or returns runtimes.ErrClosed after
// Close. It never blocks: the goroutine starts once the caller blocks or
// returns to JavaScript.
func (e *Executor) Execute(t runtimes.Task) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return runtimes.ErrClosed
	}
	e.running++
	go func() {
		defer e.finish()
		t.Run()
	}()
	return nil
}

// finish counts a task out and signals the drain after Close.
func (e *Executor) finish() {
	e.mu.Lock()
	e.running--
	if e.closed && e.running == 0 {
		close(e.idle)
	}
	e.mu.Unlock()
}

// Close refuses new tasks, then waits for the running ones or the end of ctx.
// Called on the loop (see [OnLoop]) it cannot wait: it returns
// runtimes.ErrWouldDeadlock if tasks are still running.
func (e *Executor) Close(ctx context.Context) error {
	e.mu.Lock()
	if !e.closed {
		e.closed = true
		e.idle = make(chan struct{})
		if e.running == 0 {
			close(e.idle)
		}
	}
	e.mu.Unlock()
	select {
	case <-e.idle:
		return nil
	default:
	}
	if OnLoop() {
		return runtimes.ErrWouldDeadlock
	}
	select {
	case <-e.idle:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
