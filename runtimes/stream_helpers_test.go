package runtimes_test

import (
	"context"
	"errors"
	"iter"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
)

// openFunc is a Source shaped like generated code over a blocking
// streaming method.
type openFunc func(ctx context.Context) iter.Seq2[int, error]

func (f openFunc) Open(ctx context.Context) iter.Seq2[int, error] { return f(ctx) }

// invokeFunc is a Producer shaped like generated code over a callback
// streaming method.
type invokeFunc func(ctx context.Context, each func(int) bool, done func(error))

func (f invokeFunc) Invoke(ctx context.Context, each func(int) bool, done func(error)) {
	f(ctx, each, done)
}

// direct and iterate are the two blocking forms under test.
func directSeq(rt *runtimes.Runtime, ctx context.Context, timeout time.Duration, src runtimes.Source[int]) iter.Seq2[int, error] {
	return runtimes.StreamCall[int]{}.Direct(rt, ctx, timeout, src)
}

func iterateSeq(rt *runtimes.Runtime, ctx context.Context, timeout time.Duration, p runtimes.Producer[int]) iter.Seq2[int, error] {
	return runtimes.StreamWait[int]{}.Iterate(rt, ctx, timeout, p)
}

// bounded returns a context that ends after patience: a stream that should
// end by itself and hangs instead fails the test with DeadlineExceeded.
func bounded(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	t.Cleanup(cancel)
	return ctx
}

// streamPair is one pair a stream yielded.
type streamPair struct {
	v   int
	err error
}

// pairsOf ranges over seq to its end and returns every pair it yielded.
func pairsOf(seq iter.Seq2[int, error]) []streamPair {
	var ps []streamPair
	for v, err := range seq {
		ps = append(ps, streamPair{v, err})
	}
	return ps
}

// splitPairs checks that only the last pair carries an error, with a zero
// item, and returns the items and that error.
func splitPairs(t *testing.T, ps []streamPair) (items []int, final error) {
	t.Helper()
	for i, p := range ps {
		if p.err == nil {
			items = append(items, p.v)
			continue
		}
		if i != len(ps)-1 {
			t.Errorf("pair %d of %d carries error %v: only the last may", i, len(ps), p.err)
		}
		if p.v != 0 {
			t.Errorf("final pair (%d, %v): want a zero item", p.v, p.err)
		}
		final = p.err
	}
	return items, final
}

// checkItems fails t unless items are 0, 1, ..., n-1.
func checkItems(t *testing.T, items []int, n int) {
	t.Helper()
	if len(items) != n {
		t.Errorf("got %d items, want %d", len(items), n)
	}
	for i, v := range items {
		if v != i {
			t.Errorf("item %d is %d: out of order", i, v)
			return
		}
	}
}

// coop is a cooperative callback producer of the items 0..n-1, written like
// the example of runtimes.Flow: it calls each while the flow is ready, else
// parks with OnReady until the consumer catches up. Its hooks observe it;
// they are optional.
type coop struct {
	n      int
	invoke func(ctx context.Context) // at the start of Invoke
	ready  func(i int)               // Ready returned true, each(i) is next
	park   func(i int)               // Ready returned false: about to call OnReady
	resume func()                    // an OnReady function starts
	refuse func(i int)               // each(i) returned false
	finish func()                    // done is next
}

func (c *coop) Invoke(ctx context.Context, each func(int) bool, done func(error)) {
	if c.invoke != nil {
		c.invoke(ctx)
	}
	flow := runtimes.FlowOf(ctx)
	i := 0
	var step func()
	step = func() {
		for ; i < c.n; i++ {
			if !flow.Ready() {
				if c.park != nil {
					c.park(i)
				}
				flow.OnReady(func() {
					if c.resume != nil {
						c.resume()
					}
					step()
				})
				return
			}
			if c.ready != nil {
				c.ready(i)
			}
			if !each(i) {
				if c.refuse != nil {
					c.refuse(i)
				}
				break
			}
		}
		if c.finish != nil {
			c.finish()
		}
		done(nil)
	}
	step()
}

// flight measures the items in flight between a producer and a consumer:
// produced (counted before each is called) minus consumed (counted when the
// loop body receives the item).
type flight struct {
	produced, consumed, max atomic.Int64
}

// produce counts an item about to be passed to each and returns the items
// in flight, that one included.
func (f *flight) produce() int64 {
	in := f.produced.Add(1) - f.consumed.Load()
	for {
		m := f.max.Load()
		if in <= m || f.max.CompareAndSwap(m, in) {
			return in
		}
	}
}

func (f *flight) consume() { f.consumed.Add(1) }

// signal is a one-shot event; fire is safe from any goroutine, any number
// of times.
type signal struct {
	once sync.Once
	ch   chan struct{}
}

func newSignal() *signal { return &signal{ch: make(chan struct{})} }

func (s *signal) fire() { s.once.Do(func() { close(s.ch) }) }

func (s *signal) fired() bool {
	select {
	case <-s.ch:
		return true
	default:
		return false
	}
}

// wait reports whether s fires within patience.
func (s *signal) wait() bool {
	select {
	case <-s.ch:
		return true
	case <-time.After(patience):
		return false
	}
}

// await fails t at once if s does not fire within patience.
func (s *signal) await(t *testing.T, what string) {
	t.Helper()
	if !s.wait() {
		t.Fatalf("timed out waiting for %s", what)
	}
}

// deadlineCase is one way for a stream's deadline to pass: the call's
// timeout, or the caller's own deadline, alone or first.
type deadlineCase struct {
	name    string
	ctx     context.Context
	timeout time.Duration
}

func deadlineCases(t *testing.T) []deadlineCase {
	short, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	t.Cleanup(cancel)
	return []deadlineCase{
		{"timeout", context.Background(), time.Millisecond},
		{"caller's deadline", short, 0},
		{"caller's deadline first", short, time.Hour},
	}
}

// checkPanicEnd checks that a stream ended with the *PanicError of value,
// raised in the function named frame.
func checkPanicEnd(t *testing.T, err error, value any, frame string) {
	t.Helper()
	var pe *runtimes.PanicError
	if !errors.As(err, &pe) {
		t.Fatalf("final error %v, want a *PanicError", err)
	}
	if pe.Value != value || !stackMentions(pe, frame) {
		t.Errorf("PanicError{%v, stack %q}", pe.Value, pe.Stack)
	}
}
