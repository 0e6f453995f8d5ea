package workq

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
)

// TestBlockWakesEveryWaiter: with more Execute calls waiting for space
// than the queue holds, a worker that goes idle must wake a waiter: the
// waiter woken by the pop before may have handed its task to that idle
// worker directly, leaving the queue empty and no pop to wake the others.
// On the old code, producers now and then slept for ever with the queue
// empty and the workers idle.
func TestBlockWakesEveryWaiter(t *testing.T) {
	const rounds, producers, each = 500, 8, 50
	for round := range rounds {
		p := New(Config{Workers: 1, Limit: 1, Block: true})
		var wg sync.WaitGroup
		for range producers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range each {
					if err := p.Execute(runtimes.TaskFunc(func() {})); err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
		done := make(chan struct{})
		go func() { wg.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			p.mu.Lock()
			q, idle, blocked := p.q.len(), len(p.idle), p.blocked
			p.mu.Unlock()
			t.Fatalf("round %d: producers still waiting: queue %d, idle workers %d, waiting %d", round, q, idle, blocked)
		}
		if err := p.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
}
