package goja

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/eventloop"
	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/pool"
)

// holdFor is the delay of the keep-alive timer: it is always cleared long
// before it could fire.
const holdFor = 1 << 62

// New returns a runtime that runs blocking work on exec and delivers every
// completion on loop, as a task posted with loop.RunOnLoop. exec nil means
// pool.NewExecutor(pool.Config{}). The runtime closes exec once drained (if
// it implements runtimes.Closer), so do not share one you close elsewhere.
//
// While a call is in flight the runtime keeps loop from returning from Run
// (see the package documentation). Closing the runtime does not stop loop.
func New(loop *eventloop.EventLoop, exec runtimes.Executor, opts ...runtimes.Option) *runtimes.Runtime {
	if loop == nil {
		panic("goja: New with a nil event loop")
	}
	if exec == nil {
		exec = pool.NewExecutor(pool.Config{})
	}
	b := &binding{el: loop}
	loop.RunOnLoop(func(*goja.Runtime) { b.enter() })
	return runtimes.New(&keepAlive{b: b, exec: exec}, b, append([]runtimes.Option{runtimes.WithKind("goja")}, opts...)...)
}

// binding is the event loop as the runtime sees it.
type binding struct {
	el     *eventloop.EventLoop
	gid    atomic.Uint64 // the goroutine that ran the loop most recently
	closed atomic.Bool

	mu   sync.Mutex
	refs int              // calls handed to the executor, completion not yet posted
	hold *eventloop.Timer // keeps eventloop.Run going while refs > 0
}

// Post runs t on the loop. It returns runtimes.ErrClosed once the runtime
// closed the adapter or when the loop was terminated. The loop is held
// until t has run: a task posted from the loop without a call in flight
// (the refusal of a call made in a completion, a Sender's OnReady) must
// not find eventloop.Run returned.
func (b *binding) Post(t runtimes.Task) error {
	if b.closed.Load() {
		return runtimes.ErrClosed
	}
	b.ref()
	if !b.el.RunOnLoop(func(*goja.Runtime) {
		defer b.unref()
		b.enter()
		t.Run()
	}) {
		b.unref()
		return runtimes.ErrClosed
	}
	return nil
}

// OnLoop reports whether the caller is the goroutine that ran the loop most
// recently.
func (b *binding) OnLoop() bool {
	g := b.gid.Load()
	return g != 0 && g == goid()
}

// Close refuses further tasks and drops the keep-alive hold, if any. The
// runtime calls it once drained. The event loop itself keeps running.
func (b *binding) Close(context.Context) error {
	b.closed.Store(true)
	b.mu.Lock()
	if b.hold != nil {
		b.el.ClearTimeout(b.hold)
		b.hold = nil
	}
	b.mu.Unlock()
	return nil
}

// enter records the calling goroutine as the loop goroutine. It is called
// on the loop only.
func (b *binding) enter() { b.gid.Store(goid()) }

// ref counts a call in flight; the first one sets the keep-alive timer.
//
// The timer is set and cleared through the loop's own task queue (which is
// FIFO), under b.mu, so that the loop sees the transitions in the order the
// counter made them: a clear queued when refs dropped to 0 always precedes
// the set queued by the next ref, and every task posted before the clear
// runs before the loop can find itself without timers.
func (b *binding) ref() {
	b.mu.Lock()
	b.refs++
	if b.refs == 1 && !b.closed.Load() {
		b.hold = b.el.SetTimeout(func(*goja.Runtime) {}, holdFor)
	}
	b.mu.Unlock()
}

// unref ends a call in flight; the last one clears the keep-alive timer.
func (b *binding) unref() {
	b.mu.Lock()
	b.refs--
	if b.refs == 0 && b.hold != nil {
		b.el.ClearTimeout(b.hold)
		b.hold = nil
	}
	b.mu.Unlock()
}

// unrefLater ends a call in flight from the loop, after the tasks already
// posted (the call's completion among them); directly if the loop is gone.
func (b *binding) unrefLater() {
	if !b.el.RunOnLoop(func(*goja.Runtime) { b.unref() }) {
		b.unref()
	}
}

// keepAlive is the executor the runtime sees: it holds a reference on the
// loop from Execute until the task has run (and posted its completion).
type keepAlive struct {
	b    *binding
	exec runtimes.Executor
}

func (k *keepAlive) Execute(t runtimes.Task) error {
	k.b.ref()
	if err := k.exec.Execute(&heldTask{b: k.b, t: t}); err != nil {
		k.b.unref()
		return err
	}
	return nil
}

// Inline reports whether the wrapped executor runs tasks inline.
func (k *keepAlive) Inline() bool {
	in, ok := k.exec.(interface{ Inline() bool })
	return ok && in.Inline()
}

// Close closes the wrapped executor if it implements runtimes.Closer.
func (k *keepAlive) Close(ctx context.Context) error {
	if c, ok := k.exec.(runtimes.Closer); ok {
		return c.Close(ctx)
	}
	return nil
}

// heldTask runs a task and then drops the reference taken for it.
type heldTask struct {
	b *binding
	t runtimes.Task
}

func (h *heldTask) Run() {
	defer h.b.unrefLater()
	h.t.Run()
}

// goidBufs recycles the buffers runtime.Stack writes into.
var goidBufs = sync.Pool{New: func() any { return new([32]byte) }}

// goid returns the calling goroutine's id, parsed from the header of
// runtime.Stack ("goroutine N [..."); the technique of the runtimes
// module's internal goid package.
func goid() uint64 {
	buf := goidBufs.Get().(*[32]byte)
	defer goidBufs.Put(buf)
	s := buf[:runtime.Stack(buf[:], false)]
	const prefix = len("goroutine ")
	if len(s) < prefix {
		return 0
	}
	var id uint64
	for _, c := range s[prefix:] {
		if c < '0' || c > '9' {
			break
		}
		id = id*10 + uint64(c-'0')
	}
	return id
}
