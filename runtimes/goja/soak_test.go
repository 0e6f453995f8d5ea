package goja_test

import (
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/dop251/goja_nodejs/eventloop"
	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/goja"
	"github.com/shimgen/shimgen/runtimes/internal/soak"
)

// TestSoak runs the runtimes' soak on goja's event loop: a loop started
// with Start, and one whose executor refuses work at a random point (once
// or from then on, sometimes after a delay) and delays tasks, and whose
// loop is terminated at a random point of the traffic (the loop stopping in
// the middle of streams: RunOnLoop refuses from then on). goja's loop
// offers no other fault: a loop refusing a single task and then taking
// more again does not exist there.
//
// -soak=N sets the calls per runtime; the default is 10000 (2000 with
// -short).
func TestSoak(t *testing.T) {
	soak.Run(t, []soak.Runtime{
		{Name: "goja", Open: func(o ...runtimes.Option) (*runtimes.Runtime, func() error) {
			el := eventloop.NewEventLoop(eventloop.EnableConsole(false))
			el.Start()
			return goja.New(el, nil, o...), func() error { el.Terminate(); return nil }
		}},
		{Name: "goja-fault", Faults: true, Open: func(o ...runtimes.Option) (*runtimes.Runtime, func() error) {
			el := eventloop.NewEventLoop(eventloop.EnableConsole(false))
			el.Start()
			exec := &terminating{FaultExec: soak.NewFaultExec(soak.RandomFaults(2 * soak.Round)), el: el, at: 1 + rand.Int64N(4*soak.Round)}
			return goja.New(el, exec, o...), func() error { exec.terminate(); exec.wg.Wait(); return nil }
		}},
	}, soak.Calls(t, 10000))
}

// terminating is an executor that terminates the event loop (from a
// goroutine of its own) when its at-th task is handed to it.
type terminating struct {
	*soak.FaultExec
	el   *eventloop.EventLoop
	at   int64
	n    atomic.Int64
	once sync.Once
	wg   sync.WaitGroup
}

func (e *terminating) Execute(t runtimes.Task) error {
	if e.n.Add(1) == e.at {
		e.wg.Add(1)
		go func() { defer e.wg.Done(); e.terminate() }()
	}
	return e.FaultExec.Execute(t)
}

func (e *terminating) terminate() { e.once.Do(e.el.Terminate) }
