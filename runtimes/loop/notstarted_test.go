package loop_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime"
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
		return l.Runtime().WaitFunc(ctx, nil, &s.w, s, oneInvoke)
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
	l.Runtime().StartFunc(context.Background(), nil, &c.c, c, oneStep)
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

func (nothing) Invoke(_ context.Context, _ func(int) bool, done func(error)) { done(nil) }

// TestQueueThenRun: calls made before the loop runs (callback, and
// blocking with a context that can end) complete once it does, without any
// report.
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
	l.Runtime().StartFunc(context.Background(), nil, &c.c, c, oneStep)
	streamed := make(chan error, 1)
	var items []int // loop-owned
	runtimes.StreamCall[int]{}.Start(l.Runtime(), context.Background(), 0, count(3),
		func(v int) bool { items = append(items, v); return true },
		func(err error) {
			if err == nil && len(items) != 3 {
				err = errors.New("wrong items")
			}
			streamed <- err
		})
	waits := make(chan error, 1)
	entered := make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		s := &oneWait{}
		close(entered)
		waits <- l.Runtime().WaitFunc(ctx, nil, &s.w, s, oneInvoke)
	}()
	<-entered
	run := running(l)
	if err := recv(t, calls); err != nil {
		t.Errorf("queued callback call: %v", err)
	}
	if err := recv(t, streamed); err != nil {
		t.Errorf("queued callback stream: %v", err)
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

// count is a blocking streaming implementation of the items 0..n-1.
type count int

func (n count) Open(context.Context) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for i := range int(n) {
			if !yield(i, nil) {
				return
			}
		}
	}
}

// within runs call on a goroutine and returns its error, failing t if it
// does not return within patience (it would hang on the old code).
func within(t *testing.T, what string, call func() error) error {
	t.Helper()
	ch := make(chan error, 1)
	go func() { ch <- call() }()
	select {
	case err := <-ch:
		return err
	case <-time.After(patience):
		t.Fatalf("%s on a loop never started hangs", what)
		return nil
	}
}

// TestNeverStartedFailsFast: on a loop never started, every blocking call
// that nothing else could end (a context without a Done channel, no
// timeout) fails at once with ErrLoopNotStarted, without calling the
// implementation; Close with such a context and a call pending says so at
// once. The direct (collapsed) forms need no loop and complete. Once the
// loop runs, the same calls complete and nothing is left behind. On the
// old code each of the failing calls hangs (every run).
func TestNeverStartedFailsFast(t *testing.T) {
	base := runtime.NumGoroutine()
	reports := make(chan error, 10)
	l := loop.New(loop.Config{}, misuseChan(reports))
	rt := l.Runtime()
	bg := context.WithValue(context.Background(), struct{}{}, 1) // no Done either
	invoked := false
	impl := func(any, context.Context) { invoked = true }
	for _, ctx := range []context.Context{context.Background(), bg} {
		err := within(t, "Wait", func() error {
			s := &oneWait{}
			return rt.WaitFunc(ctx, nil, &s.w, s, impl)
		})
		if err != runtimes.ErrLoopNotStarted {
			t.Errorf("Wait = %v, want ErrLoopNotStarted", err)
		}
		err = within(t, "a range", func() error {
			var errs []error
			for v, err := range (runtimes.StreamWait[int]{}).Iterate(rt, ctx, 0, nothing{}) {
				if v != 0 || err == nil {
					return fmt.Errorf("item (%d, %v)", v, err)
				}
				errs = append(errs, err)
			}
			if len(errs) != 1 {
				return fmt.Errorf("%d final pairs", len(errs))
			}
			return errs[0]
		})
		if err != runtimes.ErrLoopNotStarted {
			t.Errorf("range = %v, want ErrLoopNotStarted", err)
		}
		ran := false
		err = within(t, "RunOnLoop", func() error { return rt.RunOnLoop(ctx, func() { ran = true }) })
		if err != runtimes.ErrLoopNotStarted || ran {
			t.Errorf("RunOnLoop = %v (f ran: %v), want ErrLoopNotStarted", err, ran)
		}
	}
	if invoked {
		t.Error("a refused call invoked its implementation")
	}
	// The direct forms run on the caller: they need no loop.
	if err := within(t, "a direct call", func() error {
		var pass runtimes.Pass
		if _, err := rt.Admit(context.Background(), nil, &pass); err != nil {
			return err
		}
		var err error
		defer rt.Release(&pass, &err)
		return nil
	}); err != nil {
		t.Errorf("direct call: %v", err)
	}
	if err := within(t, "a direct range", func() error {
		n := 0
		for _, err := range (runtimes.StreamCall[int]{}).Direct(rt, context.Background(), 0, count(3)) {
			if err != nil {
				return err
			}
			n++
		}
		if n != 3 {
			return fmt.Errorf("%d items", n)
		}
		return nil
	}); err != nil {
		t.Errorf("direct range: %v", err)
	}
	// A bounded blocking call queues; a Close that could wait for ever
	// with a call pending says why at once.
	waits := make(chan error, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := &oneWait{}
	go func() { waits <- rt.WaitFunc(ctx, nil, &s.w, s, oneInvoke) }()
	calls := make(chan error, 1)
	c := &oneCall{done: func(_ int, err error) { calls <- err }}
	rt.StartFunc(context.Background(), nil, &c.c, c, oneStep)
	if err := within(t, "Close", func() error { return l.Close(context.Background()) }); err != runtimes.ErrLoopNotStarted {
		t.Errorf("Close = %v, want ErrLoopNotStarted", err)
	}
	run := running(l)
	if err := recv(t, calls); err != nil {
		t.Errorf("the pending call: %v", err)
	}
	if err := recv(t, waits); err != nil && !errors.Is(err, runtimes.ErrClosed) {
		t.Errorf("the pending wait: %v", err)
	}
	closeLoop(t, l, run)
	select {
	case err := <-reports:
		t.Errorf("misuse report: %v", err)
	default:
	}
	for deadline := time.Now().Add(patience); runtime.NumGoroutine() > base && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > base {
		t.Errorf("%d goroutines left, want %d", n, base)
	}
}

// TestStartedLoopServesUnboundedCalls: the same calls on a loop started
// with Start or Go complete: only a loop never started refuses them.
func TestStartedLoopServesUnboundedCalls(t *testing.T) {
	for _, name := range []string{"Start", "Go"} {
		t.Run(name, func(t *testing.T) {
			l := loop.New(loop.Config{})
			var run <-chan error
			if name == "Start" {
				l.Start()
			} else {
				run = l.Go()
			}
			s := &oneWait{}
			if err := l.Runtime().WaitFunc(context.Background(), nil, &s.w, s, oneInvoke); err != nil || s.v != 1 {
				t.Errorf("Wait = (%d, %v)", s.v, err)
			}
			for _, err := range (runtimes.StreamWait[int]{}).Iterate(l.Runtime(), context.Background(), 0, nothing{}) {
				t.Errorf("range: %v", err)
			}
			if err := l.Runtime().RunOnLoop(context.Background(), func() {}); err != nil {
				t.Errorf("RunOnLoop: %v", err)
			}
			if err := l.Close(context.Background()); err != nil {
				t.Errorf("Close: %v", err)
			}
			if run != nil {
				if err := recv(t, run); err != nil {
					t.Errorf("Run: %v", err)
				}
			}
		})
	}
}
