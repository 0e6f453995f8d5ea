package runtimes

// callTask is a Call seen as a Task: handing the same object to the executor
// and to the loop, with a phase, keeps Start free of allocations.
type callTask Call

// Run runs the call's current phase.
func (t *callTask) Run() {
	c := (*Call)(t)
	if c.phase == phaseWork {
		c.work()
	} else {
		c.deliver()
	}
}

// work runs the implementation on a worker, then hands the completion to the
// loop, or delivers it here without a loop.
func (c *Call) work() {
	if err := c.ctx.Err(); err != nil {
		c.err = err
	} else {
		if p := c.probe(); p != nil {
			c.rt.began(p)
		}
		c.err = c.runSafe()
	}
	c.ctx = nil // the results may go on using it until its deadline
	loop := c.rt.loop
	if loop == nil {
		c.deliver()
		return
	}
	c.phase = phaseDeliver
	if loop.Post((*callTask)(c)) != nil {
		c.err = ErrClosed // the loop is gone: discard the results
		c.deliver()
	}
}

// runSafe calls Run, turning a panic into a *PanicError.
func (c *Call) runSafe() (err error) {
	defer catch(&err)
	return c.self.Run(c.ctx)
}

// fail completes a call that will not run with err, off the caller's stack:
// on the loop, else on the executor, else on a new goroutine. Only an inline
// executor without a loop completes it synchronously.
func (c *Call) fail(err error) {
	c.err = err
	c.phase = phaseDeliver
	c.rt.later((*callTask)(c))
}

// later runs t off the caller's stack, where completions run: on the loop,
// else on the executor, else on a new goroutine. Only an inline executor
// without a loop runs t synchronously.
func (r *Runtime) later(t Task) {
	switch {
	case r.loop != nil:
		if r.loop.Post(t) == nil {
			return
		}
	case r.inline:
		t.Run()
		return
	default:
		if r.exec.Execute(t) == nil {
			return
		}
	}
	go t.Run()
}

// deliver calls Complete, then ends the pending call. It does not touch c
// after Complete, which may start c again.
func (c *Call) deliver() {
	r, self, err, held, p := c.rt, c.self, c.err, c.held, c.probe()
	c.self, c.err = nil, nil
	if held {
		defer r.release()
	}
	if p != nil {
		r.ended(p, err, 0)
	}
	if r.opts.onCallbackPanic != nil {
		defer r.recoverCallback()
	}
	self.Complete(err)
}
