package runtimes_test

import (
	"context"
	"iter"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/shimgen/shimgen/runtimes"
)

// pumped is what a pump saw.
type pumped struct {
	sent    int   // items Send accepted
	err     error // the Send that failed, if any
	maxHeld int   // the most items the Sender held right after a Send
}

// pump sends 0..n-1 through s as a well-behaved callback-form caller
// does: while Ready, else it parks with OnReady. It calls CloseSend after
// the last item unless a Send failed. The result arrives once it is over.
func pump(s runtimes.Sender[int], n int) <-chan pumped {
	ch := make(chan pumped, 1)
	var p pumped
	var step func()
	step = func() {
		for ; p.sent < n; p.sent++ {
			if !s.Ready() {
				s.OnReady(step)
				return
			}
			if p.err = s.Send(p.sent); p.err != nil {
				ch <- p
				return
			}
			p.maxHeld = max(p.maxHeld, runtimes.Buffered(s))
		}
		s.CloseSend()
		ch <- p
	}
	step()
	return ch
}

// collector is a blocking client-stream implementation that records the
// items it pulls; gate, when set, is waited on before each item is taken
// in, which makes the implementation as slow as the test likes.
type collector struct {
	mu    sync.Mutex
	items []int
	gate  chan struct{}
}

func (c *collector) run(ctx context.Context, items iter.Seq[int]) error {
	for v := range items {
		if c.gate != nil {
			select {
			case <-c.gate:
			case <-ctx.Done():
			}
		}
		c.mu.Lock()
		c.items = append(c.items, v)
		c.mu.Unlock()
	}
	return ctx.Err()
}

func (c *collector) got() []int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.items)
}

// seqOf is the iterator of 0..n-1.
func seqOf(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

// doneOnce returns a done callback that fails t if it is called twice, and
// the channel its error arrives on.
func doneOnce(t *testing.T) (func(error), <-chan error) {
	ch := make(chan error, 1)
	var calls atomic.Int32
	return func(err error) {
		if calls.Add(1) != 1 {
			t.Errorf("done called again with %v", err)
			return
		}
		ch <- err
	}, ch
}
