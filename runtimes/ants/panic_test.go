package ants_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/panjf2000/ants/v2"
	"github.com/shimgen/shimgen/runtimes"
	rtants "github.com/shimgen/shimgen/runtimes/ants"
	"github.com/shimgen/shimgen/runtimes/pool"
)

// childEnv names the scenario a re-executed test binary plays.
const childEnv = "SHIMGEN_ANTS_CHILD"

// antsLogPrefix starts every line of ants' default logger.
const antsLogPrefix = "[ants]"

// TestChild is the body of the child processes; it does nothing in the
// parent.
func TestChild(t *testing.T) {
	scenario := os.Getenv(childEnv)
	if scenario == "" {
		t.Skip("run as a child process by other tests")
	}
	var e runtimes.Executor
	switch scenario {
	case "pool":
		e = pool.NewExecutor(pool.Config{})
	case "ants":
		x, err := rtants.NewExecutor(rtants.Config{Size: 2})
		if err != nil {
			t.Fatal(err)
		}
		e = x
	case "wrap":
		p, err := ants.NewPool(2, rtants.PoolOptions()...)
		if err != nil {
			t.Fatal(err)
		}
		e = rtants.Wrap(p)
	case "runtime":
		// A done callback panics on a runtime without a callback panic
		// handler.
		rt, err := rtants.New(rtants.Config{Size: 2})
		if err != nil {
			t.Fatal(err)
		}
		rt.Start(context.Background(), 0, &probe{
			run:  func(context.Context) (int, error) { return 1, nil },
			done: func(int, error) { panicInDone() },
		})
		select {}
	default:
		t.Fatalf("unknown scenario %q", scenario)
	}
	if err := e.Execute(runtimes.TaskFunc(panicInTask)); err != nil {
		t.Fatal(err)
	}
	select {} // the panic ends the process
}

func panicInTask() { panic(errors.New("escaped-task-panic")) }

func panicInDone() { panic("escaped-done-panic") }

// runChild runs TestChild as scenario and returns its exit error and
// standard error.
func runChild(t *testing.T, scenario string) (error, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChild$", "-test.count=1", "-test.timeout=30s")
	cmd.Env = append(os.Environ(), childEnv+"="+scenario)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Stdout = &stderr
	err := cmd.Run()
	return err, stderr.String()
}

// TestEscapedPanicCrashes checks that a panic escaping a task crashes the
// program as it does with the built-in pool, with the panicking function in
// the crash report, and that ants' logger writes nothing.
func TestEscapedPanicCrashes(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	cases := []struct{ scenario, value, fn string }{
		{"pool", "escaped-task-panic", "panicInTask"},
		{"ants", "escaped-task-panic", "panicInTask"},
		{"wrap", "escaped-task-panic", "panicInTask"},
		{"runtime", "escaped-done-panic", "panicInDone"},
	}
	var wg sync.WaitGroup
	for _, tc := range cases {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err, out := runChild(t, tc.scenario)
			var exit *exec.ExitError
			switch {
			case !errors.As(err, &exit):
				t.Errorf("%s: child ended with %v, want a crash\n%s", tc.scenario, err, out)
			case exit.ExitCode() != 2:
				t.Errorf("%s: child exit code %d, want 2 (a panic)\n%s", tc.scenario, exit.ExitCode(), out)
			case !strings.Contains(out, "panic: "+tc.value):
				t.Errorf("%s: crash report without the panic value\n%s", tc.scenario, out)
			case !strings.Contains(out, "ants_test."+tc.fn):
				t.Errorf("%s: crash report without the panicking function %s\n%s", tc.scenario, tc.fn, out)
			case strings.Contains(out, antsLogPrefix):
				t.Errorf("%s: ants' logger wrote\n%s", tc.scenario, out)
			}
		}()
	}
	wg.Wait()
}

// TestDefaultPanicLogged checks the test's own premise: a pool without
// PoolOptions logs a panic with antsLogPrefix (and survives it).
func TestDefaultPanicLogged(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	err, out := runChild(t, "plain")
	if err != nil || !strings.Contains(out, antsLogPrefix) || !strings.Contains(out, "plain-pool-panic") {
		t.Errorf("plain ants pool: %v, want ants to log the panic\n%s", err, out)
	}
}

func init() {
	// The "plain" child: an ants pool with its default options, whose
	// panic ants recovers and logs. It runs before the tests and exits.
	if os.Getenv(childEnv) != "plain" {
		return
	}
	p, err := ants.NewPool(1)
	if err != nil {
		panic(err)
	}
	done := make(chan struct{})
	if err := p.Submit(func() {
		defer close(done)
		panic("plain-pool-panic")
	}); err != nil {
		panic(err)
	}
	<-done
	// ants logs after the deferred close: give it time.
	time.Sleep(200 * time.Millisecond)
	os.Exit(0)
}
