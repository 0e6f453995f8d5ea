package goja_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gojajs "github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/eventloop"
	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/goja"
)

// pipe is a hand-written callback form of client and bidirectional
// streams over blocking implementations, built with the runtimes helpers
// like generated code.
type pipe struct {
	rt        *runtimes.Runtime
	exec      runtimes.Executor // nil: goja.New's default
	delay     time.Duration     // before each item is taken
	stopAfter int               // Sum returns after that many items (0: never)
	produced  atomic.Int64      // items JavaScript made (it calls produced())
	taken     atomic.Int64      // items the implementations took
	lag       atomic.Int64      // the most items made and not yet taken, as the implementation saw it
	once      sync.Once
	canceled  chan struct{} // closed once an implementation saw its context end
}

// sawCancel records that an implementation saw its context end.
func (p *pipe) sawCancel() { p.once.Do(func() { close(p.canceled) }) }

// waitCancel fails the test unless an implementation sees its context end
// soon (the runtime may report the end before the implementation returns).
// The implementation must have started: a stream whose context ends before
// it runs never calls it.
func (p *pipe) waitCancel(t *testing.T) {
	t.Helper()
	select {
	case <-p.canceled:
	case <-time.After(5 * time.Second):
		t.Error("the implementation did not see its context end")
	}
}

var (
	sumMethod   = runtimes.Method{Interface: "Pipe", Name: "Sum"}
	joinMethod  = runtimes.Method{Interface: "Pipe", Name: "Join"}
	shoutMethod = runtimes.Method{Interface: "Pipe", Name: "Shout"}
)

// take records one item taken: it sleeps for delay and notes the lag.
func (p *pipe) take() {
	time.Sleep(p.delay)
	n := p.taken.Add(1)
	lag := p.produced.Load() - n
	for {
		m := p.lag.Load()
		if lag <= m || p.lag.CompareAndSwap(m, lag) {
			return
		}
	}
}

// Sum adds the numbers sent to base, and counts them. A negative number
// fails, 13 panics; base 99 panics at once, before the stream starts. It
// fails with the context's error if the items ended early.
func (p *pipe) Sum(ctx context.Context, base int, done func(sum, n int, err error)) runtimes.Sender[int] {
	if base == 99 {
		panic("sum refused")
	}
	var sum, n int
	run := func(ctx context.Context, items iter.Seq[int]) error {
		sum = base
		for v := range items {
			p.take()
			switch {
			case v < 0:
				return fmt.Errorf("negative item %d", v)
			case v == 13:
				panic("unlucky")
			}
			sum, n = sum+v, n+1
			if n == p.stopAfter {
				return nil
			}
		}
		if err := ctx.Err(); err != nil {
			p.sawCancel()
			return err
		}
		return nil
	}
	return runtimes.StartSend(p.rt, ctx, &sumMethod, run, func(err error) { done(sum, n, err) })
}

// Broken returns no Sender, and never calls done.
func (p *pipe) Broken(ctx context.Context, done func(error)) runtimes.Sender[int] { return nil }

// Join joins the chunks sent with sep.
func (p *pipe) Join(ctx context.Context, sep []byte, done func(data []byte, err error)) runtimes.Sender[[]byte] {
	var out []byte
	run := func(ctx context.Context, items iter.Seq[[]byte]) error {
		first := true
		for b := range items {
			if !first {
				out = append(out, sep...)
			}
			first = false
			out = append(out, b...)
		}
		return ctx.Err()
	}
	return runtimes.StartSend(p.rt, ctx, &joinMethod, run, func(err error) { done(out, err) })
}

// Shout answers each message with prefix+message; "boom" fails the stream.
func (p *pipe) Shout(ctx context.Context, prefix []byte, each func(string) bool, done func(error)) runtimes.Sender[string] {
	open := func(ctx context.Context, items iter.Seq[string]) iter.Seq2[string, error] {
		return func(yield func(string, error) bool) {
			for m := range items {
				p.take()
				if m == "boom" {
					yield("", errors.New("shout failed"))
					return
				}
				if !yield(string(prefix)+m, nil) {
					return
				}
			}
			if ctx.Err() != nil {
				p.sawCancel()
			}
		}
	}
	return runtimes.StartBidi(p.rt, ctx, &shoutMethod, open, each, done)
}

// runPipe runs script on a fresh loop with p exposed as pipe, report(v)
// collecting values, produced() counting an item made, and cancel()
// ending the context the pipe was exposed with.
func runPipe(t *testing.T, p *pipe, script string, opts ...runtimes.Option) []any {
	t.Helper()
	loop := eventloop.NewEventLoop(eventloop.EnableConsole(false))
	p.rt = goja.New(loop, p.exec, opts...)
	p.canceled = make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var reports []any
	var runErr error
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		loop.Run(func(vm *gojajs.Runtime) {
			vm.Set("pipe", goja.ExposeContext(ctx, p.rt, vm, p))
			vm.Set("report", func(v gojajs.Value) { reports = append(reports, v.Export()) })
			vm.Set("produced", func() { p.produced.Add(1) })
			vm.Set("cancel", cancel)
			_, runErr = vm.RunString(script)
		})
	}()
	select {
	case <-finished:
	case <-time.After(20 * time.Second):
		t.Fatal("loop.Run did not return")
	}
	if runErr != nil {
		t.Fatal(runErr)
	}
	cctx, ccancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer ccancel()
	if err := p.rt.Close(cctx); err != nil {
		t.Fatal(err)
	}
	return reports
}

// expect fails the test unless got prints as want.
func expect(t *testing.T, got []any, want string) {
	t.Helper()
	if fmt.Sprint(got) != want {
		t.Fatalf("reports\n got %v\nwant %v", got, want)
	}
}

// inlineExec runs tasks on the caller's goroutine, and says so.
type inlineExec struct{}

func (inlineExec) Execute(t runtimes.Task) error { t.Run(); return nil }
func (inlineExec) Inline() bool                  { return true }
