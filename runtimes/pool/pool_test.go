package pool_test

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/pool"
)

const patience = 5 * time.Second

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

// blocker makes tasks that signal entry and wait for release.
type blocker struct {
	entered chan struct{}
	release chan struct{}
	ran     atomic.Int64
}

func newBlocker() *blocker {
	return &blocker{entered: make(chan struct{}, 2048), release: make(chan struct{})}
}

func (b *blocker) task() runtimes.Task {
	return runtimes.TaskFunc(func() {
		b.entered <- struct{}{}
		<-b.release
		b.ran.Add(1)
	})
}

// fill occupies every worker and fills the queue of e.
func fill(t *testing.T, e *pool.Executor, b *blocker, workers, queue int) {
	t.Helper()
	for range workers {
		if err := e.Execute(b.task()); err != nil {
			t.Fatal(err)
		}
		recv(t, b.entered)
	}
	for range queue {
		if err := e.Execute(b.task()); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDefaults(t *testing.T) {
	e := pool.NewExecutor(pool.Config{})
	b := newBlocker()
	fill(t, e, b, runtime.GOMAXPROCS(0), pool.DefaultQueue)
	if err := e.Execute(b.task()); !errors.Is(err, runtimes.ErrOverloaded) {
		t.Errorf("Execute on a full default pool = %v, want ErrOverloaded", err)
	}
	close(b.release)
	if err := e.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n, want := b.ran.Load(), int64(runtime.GOMAXPROCS(0)+pool.DefaultQueue); n != want {
		t.Errorf("%d tasks ran, want %d", n, want)
	}
}

func TestBlock(t *testing.T) {
	e := pool.NewExecutor(pool.Config{Workers: 1, Queue: 1, Block: true})
	b := newBlocker()
	fill(t, e, b, 1, 1)
	waited := make(chan error, 2)
	go func() { waited <- e.Execute(b.task()) }()
	select {
	case err := <-waited:
		t.Fatalf("Execute on a full blocking pool returned %v", err)
	case <-time.After(20 * time.Millisecond):
	}
	go func() { waited <- e.Execute(b.task()) }()
	closed := make(chan error, 1)
	go func() { closed <- e.Close(context.Background()) }()
	for range 2 {
		if err := recv(t, waited); !errors.Is(err, runtimes.ErrClosed) {
			t.Errorf("blocked Execute released by Close = %v, want ErrClosed", err)
		}
	}
	close(b.release)
	if err := recv(t, closed); err != nil {
		t.Fatal(err)
	}
	if b.ran.Load() != 2 {
		t.Errorf("%d tasks ran, want the running and the queued one", b.ran.Load())
	}
}

func TestBlockWaitsForSpace(t *testing.T) {
	e := pool.NewExecutor(pool.Config{Workers: 1, Queue: 1, Block: true})
	b := newBlocker()
	fill(t, e, b, 1, 1)
	waited := make(chan error, 1)
	go func() { waited <- e.Execute(b.task()) }()
	close(b.release)
	if err := recv(t, waited); err != nil {
		t.Errorf("Execute after space freed = %v", err)
	}
	if err := e.Close(context.Background()); err != nil || b.ran.Load() != 3 {
		t.Errorf("Close = %v, %d tasks ran, want 3", err, b.ran.Load())
	}
}

func TestClose(t *testing.T) {
	e := pool.NewExecutor(pool.Config{Workers: 2, Queue: 8})
	b := newBlocker()
	fill(t, e, b, 2, 8)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := e.Close(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Close(canceled) with running tasks = %v", err)
	}
	if err := e.Execute(b.task()); !errors.Is(err, runtimes.ErrClosed) {
		t.Errorf("Execute after Close = %v, want ErrClosed", err)
	}
	close(b.release)
	if err := e.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if b.ran.Load() != 10 {
		t.Errorf("%d tasks ran, want the 10 queued or running at Close", b.ran.Load())
	}
}

func TestNew(t *testing.T) {
	rt := pool.New(pool.Config{Workers: 1})
	if _, ok := rt.Executor().(*pool.Executor); !ok || rt.Loop() != nil {
		t.Fatalf("runtime with executor %T and loop %v", rt.Executor(), rt.Loop())
	}
	if err := rt.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := rt.Executor().Execute(runtimes.TaskFunc(func() {})); !errors.Is(err, runtimes.ErrClosed) {
		t.Errorf("the runtime's Close did not close the executor: %v", err)
	}
}
