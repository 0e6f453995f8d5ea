package ants_test

import (
	"context"
	"errors"
	"testing"

	"github.com/shimgen/shimgen/runtimes"
	rtants "github.com/shimgen/shimgen/runtimes/ants"
)

// TestBlockReentrantExecute: with Block and every worker busy, a task (a
// done callback, which runs on the worker) that submits another task must
// not wait for the worker only it can free: it gets ErrOverloaded. On the
// old code the worker waited in Execute forever (and Close hung).
func TestBlockReentrantExecute(t *testing.T) {
	e := newExecutor(t, rtants.Config{Size: 1, Block: true})
	nested := make(chan error, 1)
	if err := e.Execute(runtimes.TaskFunc(func() {
		nested <- e.Execute(runtimes.TaskFunc(func() {}))
	})); err != nil {
		t.Fatal(err)
	}
	if err := recv(t, nested); !errors.Is(err, runtimes.ErrOverloaded) {
		t.Errorf("Execute on the only worker of a full Block pool = %v, want ErrOverloaded", err)
	}
	// Outside the pool, Block still waits for a worker rather than refusing.
	b := newBlocker()
	fill(t, e, b, 1)
	waited := make(chan error, 1)
	go func() { waited <- e.Execute(runtimes.TaskFunc(func() {})) }()
	checkNotYet(t, waited, "Execute from outside a full Block pool")
	close(b.release)
	if err := recv(t, waited); err != nil {
		t.Errorf("Execute from outside after a worker freed up: %v", err)
	}
}

// TestBlockReentrantAcross: a task of one Block executor that submits to
// another, full, Block executor does not wait either: the two could be
// waiting for each other.
func TestBlockReentrantAcross(t *testing.T) {
	a := newExecutor(t, rtants.Config{Size: 1, Block: true})
	full := newExecutor(t, rtants.Config{Size: 1, Block: true})
	b := newBlocker()
	fill(t, full, b, 1)
	defer close(b.release)
	nested := make(chan error, 1)
	if err := a.Execute(runtimes.TaskFunc(func() {
		nested <- full.Execute(runtimes.TaskFunc(func() {}))
	})); err != nil {
		t.Fatal(err)
	}
	if err := recv(t, nested); !errors.Is(err, runtimes.ErrOverloaded) {
		t.Errorf("Execute from a worker of another Block executor on a full one = %v, want ErrOverloaded", err)
	}
}

// TestBlockReentrantRuntime: through the runtime, every done starts the
// next call, 10,000 deep, on a Block pool of one worker: each call ends
// with nil or ErrOverloaded, none blocks.
func TestBlockReentrantRuntime(t *testing.T) {
	rt, err := rtants.New(rtants.Config{Size: 1, Block: true})
	if err != nil {
		t.Fatal(err)
	}
	const depth = 10_000
	ended := make(chan int, 1)
	var next func(d int)
	next = func(d int) {
		rt.Start(context.Background(), 0, &probe{
			run: func(context.Context) (int, error) { return d, nil },
			done: func(_ int, err error) {
				switch {
				case err != nil && !errors.Is(err, runtimes.ErrOverloaded):
					t.Errorf("depth %d: %v", d, err)
					ended <- d
				case d == depth:
					ended <- d
				default:
					next(d + 1)
				}
			},
		})
	}
	next(1)
	if d := recv(t, ended); d != depth {
		t.Errorf("the chain ended at depth %d", d)
	}
	if err := rt.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
}
