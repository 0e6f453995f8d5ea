package goroutine_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/goroutine"
)

func TestExecutor(t *testing.T) {
	rt := goroutine.New()
	exec := rt.Executor()
	release, ran := make(chan struct{}), make(chan struct{}, 2)
	for range 2 {
		if err := exec.Execute(runtimes.TaskFunc(func() { <-release; ran <- struct{}{} })); err != nil {
			t.Fatal(err)
		}
	}
	closer := exec.(runtimes.Closer)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if err := closer.Close(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Close with running tasks = %v, want DeadlineExceeded", err)
	}
	if err := exec.Execute(runtimes.TaskFunc(func() {})); !errors.Is(err, runtimes.ErrClosed) {
		t.Errorf("Execute after Close = %v, want ErrClosed", err)
	}
	close(release)
	if err := closer.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(ran) != 2 {
		t.Errorf("Close returned before the running tasks finished")
	}
}
