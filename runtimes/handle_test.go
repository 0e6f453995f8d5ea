package runtimes_test

import (
	"context"
	"errors"
	"iter"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
)

// handle is what a method returns that goes on using the call's context
// after the method returned: a response body, a reader, rows. Read fails
// once the context has ended, and watches Done as a network read does.
type handle struct{ ctx context.Context }

func (h *handle) Read() error {
	select {
	case <-h.ctx.Done():
		return h.ctx.Err()
	default:
		return nil
	}
}

// ended waits until the handle's context ends and returns Read's error.
func (h *handle) ended(t *testing.T) error {
	t.Helper()
	select {
	case <-h.ctx.Done():
	case <-time.After(patience):
		t.Fatal("the handle's context did not end")
	}
	return h.Read()
}

// handlePath returns handles through one of the runtime's paths: each call
// returns the handles the implementation made with the call's context.
type handlePath struct {
	name string
	get  func(rt *runtimes.Runtime, ctx context.Context, timeout time.Duration) ([]*handle, error)
}

// startState is the state of a StartFunc call returning a handle, shaped
// like generated code.
type startState struct {
	c    runtimes.Call
	h    *handle
	done func(*handle, error)
}

func startStep(p any, ctx context.Context, err error) error {
	s := p.(*startState)
	if ctx != nil {
		s.h = &handle{ctx}
		return nil
	}
	s.done(s.h, err)
	return nil
}

// waitState is the state of a WaitFunc call returning a handle.
type waitState struct {
	w runtimes.Wait
	h *handle
}

func waitInvoke(p any, ctx context.Context) {
	s := p.(*waitState)
	h := &handle{ctx} // the callback implementation
	if s.w.Claim() {
		s.h = h
		s.w.Finish(nil)
	}
}

// handleSource and handleProducer stream three handles.
type handleSource struct{}

func (handleSource) Open(ctx context.Context) iter.Seq2[*handle, error] {
	return func(yield func(*handle, error) bool) {
		for range 3 {
			if !yield(&handle{ctx}, nil) {
				return
			}
		}
	}
}

type handleProducer struct{}

func (handleProducer) Invoke(ctx context.Context, each func(*handle) bool, done func(error)) {
	for range 3 {
		if !each(&handle{ctx}) {
			break
		}
	}
	done(nil)
}

func collectHandles(seq iter.Seq2[*handle, error]) ([]*handle, error) {
	var hs []*handle
	for h, err := range seq {
		if err != nil {
			return hs, err
		}
		hs = append(hs, h)
	}
	return hs, nil
}

var handlePaths = []handlePath{
	{"StartFunc", func(rt *runtimes.Runtime, ctx context.Context, timeout time.Duration) ([]*handle, error) {
		type res struct {
			h   *handle
			err error
		}
		ch := make(chan res, 1)
		s := &startState{done: func(h *handle, err error) { ch <- res{h, err} }}
		rt.StartFunc(ctx, &runtimes.Method{Timeout: timeout}, &s.c, s, startStep)
		r := <-ch
		return []*handle{r.h}, r.err
	}},
	{"WaitFunc", func(rt *runtimes.Runtime, ctx context.Context, timeout time.Duration) ([]*handle, error) {
		s := &waitState{}
		err := rt.WaitFunc(ctx, &runtimes.Method{Timeout: timeout}, &s.w, s, waitInvoke)
		return []*handle{s.h}, err
	}},
	{"Admit", func(rt *runtimes.Runtime, ctx context.Context, timeout time.Duration) (hs []*handle, err error) {
		var pass runtimes.Pass // as generated code does
		if ctx, err = rt.Admit(ctx, &runtimes.Method{Timeout: timeout}, &pass); err != nil {
			return nil, err
		}
		defer rt.Release(&pass, &err)
		return []*handle{{ctx}}, nil
	}},
	{"StreamCall.Start", func(rt *runtimes.Runtime, ctx context.Context, timeout time.Duration) ([]*handle, error) {
		var hs []*handle
		ch := make(chan error, 1)
		runtimes.StreamCall[*handle]{}.Start(rt, ctx, timeout, handleSource{},
			func(h *handle) bool { hs = append(hs, h); return true },
			func(err error) { ch <- err })
		err := <-ch
		return hs, err
	}},
	{"StreamCall.Direct", func(rt *runtimes.Runtime, ctx context.Context, timeout time.Duration) ([]*handle, error) {
		return collectHandles(runtimes.StreamCall[*handle]{}.Direct(rt, ctx, timeout, handleSource{}))
	}},
	{"StreamWait.Iterate", func(rt *runtimes.Runtime, ctx context.Context, timeout time.Duration) ([]*handle, error) {
		return collectHandles(runtimes.StreamWait[*handle]{}.Iterate(rt, ctx, timeout, handleProducer{}))
	}},
}

// TestHandleOutlivesCall: with a spec timeout, what a call returns keeps
// working after the call returned (on the old code the context was canceled
// on return), and ends with the caller's context.
func TestHandleOutlivesCall(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		for _, p := range handlePaths {
			t.Run(p.name, func(t *testing.T) {
				fx := a.fixture(t)
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				hs, err := p.get(fx.rt, ctx, time.Hour)
				if err != nil || len(hs) == 0 {
					t.Fatalf("got %d handles, %v", len(hs), err)
				}
				for i, h := range hs {
					if err := h.Read(); err != nil {
						t.Fatalf("handle %d after the call returned: %v", i, err)
					}
					if d, ok := h.ctx.Deadline(); !ok || time.Until(d) < 30*time.Minute {
						t.Errorf("handle %d: deadline %v, %v", i, d, ok)
					}
				}
				cancel()
				for i, h := range hs {
					if err := h.ended(t); !errors.Is(err, context.Canceled) {
						t.Errorf("handle %d after the caller's context ended: %v", i, err)
					}
				}
			})
		}
	})
}

// TestHandleEndsAtDeadline: what a call returns fails once the deadline has
// passed. The timeout grows until a call completes within it.
func TestHandleEndsAtDeadline(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		for _, p := range handlePaths {
			t.Run(p.name, func(t *testing.T) {
				fx := a.fixture(t)
				for timeout := 10 * time.Millisecond; ; timeout *= 2 {
					if timeout > patience {
						t.Fatal("no call completed within its timeout")
					}
					hs, err := p.get(fx.rt, context.Background(), timeout)
					if errors.Is(err, context.DeadlineExceeded) {
						continue // too slow a machine for this timeout
					}
					if err != nil || len(hs) == 0 {
						t.Fatalf("got %d handles, %v", len(hs), err)
					}
					for i, h := range hs {
						if err := h.ended(t); !errors.Is(err, context.DeadlineExceeded) {
							t.Errorf("handle %d after the deadline: %v", i, err)
						}
					}
					return
				}
			})
		}
	})
}
