package loop

import (
	"errors"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/internal/goid"
)

// errRunning is returned by a Run started while another is in progress.
var errRunning = errors.New("loop: Run called while the loop is already running")

// Run runs posted tasks on the calling goroutine, in order, one at a time,
// until the runtime has been closed and every pending call has completed;
// then it returns nil. After that the loop refuses new tasks and a new Run
// returns nil at once. A Run started while another is in progress returns an
// error.
//
// A task that panics (a done callback, when the runtime has no
// callback-panic handler) panics out of Run; the tasks not run yet stay
// queued for a later Run.
func (l *Loop) Run() error {
	if err := l.enter(); err != nil {
		return err
	}
	defer l.leave()
	var batch []runtimes.Task
	for {
		var ok bool
		batch, ok = l.take(batch)
		if !ok {
			return nil
		}
		if len(batch) == 0 {
			<-l.wake
			continue
		}
		l.runBatch(batch)
	}
}

// enter marks the loop active on the calling goroutine.
func (l *Loop) enter() error {
	l.started.Store(true)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.active {
		return errRunning
	}
	l.active = true
	l.exited = make(chan struct{})
	l.gid.Store(goid.Current())
	return nil
}

// leave marks the loop inactive and releases a Close waiting for Run.
func (l *Loop) leave() {
	l.running.Store(false)
	l.mu.Lock()
	l.active = false
	close(l.exited)
	l.mu.Unlock()
}

// runBatch runs the tasks of batch in order, clearing each slot.
func (l *Loop) runBatch(batch []runtimes.Task) {
	l.running.Store(true)
	i := 0
	defer func() {
		if i < len(batch) { // a task panicked
			l.requeue(batch[i+1:])
		}
	}()
	for ; i < len(batch); i++ {
		t := batch[i]
		batch[i] = nil
		t.Run()
	}
	l.running.Store(false)
}
