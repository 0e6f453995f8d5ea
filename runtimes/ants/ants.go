package ants

import (
	"context"
	"errors"
	"reflect"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/panjf2000/ants/v2"
	"github.com/shimgen/shimgen/runtimes"
)

// Config sizes an ants pool. The zero value is ready to use: an unbounded
// pool (a worker per concurrent task, reused) that never refuses work.
type Config struct {
	// Size is the maximum number of workers, hence of tasks running at a
	// time. Zero or less means no limit.
	Size int
	// Block makes Execute wait for a worker when Size workers are busy,
	// instead of returning runtimes.ErrOverloaded. Close releases waiting
	// calls with runtimes.ErrClosed.
	//
	// The rule of a Block pool, as with the pool adapter: Execute called on
	// a worker never waits. A done callback runs on the worker that ran
	// the call, so a done (or an implementation) that starts another call
	// while every worker is busy would wait for a worker that only itself
	// can free: that call completes with runtimes.ErrOverloaded instead.
	// Here "a worker" is one running a task of any Block executor of this
	// package, its own or another's (two full Block executors whose tasks
	// start calls on each other would wait for each other likewise). Only
	// calls started from other goroutines wait.
	Block bool
	// MaxBlocking bounds, with Block, the number of Execute calls waiting
	// for a worker at a time: one more returns runtimes.ErrOverloaded. Zero
	// or less means no bound. It is ignored without Block.
	MaxBlocking int
	// ExpiryDuration is how long an idle worker lives before it exits (ants
	// checks every ExpiryDuration). Zero means ants' default, one second;
	// a negative value makes NewExecutor fail.
	ExpiryDuration time.Duration
}

// closedBit marks the executor closed in Executor.state; the bits below it
// count the Execute calls in progress and the accepted tasks not yet run.
const closedBit = 1 << 62

// Executor runs tasks on an ants pool. It implements runtimes.Executor and
// runtimes.Closer.
type Executor struct {
	submit  func(t runtimes.Task) error
	release func() error // releases an owned pool; nil for a wrapped one

	state   atomic.Int64  // closedBit | Execute calls and tasks pending
	drained chan struct{} // closed once closed and nothing is pending

	// With Block (NewExecutor): a token per task accepted and not finished,
	// Size at most; the ants pool itself is unbounded and never blocks.
	slots      chan struct{}
	maxWaiting int64
	waiting    atomic.Int64  // Execute calls waiting for a slot
	closing    chan struct{} // closed by Close: the waits end

	closeOnce sync.Once
	done      chan struct{} // closed when Close finished
	closeErr  error         // written before done is closed
}

// NewExecutor returns an executor over a new ants pool configured by cfg. It
// fails only when ants refuses the configuration (a negative
// ExpiryDuration).
func NewExecutor(cfg Config) (*Executor, error) {
	opts := PoolOptions()
	opts = append(opts, ants.WithExpiryDuration(cfg.ExpiryDuration), ants.WithNonblocking(true))
	e := newExecutor()
	run := e.run
	if cfg.Block && cfg.Size > 0 {
		// The executor waits for a worker itself, so that it can tell its
		// own workers from other callers; ants never blocks.
		e.slots = make(chan struct{}, cfg.Size)
		e.maxWaiting = int64(cfg.MaxBlocking)
		run = e.runSlot
	}
	p, err := ants.NewPoolWithFuncGeneric(cfg.Size, run, opts...)
	if err != nil {
		return nil, err
	}
	// A pool with a function takes the task as its argument: Execute
	// allocates no closure.
	e.submit = p.Invoke
	e.release = func() error { return p.ReleaseContext(context.Background()) }
	return e, nil
}

// Wrap returns an executor that submits tasks to p, a pool its caller owns.
// The executor's Close refuses new tasks and waits for the ones it accepted,
// but does not release p: its owner does, after the executor's Close (or
// the Close of the runtime using it). Execute calls waiting for a worker of
// p in blocking mode are not released by Close; Close waits for them.
//
// Execute follows p's options (blocking or not, MaxBlockingTasks) and
// allocates a closure per task. The rule of Config.Block does not hold for
// a blocking p: a done callback (it runs on p's worker) that starts a call
// while p is full waits in ants for a worker, possibly for itself. Build p
// non-blocking, or use NewExecutor with Block. A panic escaping a task goes to p's panic
// handler: build p with [PoolOptions] for the behaviour of [NewExecutor]
// (otherwise ants logs the panic and the program goes on).
func Wrap(p *ants.Pool) *Executor {
	e := newExecutor()
	e.submit = func(t runtimes.Task) error {
		return p.Submit(func() { e.run(t) })
	}
	return e
}

// PoolOptions returns the ants options that [NewExecutor] gives its pool and
// that a pool passed to [Wrap] should have: a panic handler that re-panics
// (a panic escaping a task crashes the program, as with the built-in pool
// adapter, with the panicking stack in the crash report) and a logger that
// discards (ants logs nothing else).
func PoolOptions() []ants.Option {
	return []ants.Option{
		ants.WithPanicHandler(rethrow),
		ants.WithLogger(discard{}),
	}
}

// rethrow is the pool's panic handler. ants calls it from the deferred
// function that recovered the panic, which still runs on the stack of the
// panicking task: panicking again crashes the program with that stack.
func rethrow(v any) { panic(v) }

// discard is an ants.Logger that writes nothing.
type discard struct{}

func (discard) Printf(string, ...any) {}

