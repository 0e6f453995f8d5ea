package loop_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/loop"
)

const patience = 5 * time.Second

// running starts l.Run on a goroutine and returns where its result arrives.
func running(l *loop.Loop) <-chan error {
	return l.Go()
}

func recv[T any](t *testing.T, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(patience):
		t.Fatal("timed out")
		panic("unreachable")
	}
}

// post posts f, failing t on refusal.
func post(t *testing.T, l *loop.Loop, f func()) {
	t.Helper()
	if err := l.Post(runtimes.TaskFunc(f)); err != nil {
		t.Fatalf("Post: %v", err)
	}
}

// closeLoop closes l and checks that Run returned nil.
func closeLoop(t *testing.T, l *loop.Loop, run <-chan error) {
	t.Helper()
	if err := l.Close(context.Background()); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := recv(t, run); err != nil {
		t.Errorf("Run: %v", err)
	}
}

func TestPostRunsInOrder(t *testing.T) {
	l := loop.New(loop.Config{})
	var got []int // loop-owned
	const n = 1000
	for i := range n / 2 { // queued before Run
		post(t, l, func() { got = append(got, i) })
	}
	run := running(l)
	for i := n / 2; i < n; i++ {
		post(t, l, func() { got = append(got, i) })
	}
	closeLoop(t, l, run)
	for i, v := range got {
		if v != i {
			t.Fatalf("task %d ran at position %d", v, i)
		}
	}
	if len(got) != n {
		t.Errorf("%d tasks ran, want %d", len(got), n)
	}
}

func TestPostNeverInline(t *testing.T) {
	l := loop.New(loop.Config{})
	run := running(l)
	order := make(chan string, 3)
	post(t, l, func() {
		post(t, l, func() { order <- "posted" })
		order <- "poster"
	})
	if a, b := recv(t, order), recv(t, order); a != "poster" || b != "posted" {
		t.Errorf("order %s, %s: the posted task ran inline", a, b)
	}
	closeLoop(t, l, run)
}

func TestOnLoop(t *testing.T) {
	l := loop.New(loop.Config{})
	if l.OnLoop() {
		t.Error("OnLoop before Run")
	}
	run := running(l)
	inside, busy := make(chan bool, 1), make(chan struct{})
	release := make(chan struct{})
	post(t, l, func() {
		inside <- l.OnLoop() && l.Runtime().OnLoop()
		close(busy)
		<-release
	})
	if !recv(t, inside) {
		t.Error("OnLoop false inside a task")
	}
	<-busy
	if l.OnLoop() {
		t.Error("OnLoop true on another goroutine while the loop is busy")
	}
	close(release)
	closeLoop(t, l, run)
}

func TestRun(t *testing.T) {
	l := loop.New(loop.Config{})
	entered := make(chan struct{})
	post(t, l, func() { close(entered) })
	run := running(l)
	<-entered
	if err := l.Run(); err == nil {
		t.Error("a second concurrent Run returned nil")
	}
	closeLoop(t, l, run)
	if err := l.Run(); err != nil {
		t.Errorf("Run after the loop stopped: %v", err)
	}
	if err := l.Post(runtimes.TaskFunc(func() {})); !errors.Is(err, runtimes.ErrClosed) {
		t.Errorf("Post after the loop stopped: %v", err)
	}
}

func TestStart(t *testing.T) {
	l := loop.New(loop.Config{})
	l.Start()
	ran := make(chan struct{})
	post(t, l, func() { close(ran) })
	recv(t, ran)
	if err := l.Close(context.Background()); err != nil {
		t.Errorf("Close: %v", err)
	}
}

func TestCloseWithoutRun(t *testing.T) {
	l := loop.New(loop.Config{})
	if err := l.Close(context.Background()); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := l.Run(); err != nil {
		t.Errorf("Run after Close: %v", err)
	}
}

func TestTaskPanicKeepsQueue(t *testing.T) {
	l := loop.New(loop.Config{})
	ran := make(chan int, 2)
	post(t, l, func() { panic("task") })
	post(t, l, func() { ran <- 1 })
	func() {
		defer func() {
			if v := recover(); v != "task" {
				t.Errorf("recovered %v", v)
			}
		}()
		l.Run()
	}()
	if l.OnLoop() {
		t.Error("OnLoop after Run panicked")
	}
	run := running(l)
	if recv(t, ran) != 1 {
		t.Error("the task after the panic did not run")
	}
	closeLoop(t, l, run)
}

// call is a minimal Caller.
type call struct {
	runtimes.Call
	run  func(context.Context) error
	done func(error)
}

func (c *call) Run(ctx context.Context) error { return c.run(ctx) }
func (c *call) Complete(err error)            { c.done(err) }

func TestDefaultExecutorUnbounded(t *testing.T) {
	l := loop.New(loop.Config{Workers: 1})
	run := running(l)
	release := make(chan struct{})
	const n = 5000
	errs := make(chan error, n)
	for range n {
		l.Runtime().Start(context.Background(), 0, &call{
			run:  func(context.Context) error { <-release; return nil },
			done: func(err error) { errs <- err },
		})
	}
	close(release)
	for range n {
		if err := recv(t, errs); err != nil {
			t.Fatal(err)
		}
	}
	closeLoop(t, l, run)
}

func TestCustomExecutor(t *testing.T) {
	exec := runtimes.Executor(&goExec{})
	l := loop.New(loop.Config{Executor: exec})
	if l.Runtime().Executor() != exec {
		t.Fatal("the runtime does not use the configured executor")
	}
	run := running(l)
	done := make(chan error, 1)
	l.Runtime().Start(context.Background(), 0, &call{
		run:  func(context.Context) error { return nil },
		done: func(err error) { done <- err },
	})
	if err := recv(t, done); err != nil {
		t.Fatal(err)
	}
	closeLoop(t, l, run)
}

// goExec runs each task on a new goroutine.
type goExec struct{}

func (*goExec) Execute(t runtimes.Task) error {
	go t.Run()
	return nil
}
