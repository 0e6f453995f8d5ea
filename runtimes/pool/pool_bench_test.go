package pool_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/shimgen/shimgen/runtimes/pool"
)

// counter is an allocation-free task.
type counter struct{ n atomic.Int64 }

func (c *counter) Run() { c.n.Add(1) }

// BenchmarkExecute measures Execute throughput from parallel producers into
// a blocking pool, including the time to drain it.
func BenchmarkExecute(b *testing.B) {
	e := pool.NewExecutor(pool.Config{Block: true})
	var c counter
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := e.Execute(&c); err != nil {
				b.Error(err)
				return
			}
		}
	})
	if err := e.Close(context.Background()); err != nil {
		b.Fatal(err)
	}
	if c.n.Load() != int64(b.N) {
		b.Fatalf("%d tasks ran, want %d", c.n.Load(), b.N)
	}
}

// BenchmarkExecuteSerial measures Execute from one producer.
func BenchmarkExecuteSerial(b *testing.B) {
	e := pool.NewExecutor(pool.Config{Block: true})
	var c counter
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if err := e.Execute(&c); err != nil {
			b.Fatal(err)
		}
	}
	if err := e.Close(context.Background()); err != nil {
		b.Fatal(err)
	}
}
