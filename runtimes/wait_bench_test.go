package runtimes_test

import (
	"context"
	"testing"

	"github.com/shimgen/shimgen/runtimes"
)

// BenchmarkWait measures the blocking form over a callback implementation
// (Runtime.Wait with a Waiter) on every built-in runtime, with and without
// a misuse handler: allocs/op is the cost of one call, the caller's Waiter
// object included.
func BenchmarkWait(b *testing.B) {
	impls := []struct {
		name   string
		invoke func(context.Context, func(int, error))
	}{
		{"sync", func(_ context.Context, done func(int, error)) { done(1, nil) }},
	}
	handlers := []struct {
		name string
		opts []runtimes.Option
	}{
		{"plain", nil},
		{"misuse", []runtimes.Option{runtimes.WithMisuseHandler(func(error) {})}},
	}
	for _, a := range adapters {
		for _, h := range handlers {
			for _, im := range impls {
				b.Run(a.name+"/"+h.name+"/"+im.name, func(b *testing.B) {
					rt, l := a.open(h.opts...)
					if l != nil {
						l.Start()
					}
					defer rt.Close(context.Background())
					ctx := context.Background()
					b.ReportAllocs()
					for range b.N {
						if err := rt.Wait(ctx, 0, newWaiter(im.invoke)); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		}
	}
}
