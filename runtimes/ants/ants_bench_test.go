package ants_test

import (
	"context"
	"runtime"
	"sync"
	"testing"

	"github.com/panjf2000/ants/v2"
	"github.com/shimgen/shimgen/runtimes"
	rtants "github.com/shimgen/shimgen/runtimes/ants"
	"github.com/shimgen/shimgen/runtimes/pool"
)

// tiny is an allocation-free task: it marks itself done.
type tiny struct{ wg *sync.WaitGroup }

func (t tiny) Run() { t.wg.Done() }

// benchExecute measures Execute throughput of e from parallel producers, with
// GOMAXPROCS workers waiting for space, including the time to run every task.
func benchExecute(b *testing.B, e runtimes.Executor) {
	var wg sync.WaitGroup
	task := &tiny{&wg}
	wg.Add(b.N)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := e.Execute(task); err != nil {
				b.Error(err)
				wg.Done()
			}
		}
	})
	wg.Wait()
	b.StopTimer()
	if c, ok := e.(runtimes.Closer); ok {
		if err := c.Close(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAntsExecute runs tiny tasks on an ants executor of GOMAXPROCS
// workers in blocking mode.
func BenchmarkAntsExecute(b *testing.B) {
	e, err := rtants.NewExecutor(rtants.Config{Size: runtime.GOMAXPROCS(0), Block: true})
	if err != nil {
		b.Fatal(err)
	}
	benchExecute(b, e)
}

// BenchmarkAntsExecuteUnbounded is BenchmarkAntsExecute with the default,
// unbounded size.
func BenchmarkAntsExecuteUnbounded(b *testing.B) {
	e, err := rtants.NewExecutor(rtants.Config{})
	if err != nil {
		b.Fatal(err)
	}
	benchExecute(b, e)
}

// BenchmarkAntsExecuteWrap is BenchmarkAntsExecute over a wrapped ants.Pool,
// which takes a closure per task.
func BenchmarkAntsExecuteWrap(b *testing.B) {
	p, err := ants.NewPool(runtime.GOMAXPROCS(0), rtants.PoolOptions()...)
	if err != nil {
		b.Fatal(err)
	}
	defer p.Release()
	benchExecute(b, rtants.Wrap(p))
}

// BenchmarkPoolExecute runs the same tasks on the built-in pool adapter with
// its defaults (GOMAXPROCS workers, a queue of 1024) in blocking mode.
func BenchmarkPoolExecute(b *testing.B) {
	benchExecute(b, pool.NewExecutor(pool.Config{Block: true}))
}
