package loop_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/loop"
)

// oneWait is the state of a blocking call over a callback implementation
// that completes at once with 1, shaped like generated code.
type oneWait struct {
	w runtimes.Wait
	v int
}

func oneInvoke(p any, ctx context.Context) {
	s := p.(*oneWait)
	if s.w.Claim() {
		s.v = 1
		s.w.Finish(nil)
	}
}

// oneCall is the state of a callback call over a blocking implementation.
type oneCall struct {
	c    runtimes.Call
	v    int
	done func(int, error)
}

func oneStep(p any, ctx context.Context, err error) error {
	s := p.(*oneCall)
	if ctx != nil {
		s.v = 1
		return nil
	}
	s.done(s.v, err)
	return nil
}

func misuseChan(ch chan error) runtimes.Option {
	return runtimes.WithMisuseHandler(func(err error) { ch <- err })
}

// neverStarted calls call with contexts of growing timeouts until one ends
// while call waits (a shorter one may end before call even begins, which
// gives a bare context error), and returns that call's error.
func neverStarted(t *testing.T, call func(ctx context.Context) error) error {
	t.Helper()
	for timeout := time.Millisecond; timeout <= patience; timeout *= 2 {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		err := call(ctx)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, runtimes.ErrLoopNotStarted) {
			return err
		}
	}
	t.Fatal("every call ended with a bare context error")
	return nil
}

// TestWaitOnLoopNeverStarted: a blocking call on a loop nobody started ends
// with its context, with an error that says why (on the old code: a bare
// context error).
func TestWaitOnLoopNeverStarted(t *testing.T) {
	reports := make(chan error, 10)
	l := loop.New(loop.Config{}, misuseChan(reports))
	err := neverStarted(t, func(ctx context.Context) error {
		s := &oneWait{}
		return l.Runtime().WaitFunc(ctx, 0, &s.w, s, oneInvoke)
	})
	if !errors.Is(err, runtimes.ErrLoopNotStarted) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Wait on a loop never started = %v, want ErrLoopNotStarted and DeadlineExceeded", err)
	}
	err = neverStarted(t, func(ctx context.Context) error {
		for _, err := range (runtimes.StreamWait[int]{}).Iterate(l.Runtime(), ctx, 0, nothing{}) {
			return err
		}
		return nil
	})
	if !errors.Is(err, runtimes.ErrLoopNotStarted) {
		t.Errorf("range on a loop never started = %v, want ErrLoopNotStarted", err)
	}

	// Close with a call pending says so too, then the loop can still run.
	calls := make(chan error, 1)
	c := &oneCall{done: func(_ int, err error) { calls <- err }}
	l.Runtime().StartFunc(context.Background(), 0, &c.c, c, oneStep)
	short, cancelShort := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancelShort()
	if err := l.Close(short); !errors.Is(err, runtimes.ErrLoopNotStarted) {
		t.Errorf("Close with a pending call on a loop never started = %v", err)
	}
	run := running(l)
	if err := recv(t, calls); err != nil {
		t.Errorf("the pending call: %v", err)
	}
	closeLoop(t, l, run)
	select {
	case err := <-reports:
		t.Errorf("misuse report: %v", err)
	default:
	}
}

// nothing is a callback streaming implementation that produces nothing.
type nothing struct{}

func (nothing) Invoke(context.Context, func(int) bool, func(error)) {}

// TestQueueThenRun: calls made before the loop runs (callback and
// blocking) complete once it does, without any report.
func TestQueueThenRun(t *testing.T) {
	reports := make(chan error, 10)
	l := loop.New(loop.Config{}, misuseChan(reports))
	calls := make(chan error, 1)
	c := &oneCall{done: func(v int, err error) {
		if err == nil && v != 1 {
			err = errors.New("wrong value")
		}
		calls <- err
	}}
	l.Runtime().StartFunc(context.Background(), 0, &c.c, c, oneStep)
	waits := make(chan error, 1)
	entered := make(chan struct{})
	go func() {
		s := &oneWait{}
		close(entered)
		waits <- l.Runtime().WaitFunc(context.Background(), 0, &s.w, s, oneInvoke)
	}()
	<-entered
	run := running(l)
	if err := recv(t, calls); err != nil {
		t.Errorf("queued callback call: %v", err)
	}
	if err := recv(t, waits); err != nil {
		t.Errorf("blocking call made before Run: %v", err)
	}
	closeLoop(t, l, run)
	select {
	case err := <-reports:
		t.Errorf("misuse report: %v", err)
	default:
	}
}
