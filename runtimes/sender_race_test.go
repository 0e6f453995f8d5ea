package runtimes_test

import (
	"context"
	"iter"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/shimgen/shimgen/runtimes"
)

// Every Sender the runtime makes is safe from any goroutine: concurrent
// senders, each paced by Ready and OnReady, lose no item.
func TestSendersConcurrent(t *testing.T) {
	const senders, each = 8, 100
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t, runtimes.WithStreamWindow(4))
		var got atomic.Int64
		makers := map[string]func(done func(error)) runtimes.Sender[int]{
			"StartSend": func(done func(error)) runtimes.Sender[int] {
				return runtimes.StartSend(fx.rt, bounded(t), &sendMethod, func(ctx context.Context, items iter.Seq[int]) error {
					for range items {
						got.Add(1)
					}
					return nil
				}, done)
			},
			"Receive": func(done func(error)) runtimes.Sender[int] {
				return runtimes.Receive(fx.rt, bounded(t), func(int) { got.Add(1) }, done)
			},
		}
		for name, mk := range makers {
			got.Store(0)
			done, errs := doneOnce(t)
			s := mk(done)
			var wg sync.WaitGroup
			for range senders {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := 0; i < each; {
						if !s.Ready() {
							ready := newSignal()
							s.OnReady(ready.fire)
							ready.await(t, "OnReady")
							continue
						}
						if err := s.Send(i); err != nil {
							t.Errorf("%s: Send: %v", name, err)
							return
						}
						i++
					}
				}()
			}
			wg.Wait()
			s.CloseSend()
			if err := recvErr(t, errs); err != nil {
				t.Errorf("%s: done(%v)", name, err)
			}
			if n := got.Load(); n != senders*each {
				t.Errorf("%s: %d items received, want %d", name, n, senders*each)
			}
		}
	})
}
