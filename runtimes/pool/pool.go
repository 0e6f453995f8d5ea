// Package pool is a runtimes adapter backed by a bounded worker pool, with
// no loop: completions run on the worker that ran the call.
//
// Use it for servers and libraries whose callers have no event loop of their
// own. The queue bound gives back-pressure: a call that does not fit
// completes with runtimes.ErrOverloaded, or, with Config.Block, waits for
// space.
package pool

import (
	"context"
	"runtime"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/internal/workq"
)

// DefaultQueue is the queue bound used when Config.Queue is zero.
const DefaultQueue = 1024

// Config sizes a pool. The zero value is ready to use.
type Config struct {
	// Workers is the maximum number of worker goroutines, started on
	// demand. Zero or less means runtime.GOMAXPROCS(0).
	Workers int
	// Queue is the maximum number of tasks waiting for a worker (tasks
	// being run do not count). Zero or less means DefaultQueue.
	Queue int
	// Block makes Execute wait for space in a full queue instead of
	// returning runtimes.ErrOverloaded. Close releases waiting calls with
	// runtimes.ErrClosed.
	//
	// The rule of a Block pool: Execute called on one of its own workers
	// never waits. A done callback runs on the worker that ran the call,
	// so a done (or an implementation) that starts another call while the
	// queue is full would wait for space that only its own worker can
	// make: that call completes with runtimes.ErrOverloaded instead, as
	// without Block. Only calls started from other goroutines wait.
	Block bool
}

// Executor is a bounded worker pool. It implements runtimes.Executor and
// runtimes.Closer; Execute allocates nothing in steady state.
type Executor struct {
	p *workq.Pool
}

// NewExecutor returns a pool executor sized by cfg.
func NewExecutor(cfg Config) *Executor {
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.Queue <= 0 {
		cfg.Queue = DefaultQueue
	}
	return &Executor{p: workq.New(workq.Config{
		Workers: cfg.Workers,
		Limit:   cfg.Queue,
		Block:   cfg.Block,
	})}
}

// Execute queues t for a worker. It returns runtimes.ErrOverloaded when the
// queue is full (or, with Config.Block, waits for space, unless it is
// called on one of the pool's workers), and runtimes.ErrClosed after Close.
func (e *Executor) Execute(t runtimes.Task) error { return e.p.Execute(t) }

// Close refuses new tasks (releasing blocked Execute calls with
// runtimes.ErrClosed), runs the tasks already queued, and waits until the
// workers have stopped or ctx ends.
func (e *Executor) Close(ctx context.Context) error { return e.p.Close(ctx) }

// New returns a runtime that runs calls on a new pool executor sized by cfg,
// without a loop. Its Close closes the executor.
func New(cfg Config, opts ...runtimes.Option) *runtimes.Runtime {
	return runtimes.New(NewExecutor(cfg), nil, append([]runtimes.Option{runtimes.WithKind("pool")}, opts...)...)
}
