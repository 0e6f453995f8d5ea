package ants_test

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/panjf2000/ants/v2"
	"github.com/shimgen/shimgen/runtimes"
	rtants "github.com/shimgen/shimgen/runtimes/ants"
)

func TestExecute(t *testing.T) {
	for _, cfg := range []rtants.Config{{}, {Size: 4, Block: true}} {
		e := newExecutor(t, cfg)
		const n = 200
		var wg sync.WaitGroup
		var ran atomic.Int64
		wg.Add(n)
		for range n {
			if err := e.Execute(runtimes.TaskFunc(func() { ran.Add(1); wg.Done() })); err != nil {
				t.Fatalf("%+v: Execute: %v", cfg, err)
			}
		}
		wg.Wait()
		if ran.Load() != n {
			t.Errorf("%+v: %d tasks ran, want %d", cfg, ran.Load(), n)
		}
	}
}

// TestExecuteNotInline checks that Execute returns before its task runs to
// its end: an inline executor would deadlock here.
func TestExecuteNotInline(t *testing.T) {
	e := newExecutor(t, rtants.Config{Size: 1})
	release, ran := make(chan struct{}), make(chan struct{})
	if err := e.Execute(runtimes.TaskFunc(func() { <-release; close(ran) })); err != nil {
		t.Fatal(err)
	}
	close(release)
	recv(t, ran)
}

func TestOverloaded(t *testing.T) {
	e := newExecutor(t, rtants.Config{Size: 2})
	b := newBlocker()
	fill(t, e, b, 2)
	if err := e.Execute(b.task()); !errors.Is(err, runtimes.ErrOverloaded) {
		t.Errorf("Execute on a full non-blocking pool = %v, want ErrOverloaded", err)
	}
	close(b.release)
	// Workers come back: the pool accepts work again.
	deadline := time.Now().Add(patience)
	for b.ran.Load() < 2 {
		if time.Now().After(deadline) {
			t.Fatal("tasks did not finish")
		}
		time.Sleep(time.Millisecond)
	}
	done := make(chan struct{})
	var err error
	for {
		if err = e.Execute(runtimes.TaskFunc(func() { close(done) })); !errors.Is(err, runtimes.ErrOverloaded) {
			break
		}
		time.Sleep(time.Millisecond) // a worker is still on its way back
	}
	if err != nil {
		t.Fatal(err)
	}
	recv(t, done)
}

func TestBlockWaitsForAWorker(t *testing.T) {
	e := newExecutor(t, rtants.Config{Size: 1, Block: true})
	b := newBlocker()
	fill(t, e, b, 1)
	waited := make(chan error, 1)
	go func() { waited <- e.Execute(b.task()) }()
	checkNotYet(t, waited, "Execute on a full blocking pool returning")
	close(b.release)
	if err := recv(t, waited); err != nil {
		t.Fatalf("Execute after a worker freed = %v", err)
	}
	recv(t, b.entered)
	if err := e.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if b.ran.Load() != 2 {
		t.Errorf("%d tasks ran, want 2", b.ran.Load())
	}
}

func TestMaxBlocking(t *testing.T) {
	e := newExecutor(t, rtants.Config{Size: 1, Block: true, MaxBlocking: 1})
	b := newBlocker()
	fill(t, e, b, 1)
	// Of two calls, one waits for the worker and the other is one too many.
	waited := make(chan error, 2)
	for range 2 {
		go func() { waited <- e.Execute(b.task()) }()
	}
	if err := recv(t, waited); !errors.Is(err, runtimes.ErrOverloaded) {
		t.Fatalf("Execute over MaxBlocking = %v, want ErrOverloaded", err)
	}
	checkNotYet(t, waited, "the waiting Execute returning")
	close(b.release)
	if err := recv(t, waited); err != nil {
		t.Fatalf("the waiting Execute = %v", err)
	}
	recv(t, b.entered)
}

func TestCloseReleasesWaiters(t *testing.T) {
	e := newExecutor(t, rtants.Config{Size: 1, Block: true})
	b := newBlocker()
	fill(t, e, b, 1)
	waited := make(chan error, 2)
	for range 2 {
		go func() { waited <- e.Execute(b.task()) }()
	}
	checkNotYet(t, waited, "Execute on a full blocking pool returning")
	closed := make(chan error, 1)
	go func() { closed <- e.Close(context.Background()) }()
	for range 2 {
		if err := recv(t, waited); !errors.Is(err, runtimes.ErrClosed) {
			t.Errorf("waiting Execute released by Close = %v, want ErrClosed", err)
		}
	}
	checkNotYet(t, closed, "Close returning with a task running")
	close(b.release)
	if err := recv(t, closed); err != nil {
		t.Fatal(err)
	}
	if b.ran.Load() != 1 {
		t.Errorf("%d tasks ran, want the running one", b.ran.Load())
	}
}

