package runtimes_test

import (
	"testing"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/internal/soak"
	"github.com/shimgen/shimgen/runtimes/pool"
)

// TestSoak runs the soak (see package internal/soak) on every built-in
// runtime, on a pool small enough to overload, on a small Block pool, and
// on two runtimes that
// inject faults: their loop (and executor) refuse work at a random point,
// once or from then on, sometimes after a delay, and delay tasks; there the
// loop stops in the middle of streams.
//
// The number of calls per runtime is -soak=N (go test -run TestSoak
// -soak=1000000), else $SHIMGEN_SOAK, else 20000 (4000 with -short).
func TestSoak(t *testing.T) {
	soak.Run(t, soakRuntimes(), soak.Calls(t, 20000))
}

func soakRuntimes() []soak.Runtime {
	var rs []soak.Runtime
	for _, a := range adapters {
		rs = append(rs, soak.Runtime{Name: a.name, Overload: a.name == "pool", Open: func(o ...runtimes.Option) (*runtimes.Runtime, func() error) {
			rt, l := a.open(o...)
			if l == nil {
				return rt, nil
			}
			return rt, soak.Ended(l.Go())
		}})
	}
	return append(rs,
		soak.Runtime{Name: "pool-small", Overload: true, MustOverload: true, Open: func(o ...runtimes.Option) (*runtimes.Runtime, func() error) {
			return pool.New(pool.Config{Workers: 2, Queue: 2}, o...), nil
		}},
		soak.Runtime{Name: "pool-block", Overload: true, Open: func(o ...runtimes.Option) (*runtimes.Runtime, func() error) {
			return pool.New(pool.Config{Workers: 2, Queue: 2, Block: true}, o...), nil
		}},
		soak.Runtime{Name: "fault-loop", Faults: true, Open: func(o ...runtimes.Option) (*runtimes.Runtime, func() error) {
			return newFaultRuntime(faults{}, randomFaults(4*soak.Round), o...), nil
		}},
		soak.Runtime{Name: "fault-both", Faults: true, Open: func(o ...runtimes.Option) (*runtimes.Runtime, func() error) {
			return newFaultRuntime(randomFaults(2*soak.Round), randomFaults(4*soak.Round), o...), nil
		}})
}
