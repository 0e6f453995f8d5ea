// Package loop is a runtimes adapter with a single-goroutine event loop:
// blocking work runs on an executor (by default a worker pool with an
// unbounded queue), and every completion runs on the loop goroutine, one at
// a time, in order. Done callbacks can therefore share plain, unlocked state
// with each other and with any task posted to the loop.
//
// A program creates a loop, runs it (Run on a goroutine of its choice, or
// Start for a new one), uses l.Runtime() with generated code, and closes it:
//
//	l := loop.New(loop.Config{})
//	l.Start()
//	defer l.Close(context.Background())
//	api := blob.NewBucketAsync(impl, l.Runtime())
//
// The loop runs until the runtime is closed and every pending call has
// completed; then Run returns.
package loop

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/internal/workq"
)

// Config configures a loop. The zero value is ready to use.
type Config struct {
	// Executor runs the blocking work. Nil means a worker pool of Workers
	// goroutines, started on demand, with an unbounded queue, so that
	// starting a call never blocks the loop and never fails for lack of
	// space. The runtime closes the executor (if it implements
	// runtimes.Closer) once drained, so do not share one you close
	// elsewhere.
	Executor runtimes.Executor
	// Workers sizes the default executor. Zero or less means
	// 4 * runtime.GOMAXPROCS(0), leaving room for implementations that
	// block on I/O.
	Workers int
}

// Loop is a single-goroutine event loop and the runtime bound to it. It
// implements runtimes.Loop and runtimes.OnLooper.
type Loop struct {
	rt *runtimes.Runtime

	mu       sync.Mutex
	queue    []runtimes.Task // posted, not yet taken
	spare    []runtimes.Task // the last batch, recycled
	stopping bool            // the runtime drained: stop when the queue is empty
	stopped  bool            // Run stopped for good: Post refuses
	active   bool            // a Run is in progress
	exited   chan struct{}   // closed when the active Run returns

	wake    chan struct{} // 1-buffered: the queue became non-empty
	running atomic.Bool   // the loop goroutine is running tasks
	started atomic.Bool   // Run or Start was called, at any time
	gid     atomic.Uint64 // the loop goroutine's id
}

// New returns a loop configured by cfg, with a runtime built with opts. The
// loop does not run until Run or Start is called.
func New(cfg Config, opts ...runtimes.Option) *Loop {
	exec := cfg.Executor
	if exec == nil {
		n := cfg.Workers
		if n <= 0 {
			n = 4 * runtime.GOMAXPROCS(0)
		}
		exec = workq.New(workq.Config{Workers: n})
	}
	l := &Loop{wake: make(chan struct{}, 1)}
	l.rt = runtimes.New(exec, (*binding)(l), append([]runtimes.Option{runtimes.WithKind("loop")}, opts...)...)
	return l
}

// Runtime returns the runtime bound to the loop. Its Loop method returns the
// loop's runtime-facing side, not l itself.
func (l *Loop) Runtime() *runtimes.Runtime { return l.rt }

// Close closes the runtime; it is l.Runtime().Close(ctx). The loop stops
// once the runtime has drained.
func (l *Loop) Close(ctx context.Context) error { return l.rt.Close(ctx) }

// Start runs the loop on a new goroutine. It is a convenience for
// `go l.Run()` that ignores Run's error (a second Run returns at once).
// The loop counts as started as soon as Start returns.
func (l *Loop) Start() {
	l.started.Store(true)
	go l.Run()
}

// Go runs the loop on a new goroutine, like Start, and returns a channel
// that receives Run's error once Run returns. The loop counts as started
// as soon as Go returns, which `go l.Run()` does not promise.
func (l *Loop) Go() <-chan error {
	ch := make(chan error, 1)
	l.started.Store(true)
	go func() { ch <- l.Run() }()
	return ch
}

// Started reports whether Run or Start has been called. Callback-form
// calls may be queued before the loop starts. A blocking call that nothing
// but the loop could end (a context without a Done channel, no timeout)
// fails at once with runtimes.ErrLoopNotStarted while the loop was never
// started, and so does such a Close with calls pending; one whose context
// ends while the loop was never started returns an error wrapping
// runtimes.ErrLoopNotStarted and the context's error instead of a bare
// context error.
//
// Start counts as a start as soon as it returns; Run only once it is
// running. A blocking call made right after `go l.Run()` may come first:
// start the loop with Start or Go before making blocking calls.
func (l *Loop) Started() bool { return l.started.Load() }
