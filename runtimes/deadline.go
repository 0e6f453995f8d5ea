package runtimes

import (
	"context"
	"sync"
	"time"
)

// The call's deadline
//
// A spec timeout bounds the call and what it returns, until the deadline:
// a response body, a reader or rows returned by the implementation may keep
// using the call's context after the method returned, as with
// http.Client.Timeout, and fail once the deadline passes. The runtime never
// cancels that context when the method returns, so it has nothing to hold
// on to afterwards either: the context is a callCtx, which arms a timer
// (and a hook on the caller's context) only once somebody asks for its Done
// channel or derives a context from it, and drops both when it ends, at
// the deadline or with the caller's context. A call whose implementation
// never watches Done costs one small object and no timer.

// callCtx is the context of a call with a deadline: the caller's context,
// ended as well at the deadline. It is never canceled otherwise.
type callCtx struct {
	context.Context // the caller's
	deadline        time.Time

	mu     sync.Mutex
	done   chan struct{} // made by the first Done (or watch)
	err    error         // set once, when the context ends
	armed  bool          // timer (and unhook) are set
	shared bool          // Done or AfterFunc was called by somebody else than the runtime
	waits  int           // the runtime's own waits on done (watch without release)
	timer  *time.Timer
	unhook func() bool // the hook on the caller's context, when armed
	hooks  map[*func()]struct{}
}

// closedChan is the Done channel of a callCtx that ended before anybody
// asked for it.
var closedChan = func() chan struct{} {
	ch := make(chan struct{})
	close(ch)
	return ch
}()

// withDeadline returns ctx with a deadline timeout from now, unless timeout
// is 0 or ctx already ends no later than that.
func withDeadline(ctx context.Context, timeout time.Duration) context.Context {
	if timeout <= 0 {
		return ctx
	}
	dl := time.Now().Add(timeout)
	if d, ok := ctx.Deadline(); ok && !d.After(dl) {
		return ctx
	}
	return &callCtx{Context: ctx, deadline: dl}
}

// Deadline returns the call's deadline.
func (c *callCtx) Deadline() (time.Time, bool) { return c.deadline, true }

// Done arms the context: it is closed at the deadline or when the caller's
// context ends, whichever comes first.
func (c *callCtx) Done() <-chan struct{} {
	c.mu.Lock()
	c.shared = true
	ch, hooks := c.armLocked()
	c.mu.Unlock()
	run(hooks)
	return ch
}

// Err returns context.DeadlineExceeded once the deadline has passed, the
// caller's context's error once it has ended, and nil before. It does not
// need the timer: a context nobody watches ends when somebody looks.
func (c *callCtx) Err() error {
	c.mu.Lock()
	var hooks map[*func()]struct{}
	if c.err == nil {
		hooks = c.checkLocked()
	}
	err := c.err
	c.mu.Unlock()
	run(hooks)
	return err
}

// AfterFunc lets contexts derived from c (context.WithCancel and the like)
// hang on c without a goroutine of their own: the context package uses it
// when it is there. f runs when c ends; stop unregisters it.
func (c *callCtx) AfterFunc(f func()) (stop func() bool) {
	c.mu.Lock()
	c.shared = true
	_, hooks := c.armLocked()
	if c.err != nil {
		c.mu.Unlock()
		run(hooks)
		go f()
		return func() bool { return false }
	}
	h := &f
	if c.hooks == nil {
		c.hooks = make(map[*func()]struct{})
	}
	c.hooks[h] = struct{}{}
	c.mu.Unlock()
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		_, ok := c.hooks[h]
		delete(c.hooks, h)
		return ok
	}
}

// watch returns the Done channel for the runtime's own wait: unlike Done,
// it lets release disarm the context again.
func (c *callCtx) watch() <-chan struct{} {
	c.mu.Lock()
	c.waits++
	ch, hooks := c.armLocked()
	c.mu.Unlock()
	run(hooks)
	return ch
}

// release ends a watch of the runtime's own once the call returned: if
// nobody else waits or asked for Done, the timer and the hook are dropped (a
// later Done arms them again). It never ends the context.
func (c *callCtx) release() {
	c.mu.Lock()
	c.waits--
	if c.armed && !c.shared && c.waits == 0 && c.err == nil {
		c.disarmLocked()
	}
	c.mu.Unlock()
}

// armLocked makes the Done channel and, unless the context has ended, the
// timer and the hook that will close it. It returns the hooks to run if it
// found the context ended.
func (c *callCtx) armLocked() (chan struct{}, map[*func()]struct{}) {
	var hooks map[*func()]struct{}
	if c.err == nil {
		hooks = c.checkLocked()
	}
	if c.done == nil {
		c.done = make(chan struct{})
	}
	if c.err == nil && !c.armed {
		c.armed = true
		c.timer = time.AfterFunc(time.Until(c.deadline), c.expire)
		if c.Context.Done() != nil {
			c.unhook = context.AfterFunc(c.Context, c.parentDone)
		}
	}
	return c.done, hooks
}

// disarmLocked stops the timer and unhooks from the caller's context.
func (c *callCtx) disarmLocked() {
	if c.timer != nil {
		c.timer.Stop()
		c.timer = nil
	}
	if c.unhook != nil {
		c.unhook()
		c.unhook = nil
	}
	c.armed = false
}

// checkLocked ends the context if the caller's has ended or the deadline
// has passed, and returns the hooks to run then.
func (c *callCtx) checkLocked() map[*func()]struct{} {
	if err := c.Context.Err(); err != nil {
		return c.endLocked(err)
	}
	if !time.Now().Before(c.deadline) {
		return c.endLocked(context.DeadlineExceeded)
	}
	return nil
}

// endLocked ends the context with err, releases its timer and hook, and
// returns the hooks to run (after c.mu is released).
func (c *callCtx) endLocked(err error) map[*func()]struct{} {
	c.err = err
	if c.done == nil {
		c.done = closedChan
	} else {
		close(c.done)
	}
	c.disarmLocked()
	hooks := c.hooks
	c.hooks = nil
	return hooks
}

// expire ends the context at the deadline.
func (c *callCtx) expire() { c.end(context.DeadlineExceeded) }

// parentDone ends the context with the caller's.
func (c *callCtx) parentDone() { c.end(c.Context.Err()) }

func (c *callCtx) end(err error) {
	c.mu.Lock()
	var hooks map[*func()]struct{}
	if c.err == nil {
		hooks = c.endLocked(err)
	}
	c.mu.Unlock()
	run(hooks)
}

func run(hooks map[*func()]struct{}) {
	for f := range hooks {
		(*f)()
	}
}

// String describes the context, like those of the context package.
func (c *callCtx) String() string {
	return "runtimes.callCtx(deadline " + c.deadline.String() + ")"
}
