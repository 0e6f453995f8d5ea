package runtimes

import (
	"context"
	"errors"
	"testing"
	"time"
)

// isArmed reports whether c holds a timer or a hook on its parent.
func (c *callCtx) isArmed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.armed || c.timer != nil || c.unhook != nil
}

func newCallCtx(t *testing.T, parent context.Context, timeout time.Duration) *callCtx {
	t.Helper()
	c, ok := withDeadline(parent, timeout).(*callCtx)
	if !ok {
		t.Fatal("withDeadline did not derive a callCtx")
	}
	return c
}

// TestCallCtxLazy: a call context nobody watches holds no timer; one that
// ends drops its timer and its hook; Err alone sees the deadline.
func TestCallCtxLazy(t *testing.T) {
	parent, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := newCallCtx(t, parent, time.Hour)
	if c.Err() != nil || c.isArmed() {
		t.Fatal("a fresh call context is ended or armed")
	}
	done := c.Done()
	if !c.isArmed() {
		t.Fatal("Done did not arm the context")
	}
	c.watch()
	c.release() // Done was handed out: the runtime's release keeps the timer
	if !c.isArmed() {
		t.Fatal("release disarmed a context somebody else watches")
	}
	cancel()
	<-done
	if !errors.Is(c.Err(), context.Canceled) || c.isArmed() {
		t.Fatalf("after the parent ended: %v, armed %v", c.Err(), c.isArmed())
	}

	// Err sees the deadline without a timer.
	short := newCallCtx(t, context.Background(), time.Nanosecond)
	for short.Err() == nil {
		time.Sleep(time.Millisecond)
	}
	if short.Err() != context.DeadlineExceeded || short.isArmed() {
		t.Fatalf("past the deadline: %v, armed %v", short.Err(), short.isArmed())
	}
	select {
	case <-short.Done():
	default:
		t.Fatal("Done not closed after Err reported the deadline")
	}
	if short.isArmed() {
		t.Fatal("Done armed an ended context")
	}
}

// TestCallCtxWatch: the runtime's own waits arm the context while they
// wait and leave nothing behind, however many wait on it at once.
func TestCallCtxWatch(t *testing.T) {
	c := newCallCtx(t, context.Background(), time.Hour)
	c.watch()
	c.watch()
	c.release()
	if !c.isArmed() {
		t.Fatal("one release disarmed a context another wait still watches")
	}
	c.release()
	if c.isArmed() {
		t.Fatal("the last release left the timer")
	}
	if c.Err() != nil {
		t.Fatal("release ended the context")
	}
	// A wait on an armed context is woken at the deadline.
	d := newCallCtx(t, context.Background(), 5*time.Millisecond)
	select {
	case <-d.watch():
	case <-time.After(time.Minute):
		t.Fatal("the deadline did not close Done")
	}
	d.release()
	if d.Err() != context.DeadlineExceeded || d.isArmed() {
		t.Fatalf("at the deadline: %v, armed %v", d.Err(), d.isArmed())
	}
}

// TestCallCtxChildren: contexts derived from a call context end with it and
// need no goroutine; a stopped child leaves no hook.
func TestCallCtxChildren(t *testing.T) {
	parent, cancel := context.WithCancel(context.Background())
	c := newCallCtx(t, parent, time.Hour)
	child, cancelChild := context.WithCancelCause(c)
	other, cancelOther := context.WithCancel(c)
	cancelOther()
	c.mu.Lock()
	n := len(c.hooks)
	c.mu.Unlock()
	if n != 1 {
		t.Fatalf("%d hooks after one child was canceled, want 1", n)
	}
	stopped := false
	stop := context.AfterFunc(c, func() { stopped = true })
	if !stop() {
		t.Fatal("AfterFunc's stop found nothing to stop")
	}
	cancel()
	<-child.Done()
	if !errors.Is(context.Cause(child), context.Canceled) || other.Err() != context.Canceled || stopped {
		t.Fatalf("child %v, other %v, stopped func ran %v", context.Cause(child), other.Err(), stopped)
	}
	cancelChild(nil)
	if c.isArmed() {
		t.Fatal("an ended call context is still armed")
	}
	// After the end, new children end at once.
	late, cancelLate := context.WithCancel(c)
	defer cancelLate()
	<-late.Done()
}
