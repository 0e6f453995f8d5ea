package stdadapt

import (
	"context"
	"testing"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/goroutine"
	"github.com/shimgen/shimgen/runtimes/inline"
	"github.com/shimgen/shimgen/runtimes/loop"
	"github.com/shimgen/shimgen/runtimes/pool"
)

// runtimesUnderTest returns the built-in runtimes, the loop running, each
// closed when the test ends.
func runtimesUnderTest(t *testing.T) map[string]*runtimes.Runtime {
	l := loop.New(loop.Config{})
	l.Start()
	rts := map[string]*runtimes.Runtime{
		"inline":    inline.New(),
		"goroutine": goroutine.New(),
		"pool":      pool.New(pool.Config{Workers: 2}),
		"loop":      l.Runtime(),
	}
	t.Cleanup(func() {
		for _, rt := range rts {
			rt.Close(context.Background())
		}
	})
	return rts
}
