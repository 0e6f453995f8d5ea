package loop

import (
	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/internal/goid"
)

// Post queues t to run on the loop after the tasks posted before it. It never
// blocks and never runs t inline. It returns runtimes.ErrClosed once the loop
// has stopped; a task it accepted always runs.
func (l *Loop) Post(t runtimes.Task) error {
	l.mu.Lock()
	if l.stopped {
		l.mu.Unlock()
		return runtimes.ErrClosed
	}
	l.queue = append(l.queue, t)
	first := len(l.queue) == 1
	l.mu.Unlock()
	if first {
		l.signal()
	}
	return nil
}

// signal wakes the loop if it waits; the token stays if it does not.
func (l *Loop) signal() {
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// OnLoop reports whether the calling goroutine is the loop's. It is cheap
// when the loop is idle; otherwise it reads the goroutine id.
func (l *Loop) OnLoop() bool {
	return l.running.Load() && goid.Current() == l.gid.Load()
}

// take recycles the last batch and takes every queued task. It returns
// ok == false when the loop must stop: the runtime drained and the queue is
// empty. An empty batch with ok means: wait for a wake.
func (l *Loop) take(last []runtimes.Task) (batch []runtimes.Task, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if last != nil && cap(last) <= maxSpare {
		l.spare = last[:0]
	}
	if len(l.queue) == 0 {
		if l.stopping {
			l.stopped = true
			return nil, false
		}
		return nil, true
	}
	batch, l.queue, l.spare = l.queue, l.spare, nil
	return batch, true
}

// maxSpare bounds the capacity of a batch kept for reuse, so that a burst
// does not pin a huge buffer.
const maxSpare = 1 << 16

// requeue puts the tasks a panic left unrun back at the head of the queue.
func (l *Loop) requeue(rest []runtimes.Task) {
	l.mu.Lock()
	l.queue = append(append([]runtimes.Task(nil), rest...), l.queue...)
	l.mu.Unlock()
	l.signal()
}
