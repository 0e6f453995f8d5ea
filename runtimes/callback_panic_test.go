package runtimes_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
)

// TestCallbackPanicHandlerKeepsGoing panics in many done callbacks, in a
// row and interleaved with good calls, and checks that every panic is
// reported, every later call completes and (for the loop) the loop still
// runs posted tasks: a panicking callback does not wedge the runtime.
func TestCallbackPanicHandlerKeepsGoing(t *testing.T) {
	const n = 50
	forEach(t, func(t *testing.T, a adapter) {
		var reported atomic.Int64
		fx := a.fixture(t, runtimes.WithCallbackPanicHandler(func(pe *runtimes.PanicError) {
			if pe.Value == "in done" && len(pe.Stack) > 0 {
				reported.Add(1)
			}
		}))
		done := make(chan int, 2*n)
		for i := range n {
			fx.starts.Add(2)
			fx.rt.Start(context.Background(), 0, &probe{run: value(i), done: func(int, error) {
				fx.completions.Add(1)
				done <- -1
				panic("in done")
			}})
			fx.rt.Start(context.Background(), 0, &probe{run: value(i), done: func(v int, err error) {
				fx.completions.Add(1)
				if err != nil {
					t.Errorf("call %d after panics: %v", i, err)
				}
				done <- v
			}})
		}
		good := 0
		for range 2 * n {
			if recv(t, done) >= 0 {
				good++
			}
		}
		if good != n {
			t.Errorf("%d good completions, want %d", good, n)
		}
		deadline := time.Now().Add(patience)
		for reported.Load() != n && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		if r := reported.Load(); r != n {
			t.Errorf("%d panics reported, want %d", r, n)
		}
		// The blocking form and the loop still work.
		w := newWaiter(func(_ context.Context, done func(int, error)) { done(7, nil) })
		if err := fx.rt.Wait(bounded(t), 0, w); err != nil || w.v != 7 {
			t.Errorf("Wait after the panics: (%d, %v)", w.v, err)
		}
		if fx.loop != nil {
			ran := make(chan struct{})
			if err := fx.loop.Post(runtimes.TaskFunc(func() { close(ran) })); err != nil {
				t.Fatal(err)
			}
			recv(t, ran)
		}
	})
}

// crashEnv names the adapter whose callback crash the child process runs.
const crashEnv = "SHIMGEN_TEST_CALLBACK_CRASH"

// crashValue is the panic value the child's done callback raises.
const crashValue = "shimgen-callback-crash-7f3a"

// TestCallbackPanicCrashes checks that without a callback-panic handler a
// panic in a done callback crashes the program loudly, with its value on
// stderr, on every runtime. The crash happens in a child process: this test
// binary, re-run with crashEnv set.
func TestCallbackPanicCrashes(t *testing.T) {
	if name := os.Getenv(crashEnv); name != "" {
		crashChild(name)
		return
	}
	if testing.Short() {
		t.Skip("runs child processes")
	}
	forEach(t, func(t *testing.T, a adapter) {
		t.Parallel()
		ctx, cancel := context.WithTimeout(context.Background(), 4*patience)
		defer cancel()
		cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestCallbackPanicCrashes$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashEnv+"="+a.name)
		var stderr bytes.Buffer
		cmd.Stderr, cmd.Stdout = &stderr, &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() == 0 {
			t.Fatalf("child: %v, want a non-zero exit\n%s", err, stderr.String())
		}
		if ctx.Err() != nil {
			t.Fatalf("child hung and was killed\n%s", stderr.String())
		}
		out := stderr.String()
		if !strings.Contains(out, "panic: "+crashValue) {
			t.Errorf("child's output does not show the panic:\n%s", out)
		}
		if strings.Contains(out, "child survived") {
			t.Errorf("the child survived the panic:\n%s", out)
		}
	})
}

// crashChild starts a call whose done callback panics on a runtime without a
// callback-panic handler. It must not return: the panic ends the process.
func crashChild(name string) {
	for _, a := range adapters {
		if a.name != name {
			continue
		}
		rt, l := a.open()
		if l != nil {
			l.Start()
		}
		rt.Start(context.Background(), 0, &probe{run: value(1), done: func(int, error) {
			panic(crashValue)
		}})
		time.Sleep(patience)
	}
	os.Stderr.WriteString("child survived\n")
	os.Exit(0)
}
