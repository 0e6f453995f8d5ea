//go:build js && wasm

package wasm_test

import (
	"testing"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/internal/soak"
	"github.com/shimgen/shimgen/runtimes/wasm"
)

// TestSoak runs the runtimes' soak on the JavaScript event loop: the
// adapter as New builds it, and one whose executor and loop refuse work at
// a random point (once or from then on, sometimes after a delay; a loop
// refusing from then on is a loop that stopped in the middle of streams)
// and whose executor delays tasks. The loop itself cannot be made to
// delay a task: JavaScript runs the batch.
//
// -soak=N sets the calls per runtime; the default is 4000 (800 with
// -short): everything shares the one JavaScript thread.
func TestSoak(t *testing.T) {
	soak.Run(t, []soak.Runtime{
		{Name: "wasm", Open: func(o ...runtimes.Option) (*runtimes.Runtime, func() error) {
			return wasm.New(o...), nil
		}},
		{Name: "wasm-fault", Faults: true, Open: func(o ...runtimes.Option) (*runtimes.Runtime, func() error) {
			exec := soak.NewFaultExec(soak.RandomFaults(2 * soak.Round))
			loop := soak.Refusing(wasm.NewLoop(), soak.RandomFaults(4*soak.Round))
			return runtimes.New(exec, loop, o...), nil
		}},
	}, soak.Calls(t, 4000))
}
