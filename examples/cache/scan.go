package cache

import (
	"context"
	"slices"
	"strings"

	"github.com/shimgen/shimgen/runtimes"
)

// Item is one entry yielded by Scan.
type Item struct {
	Key   string
	Value []byte
}

// scan is one Scan in progress: a loop-owned cursor over the keys that
// matched when it started.
type scan struct {
	s    *Store
	ctx  context.Context
	keys []string
	i    int
	each func(Item) bool
	done func(error)
	flow *runtimes.Flow
}

// Scan yields the live entries whose key starts with prefix, in key order.
// The keys are those present when Scan is called; each value is read when
// its item is yielded, so an entry deleted or expired meanwhile is skipped
// and a value set meanwhile is the new one.
//
// Scan is a flow-controlled producer: it yields items in steps posted to
// the loop and, when the blocking form consumes it, pauses whenever the
// consumer's window is full (runtimes.FlowOf), resuming on the loop once the
// consumer has caught up. So a slow consumer of a large cache holds at most
// a window of items, and the loop stays free between steps.
func (s *Store) Scan(ctx context.Context, prefix string, each func(item Item) bool, done func(err error)) {
	s.mustBeOnLoop("Scan")
	sc := &scan{s: s, ctx: ctx, each: each, done: done, flow: runtimes.FlowOf(ctx)}
	if err := s.admit(ctx); err != nil {
		s.post(func() { done(err) })
		return
	}
	for key := range s.entries {
		if strings.HasPrefix(key, prefix) {
			sc.keys = append(sc.keys, key)
		}
	}
	slices.Sort(sc.keys)
	s.post(sc.step)
}

// step yields items until the keys run out, the consumer stops, the context
// ends, the store closes or the flow asks for a pause. It runs on the loop.
func (sc *scan) step() {
	for ; sc.i < len(sc.keys); sc.i++ {
		if err := sc.s.admit(sc.ctx); err != nil {
			sc.done(err)
			return
		}
		if !sc.flow.Ready() {
			sc.flow.OnReady(sc.step)
			return
		}
		e := sc.s.live(sc.keys[sc.i])
		if e == nil {
			continue
		}
		if !sc.each(Item{Key: sc.keys[sc.i], Value: e.value}) {
			break
		}
	}
	sc.done(nil)
}
