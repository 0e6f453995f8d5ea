package runtimes_test

import (
	"context"
	"errors"
	"iter"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/internal/goid"
)

// source is a blocking producer, as generated code's Open is.
type source func(ctx context.Context) iter.Seq2[int, error]

func (s source) Open(ctx context.Context) iter.Seq2[int, error] { return s(ctx) }

// producer yields 0, 1, … up to n items (forever if n < 0), then err. It
// counts what it produced and records when its iterator returned.
type producer struct {
	n        int
	err      error
	panicAt  int // panic instead of yielding this item (when > 0)
	blockAt  int // wait for ctx to end instead of yielding this item (when > 0)
	opened   atomic.Bool
	produced atomic.Int64
	returned chan struct{}
}

func newProducer(n int) *producer { return &producer{n: n, returned: make(chan struct{})} }

func (p *producer) source() source {
	return func(ctx context.Context) iter.Seq2[int, error] {
		p.opened.Store(true)
		return func(yield func(int, error) bool) {
			defer close(p.returned)
			for i := 0; p.n < 0 || i < p.n; i++ {
				switch {
				case p.panicAt > 0 && i == p.panicAt:
					panic("producer exploded")
				case p.blockAt > 0 && i == p.blockAt:
					<-ctx.Done()
					return
				}
				p.produced.Add(1)
				if !yield(i, nil) {
					return
				}
			}
			if p.err != nil {
				yield(0, p.err)
			}
		}
	}
}

// streamed is what a callback-form consumer saw.
type streamed struct {
	items      []int
	err        error
	misplaced  bool // some each or done ran outside the completion context
	overlapped bool // two callbacks ran at once
	returned   bool // the producer's iterator had returned when done ran
}

// consumer is the callback side of a StreamCall stream.
type consumer struct {
	fx      *fixture
	caller  uint64
	stopAt  int         // each returns false on this item (when >= 0)
	onItem  func(v int) // called by each, if set
	inside  atomic.Bool // a callback is running
	got     streamed    // written by the callbacks only
	prod    *producer   // checked at done
	results chan streamed
}

func (fx *fixture) consumer(p *producer) *consumer {
	return &consumer{fx: fx, caller: goid.Current(), stopAt: -1, prod: p, results: make(chan streamed, 2)}
}

// start starts the stream of c.prod.
func (c *consumer) start(ctx context.Context, timeout time.Duration) {
	c.fx.starts.Add(1)
	runtimes.StreamCall[int]{}.Start(c.fx.rt, ctx, timeout, c.prod.source(), c.each, c.done)
}

func (c *consumer) enter() {
	if c.inside.Swap(true) {
		c.got.overlapped = true
	}
	if !c.fx.where(c.caller) {
		c.got.misplaced = true
	}
}

func (c *consumer) each(v int) bool {
	c.enter()
	defer c.inside.Store(false)
	c.got.items = append(c.got.items, v)
	if c.onItem != nil {
		c.onItem(v)
	}
	return v != c.stopAt
}

func (c *consumer) done(err error) {
	c.enter()
	defer c.inside.Store(false)
	c.fx.completions.Add(1)
	c.got.err = err
	select {
	case <-c.prod.returned:
		c.got.returned = true
	default:
	}
	c.results <- c.got
}

// where reports whether the calling goroutine is the completion context.
func (fx *fixture) where(caller uint64) bool {
	switch {
	case fx.loop != nil:
		return fx.rt.OnLoop()
	case fx.inline:
		return goid.Current() == caller
	}
	return goid.Current() != caller
}

func ints(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func checkStreamed(t *testing.T, got streamed, items []int, err error) {
	t.Helper()
	if !slices.Equal(got.items, items) {
		t.Errorf("items %v, want %v", got.items, items)
	}
	if !errors.Is(got.err, err) || (err == nil && got.err != nil) {
		t.Errorf("done(%v), want %v", got.err, err)
	}
	if got.misplaced {
		t.Error("a callback ran outside the completion context")
	}
	if got.overlapped {
		t.Error("two callbacks ran at once")
	}
}

func TestStreamCallDelivers(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		p := newProducer(100)
		c := fx.consumer(p)
		c.start(context.Background(), 0)
		got := recv(t, c.results)
		checkStreamed(t, got, ints(100), nil)
		if !got.returned {
			t.Error("done ran before the producer's iterator returned")
		}
	})
}

func TestStreamCallEnds(t *testing.T) {
	cases := []struct {
		name  string
		prod  func() *producer
		items []int
		err   error
	}{
		{"error", func() *producer { p := newProducer(3); p.err = errBoom; return p }, ints(3), errBoom},
		{"empty", func() *producer { return newProducer(0) }, nil, nil},
	}
	forEach(t, func(t *testing.T, a adapter) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				fx := a.fixture(t)
				c := fx.consumer(tc.prod())
				c.start(context.Background(), 0)
				checkStreamed(t, recv(t, c.results), tc.items, tc.err)
			})
		}
	})
}

func TestStreamCallPanic(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		p := newProducer(-1)
		p.panicAt = 2
		c := fx.consumer(p)
		c.start(context.Background(), 0)
		got := recv(t, c.results)
		var pe *runtimes.PanicError
		if !errors.As(got.err, &pe) || pe.Value != "producer exploded" {
			t.Fatalf("done(%v), want the producer's panic", got.err)
		}
		got.err = nil
		checkStreamed(t, got, ints(2), nil)
	})
}

