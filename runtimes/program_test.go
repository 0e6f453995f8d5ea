package runtimes_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/loop"
	"github.com/shimgen/shimgen/runtimes/pool"
)

// TestProgramStyle is a loop program: many goroutines start calls and wait
// on loop-native implementations, and every done callback and every Invoke
// mutates plain, unlocked state. It relies on the loop alone for mutual
// exclusion; -race checks that it suffices.
func TestProgramStyle(t *testing.T) {
	fx := adapters[3].fixture(t)
	const producers, calls = 8, 200
	seen := map[int]int{} // loop-owned
	total := 0            // loop-owned
	var wg sync.WaitGroup
	for p := range producers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range calls {
				fx.starts.Add(1)
				fx.rt.Start(context.Background(), time.Minute, &probe{run: value(p), done: func(v int, err error) {
					fx.completions.Add(1)
					seen[v]++
					total++
				}})
				if i%20 == 0 {
					fx.rt.Wait(context.Background(), 0, newWaiter(func(_ context.Context, done func(int, error)) {
						total += 1000
						done(0, nil)
					}))
				}
			}
		}()
	}
	wg.Wait()
	if err := fx.loop.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if want := producers*calls + producers*calls/20*1000; total != want {
		t.Errorf("total = %d, want %d", total, want)
	}
	for p := range producers {
		if seen[p] != calls {
			t.Errorf("producer %d: %d completions, want %d", p, seen[p], calls)
		}
	}
}

// allocCall is a minimal Caller that signals its completion.
type allocCall struct {
	runtimes.Call
	done chan struct{}
}

func (c *allocCall) Run(context.Context) error { return nil }
func (c *allocCall) Complete(error)            { c.done <- struct{}{} }

// TestStartAllocations checks that Start with timeout 0 allocates nothing but
// the caller's own object, in steady state, on the loop and pool runtimes.
func TestStartAllocations(t *testing.T) {
	l := loop.New(loop.Config{})
	l.Start()
	cases := []struct {
		name string
		rt   *runtimes.Runtime
	}{
		{"loop", l.Runtime()},
		{"pool", pool.New(pool.Config{})},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			defer tc.rt.Close(context.Background())
			done := make(chan struct{})
			ctx := context.Background()
			reused := &allocCall{done: done}
			if n := testing.AllocsPerRun(1000, func() {
				tc.rt.Start(ctx, 0, reused)
				<-done
			}); n != 0 {
				t.Errorf("%v allocations per call with a reused Caller, want 0", n)
			}
			allocs := testing.AllocsPerRun(1000, func() {
				tc.rt.Start(ctx, 0, &allocCall{done: done})
				<-done
			})
			t.Logf("%v allocations per call", allocs)
			if allocs > 1 {
				t.Errorf("%v allocations per call, want <= 1 (the caller's object)", allocs)
			}
		})
	}
}
