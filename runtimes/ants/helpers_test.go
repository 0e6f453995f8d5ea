package ants_test

import (
	"context"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
	rtants "github.com/shimgen/shimgen/runtimes/ants"
	"github.com/shimgen/shimgen/runtimes/internal/soak"
)

// patience bounds every wait of the tests; nothing should come near it.
const patience = 5 * time.Second

// brief is how long a test watches for something that must not happen.
const brief = 20 * time.Millisecond

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

// checkNotYet fails t if ch delivers within a brief wait.
func checkNotYet[T any](t *testing.T, ch <-chan T, what string) {
	t.Helper()
	select {
	case <-ch:
		t.Fatalf("%s happened too early", what)
	case <-time.After(brief):
	}
}

// settleGoroutines fails t if the goroutine count does not come back to
// base.
var settleGoroutines = soak.SettleGoroutines

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

// fill occupies n workers of e with b's tasks.
func fill(t *testing.T, e *rtants.Executor, b *blocker, n int) {
	t.Helper()
	for range n {
		if err := e.Execute(b.task()); err != nil {
			t.Fatal(err)
		}
		recv(t, b.entered)
	}
}

// newExecutor returns an executor that the test's cleanup closes, checking
// that no goroutine is left behind.
func newExecutor(t *testing.T, cfg rtants.Config) *rtants.Executor {
	t.Helper()
	base := runtime.NumGoroutine()
	e, err := rtants.NewExecutor(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), patience)
		defer cancel()
		if err := e.Close(ctx); err != nil {
			t.Errorf("Close: %v", err)
		}
		settleGoroutines(t, base)
	})
	return e
}