func newExecutor() *Executor {
	return &Executor{drained: make(chan struct{}), done: make(chan struct{}), closing: make(chan struct{})}
}

// Execute runs t on a worker of the pool. Without Config.Block it returns
// runtimes.ErrOverloaded when every worker is busy; with it, it waits for a
// worker (or returns runtimes.ErrOverloaded when Config.MaxBlocking calls
// already wait). It returns runtimes.ErrClosed after Close.
func (e *Executor) Execute(t runtimes.Task) error {
	if !e.acquire() {
		return runtimes.ErrClosed
	}
	if e.slots != nil {
		if err := e.takeSlot(); err != nil {
			e.done1()
			return err
		}
	}
	err := e.submit(t)
	for e.slots != nil && errors.Is(err, ants.ErrPoolOverload) {
		// A slot is free, so a worker is: the one that freed it is on its
		// way back to the ants pool.
		runtime.Gosched()
		err = e.submit(t)
	}
	if err != nil {
		if e.slots != nil {
			<-e.slots
		}
		e.done1()
		switch {
		case errors.Is(err, ants.ErrPoolOverload):
			return runtimes.ErrOverloaded
		case errors.Is(err, ants.ErrPoolClosed):
			return runtimes.ErrClosed
		}
		return err
	}
	return nil
}

// run runs an accepted task on a worker.
func (e *Executor) run(t runtimes.Task) {
	defer e.done1()
	t.Run()
}

// runSlot runs an accepted task of a Block executor and frees its slot
// after it. While it runs, its frame on the worker's stack is what tells
// takeSlot that it is called on a worker; it is never inlined, so that the
// frame is its own.
//
//go:noinline
func (e *Executor) runSlot(t runtimes.Task) {
	defer e.done1()
	defer func() { <-e.slots }()
	t.Run()
}

// runSlotEntry is the entry of runSlot's code.
var runSlotEntry = reflect.ValueOf((*Executor).runSlot).Pointer()

// onSlotWorker reports whether the caller runs inside runSlot: it is a
// worker running a task of a Block executor of this package. It walks the
// caller's stack (allocating only for a stack deeper than 64 frames), but
// only when a Block executor is full: runSlot itself marks nothing, which
// keeps a task cheap.
func onSlotWorker() bool {
	var buf [64]uintptr
	pcs := buf[:]
	for {
		n := runtime.Callers(2, pcs)
		for _, pc := range pcs[:n] {
			if f := runtime.FuncForPC(pc - 1); f != nil && f.Entry() == runSlotEntry {
				return true
			}
		}
		if n < len(pcs) {
			return false
		}
		pcs = make([]uintptr, 2*len(pcs)) // a deep stack: look at all of it
	}
}

// takeSlot takes a slot for a task of a Block executor: at once if one is
// free; else ErrOverloaded on one of the executor's workers (it would wait
// for itself) or past MaxBlocking waiting calls; else it waits for a slot,
// or returns ErrClosed once Close is called.
func (e *Executor) takeSlot() error {
	select {
	case e.slots <- struct{}{}:
		return nil
	default:
	}
	if onSlotWorker() {
		return runtimes.ErrOverloaded
	}
	if n := e.waiting.Add(1); e.maxWaiting > 0 && n > e.maxWaiting {
		e.waiting.Add(-1)
		return runtimes.ErrOverloaded
	}
	defer e.waiting.Add(-1)
	select {
	case e.slots <- struct{}{}:
		return nil
	case <-e.closing:
		return runtimes.ErrClosed
	}
}

// Close refuses new tasks, releases the Execute calls waiting for a worker
// with runtimes.ErrClosed (for a pool of [Wrap], it waits for them instead),
// and waits until every accepted task has run and, for a pool of
// [NewExecutor], the pool's goroutines have exited, or until ctx ends.
//
// Close is idempotent and safe to call concurrently: every call waits for the
// same shutdown, which goes on in the background when ctx ends first.
func (e *Executor) Close(ctx context.Context) error {
	e.closeOnce.Do(func() {
		close(e.closing)
		if e.state.Or(closedBit) == 0 {
			close(e.drained)
		}
		go e.shutdown()
	})
	select {
	case <-e.done:
		return e.closeErr
	case <-ctx.Done():
		return ctx.Err()
	}
}

// shutdown releases an owned pool, which wakes the blocked Execute calls and
// waits for its workers, then waits for the tasks of Execute calls that
// raced with the release.
func (e *Executor) shutdown() {
	if e.release != nil {
		e.closeErr = e.release()
	}
	<-e.drained
	close(e.done)
}

// acquire counts an Execute call, unless the executor is closed.
func (e *Executor) acquire() bool {
	for {
		s := e.state.Load()
		if s&closedBit != 0 {
			return false
		}
		if e.state.CompareAndSwap(s, s+1) {
			return true
		}
	}
}

// done1 ends a refused Execute call or a task; the last one after Close
// signals the drain.
func (e *Executor) done1() {
	if e.state.Add(-1) == closedBit {
		close(e.drained)
	}
}

// New returns a runtime that runs calls on a new executor configured by cfg,
// without a loop. Its Close closes the executor.
func New(cfg Config, opts ...runtimes.Option) (*runtimes.Runtime, error) {
	e, err := NewExecutor(cfg)
	if err != nil {
		return nil, err
	}
	return runtimes.New(e, nil, append([]runtimes.Option{runtimes.WithKind("ants")}, opts...)...), nil
}