func TestClose(t *testing.T) {
	base := runtime.NumGoroutine()
	e, err := rtants.NewExecutor(rtants.Config{Size: 4})
	if err != nil {
		t.Fatal(err)
	}
	b := newBlocker()
	fill(t, e, b, 4)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := e.Close(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Close(canceled) with running tasks = %v", err)
	}
	if err := e.Execute(b.task()); !errors.Is(err, runtimes.ErrClosed) {
		t.Errorf("Execute after Close = %v, want ErrClosed", err)
	}
	close(b.release)
	for range 2 { // idempotent: every call waits for the same shutdown
		if err := e.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		if b.ran.Load() != 4 {
			t.Errorf("%d tasks ran, want the 4 running at Close", b.ran.Load())
		}
	}
	if err := e.Execute(b.task()); !errors.Is(err, runtimes.ErrClosed) {
		t.Errorf("Execute after Close = %v, want ErrClosed", err)
	}
	settleGoroutines(t, base)
}

func TestCloseIdle(t *testing.T) {
	base := runtime.NumGoroutine()
	e, err := rtants.NewExecutor(rtants.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Add(100)
	for range 100 {
		if err := e.Execute(runtimes.TaskFunc(wg.Done)); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait() // the workers are idle, not gone
	var closers sync.WaitGroup
	for range 3 {
		closers.Add(1)
		go func() {
			defer closers.Done()
			if err := e.Close(context.Background()); err != nil {
				t.Error(err)
			}
		}()
	}
	closers.Wait()
	settleGoroutines(t, base)
}

// TestCloseRacesExecute closes while producers execute: every accepted task
// runs before Close returns, every refused one is refused with ErrClosed.
func TestCloseRacesExecute(t *testing.T) {
	for _, cfg := range []rtants.Config{{Size: 2, Block: true}, {}} {
		base := runtime.NumGoroutine()
		e, err := rtants.NewExecutor(cfg)
		if err != nil {
			t.Fatal(err)
		}
		var accepted, ran atomic.Int64
		var producers sync.WaitGroup
		stop := make(chan struct{})
		for range 4 {
			producers.Add(1)
			go func() {
				defer producers.Done()
				for {
					err := e.Execute(runtimes.TaskFunc(func() { ran.Add(1) }))
					switch {
					case err == nil:
						accepted.Add(1)
					case errors.Is(err, runtimes.ErrClosed):
						<-stop
						return
					default:
						t.Errorf("Execute = %v", err)
						return
					}
				}
			}()
		}
		time.Sleep(brief)
		if err := e.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		ranByClose := ran.Load()
		close(stop)
		producers.Wait() // a producer may count its last accepted task after Close
		if a, r := accepted.Load(), ran.Load(); a != r || a != ranByClose || a == 0 {
			t.Errorf("%+v: %d tasks accepted, %d ran by Close, %d in all", cfg, a, ranByClose, r)
		}
		settleGoroutines(t, base)
	}
}

func TestBadConfig(t *testing.T) {
	if _, err := rtants.NewExecutor(rtants.Config{ExpiryDuration: -time.Second}); !errors.Is(err, ants.ErrInvalidPoolExpiry) {
		t.Errorf("NewExecutor with a negative expiry = %v", err)
	}
	if _, err := rtants.New(rtants.Config{ExpiryDuration: -time.Second}); err == nil {
		t.Error("New with a negative expiry succeeded")
	}
}

func TestWrap(t *testing.T) {
	p, err := ants.NewPool(1, append(rtants.PoolOptions(), ants.WithNonblocking(true))...)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Release()
	e := rtants.Wrap(p)
	b := newBlocker()
	fill(t, e, b, 1)
	if err := e.Execute(b.task()); !errors.Is(err, runtimes.ErrOverloaded) {
		t.Errorf("Execute on a full wrapped pool = %v, want ErrOverloaded", err)
	}
	closed := make(chan error, 1)
	go func() { closed <- e.Close(context.Background()) }()
	checkNotYet(t, closed, "Close returning with a task running")
	close(b.release)
	if err := recv(t, closed); err != nil {
		t.Fatal(err)
	}
	if err := e.Execute(b.task()); !errors.Is(err, runtimes.ErrClosed) {
		t.Errorf("Execute after Close = %v, want ErrClosed", err)
	}
	// The pool is its owner's: still open.
	done := make(chan struct{})
	for {
		err := p.Submit(func() { close(done) })
		if err == nil {
			break
		}
		if !errors.Is(err, ants.ErrPoolOverload) {
			t.Fatalf("Submit to the wrapped pool after the executor's Close = %v", err)
		}
		time.Sleep(time.Millisecond) // the worker is on its way back
	}
	recv(t, done)
}

func TestWrapReleasedPool(t *testing.T) {
	p, err := ants.NewPool(1, rtants.PoolOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	p.Release()
	e := rtants.Wrap(p)
	if err := e.Execute(runtimes.TaskFunc(func() {})); !errors.Is(err, runtimes.ErrClosed) {
		t.Errorf("Execute on a released pool = %v, want ErrClosed", err)
	}
	if err := e.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
}
