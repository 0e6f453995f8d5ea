package loop

import (
	"context"

	"github.com/shimgen/shimgen/runtimes"
)

// binding is the loop as its runtime sees it: Post and OnLoop as the loop's,
// and a Close that stops the loop (the runtime calls it once drained), while
// Loop.Close closes the runtime.
type binding Loop

func (b *binding) Post(t runtimes.Task) error { return (*Loop)(b).Post(t) }

func (b *binding) OnLoop() bool { return (*Loop)(b).OnLoop() }

func (b *binding) Started() bool { return (*Loop)(b).Started() }

// Close makes Run return once the queue is empty, and waits for that if Run
// is in progress, or for the end of ctx.
func (b *binding) Close(ctx context.Context) error {
	l := (*Loop)(b)
	l.mu.Lock()
	l.stopping = true
	var exited chan struct{}
	if l.active {
		exited = l.exited
	}
	l.mu.Unlock()
	l.signal()
	if exited == nil {
		return nil
	}
	select {
	case <-exited:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