func TestStreamCallStop(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t, runtimes.WithStreamWindow(4))
		p := newProducer(-1)
		c := fx.consumer(p)
		c.stopAt = 5
		c.start(context.Background(), 0)
		got := recv(t, c.results)
		checkStreamed(t, got, ints(6), nil)
		if !got.returned {
			t.Error("done ran before the producer's iterator returned")
		}
		limit := int64(6)
		if fx.loop != nil {
			limit += 4 // the window
		}
		if n := p.produced.Load(); n > limit {
			t.Errorf("produced %d items after a stop at item 5, want at most %d", n, limit)
		}
	})
}

// TestStreamCallWindow holds the consumer on its first item and checks how
// far the producer runs ahead: the window on a loop, nothing without one
// (each runs between two items of the producer).
func TestStreamCallWindow(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t, runtimes.WithStreamWindow(4))
		p := newProducer(50)
		c := fx.consumer(p)
		var ahead atomic.Int64
		c.onItem = func(v int) {
			if v == 0 {
				time.Sleep(brief)
				ahead.Store(p.produced.Load() - 1) // item 0 is delivered
			}
		}
		c.start(context.Background(), 0)
		checkStreamed(t, recv(t, c.results), ints(50), nil)
		want := int64(0)
		if fx.loop != nil {
			want = 4
		}
		if n := ahead.Load(); n > want {
			t.Errorf("%d items produced ahead of the consumer holding the first, want at most %d", n, want)
		}
	})
}

// TestStreamCallSlowConsumer checks that memory stays flat when the consumer
// is much slower than the producer: the items in flight never exceed the
// window.
func TestStreamCallSlowConsumer(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		const window = 8
		fx := a.fixture(t, runtimes.WithStreamWindow(window))
		p := newProducer(2000)
		c := fx.consumer(p)
		var delivered, worst int64
		c.onItem = func(int) {
			delivered++
			worst = max(worst, p.produced.Load()-delivered)
			spin(2 * time.Microsecond)
		}
		c.start(context.Background(), 0)
		checkStreamed(t, recv(t, c.results), ints(2000), nil)
		if worst > window {
			t.Errorf("%d items in flight at worst, want at most %d", worst, window)
		}
	})
}

// spin burns d of CPU without yielding to the scheduler.
func spin(d time.Duration) {
	for end := time.Now().Add(d); time.Now().Before(end); {
	}
}

func TestStreamCallContextEnds(t *testing.T) {
	cases := []struct {
		name    string
		blockAt int // the producer waits for ctx at this item; 0: it ignores ctx
		timeout time.Duration
		err     error
	}{
		{"cancel, producer waits on ctx", 3, 0, context.Canceled},
		{"cancel, producer ignores ctx", 0, 0, context.Canceled},
		{"deadline", 3, 10 * time.Millisecond, context.DeadlineExceeded},
	}
	forEach(t, func(t *testing.T, a adapter) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				fx := a.fixture(t)
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				p := newProducer(-1)
				p.blockAt = tc.blockAt
				c := fx.consumer(p)
				if tc.timeout == 0 {
					c.onItem = func(v int) {
						if v == 2 {
							cancel()
						}
					}
				}
				c.start(ctx, tc.timeout)
				got := recv(t, c.results)
				if !errors.Is(got.err, tc.err) {
					t.Errorf("done(%v), want %v", got.err, tc.err)
				}
				if len(got.items) < 3 || !slices.Equal(got.items, ints(len(got.items))) {
					t.Errorf("items %v, want 0, 1, 2, … in order", got.items)
				}
				if !got.returned {
					t.Error("done ran before the producer's iterator returned")
				}
			})
		}
	})
}

func TestStreamCallClose(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		if a.name == "inline" {
			t.Skip("inline runs the whole stream inside Start")
		}
		fx := a.fixture(t)
		p := newProducer(-1)
		p.blockAt = 1
		c := fx.consumer(p)
		c.start(context.Background(), 0)
		closed := make(chan error, 1)
		go func() {
			for p.produced.Load() < 1 {
				time.Sleep(time.Millisecond)
			}
			closed <- fx.rt.Close(context.Background())
		}()
		got := recv(t, c.results)
		checkStreamed(t, got, ints(1), runtimes.ErrClosed)
		if err := recvErr(t, closed); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
}

func TestStreamCallRefused(t *testing.T) {
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	forEach(t, func(t *testing.T, a adapter) {
		t.Run("closed", func(t *testing.T) {
			fx := a.fixture(t)
			if err := fx.rt.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
			p := newProducer(3)
			c := fx.consumer(p)
			c.start(context.Background(), 0)
			got := recv(t, c.results)
			got.misplaced = false // the loop is gone: done runs where it can (see Close)
			checkStreamed(t, got, nil, runtimes.ErrClosed)
			if p.opened.Load() {
				t.Error("Open was called on a closed runtime")
			}
		})
		t.Run("context done", func(t *testing.T) {
			fx := a.fixture(t)
			p := newProducer(3)
			c := fx.consumer(p)
			c.start(canceled, 0)
			checkStreamed(t, recv(t, c.results), nil, context.Canceled)
			if p.opened.Load() {
				t.Error("Open was called with a done context")
			}
		})
	})
}

func TestStreamCallEachPanics(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		panics := make(chan *runtimes.PanicError, 2)
		fx := a.fixture(t, runtimes.WithCallbackPanicHandler(func(pe *runtimes.PanicError) { panics <- pe }))
		p := newProducer(-1)
		c := fx.consumer(p)
		c.onItem = func(v int) {
			if v == 1 {
				c.inside.Store(false)
				panic("consumer exploded")
			}
		}
		c.start(context.Background(), 0)
		got := recv(t, c.results)
		checkStreamed(t, got, ints(2), nil)
		if pe := recv(t, panics); pe.Value != "consumer exploded" {
			t.Errorf("handler got %v", pe.Value)
		}
	})
}
