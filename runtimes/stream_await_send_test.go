package runtimes_test

import (
	"context"
	"errors"
	"iter"
	"sync/atomic"
	"testing"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/goroutine"
	"github.com/shimgen/shimgen/runtimes/loop"
)

// uploadWait is what shimgen generates for the blocking form of a client
// stream `Upload(ctx, chunks iter.Seq[int]) (sum int, err error)` over a
// callback implementation.
type uploadWait struct {
	runtimes.Wait
	sum int
}

// cbUpload is the callback form of an upload: it returns the Sender the
// caller sends through, and calls done with the result.
type cbUpload func(ctx context.Context, done func(sum int, err error)) runtimes.Sender[int]

func awaitUpload(rt *runtimes.Runtime, ctx context.Context, m *runtimes.Method, items iter.Seq[int], impl cbUpload) (int, error) {
	st := &uploadWait{}
	err := runtimes.AwaitSend(rt, ctx, m, &st.Wait, items, func(ctx context.Context) runtimes.Sender[int] {
		return impl(ctx, func(sum int, err error) {
			if st.Claim() {
				st.sum = sum
				st.Finish(err)
			}
		})
	})
	return st.sum, err
}

// summer is a callback upload made of a blocking one by StartSend on rt;
// gate, when set, paces the implementation; held records the most items
// its Sender held after a Send.
type summer struct {
	rt   *runtimes.Runtime
	gate chan struct{}
	err  error // returned after the first item, if set
	held atomic.Int64
}

func (s *summer) upload(ctx context.Context, done func(int, error)) runtimes.Sender[int] {
	var sum int
	snd := runtimes.StartSend(s.rt, ctx, nil, func(ctx context.Context, items iter.Seq[int]) error {
		for v := range items {
			if s.err != nil {
				return s.err
			}
			if s.gate != nil {
				<-s.gate
			}
			sum += v
		}
		return ctx.Err()
	}, func(err error) { done(sum, err) })
	return &watched{Sender: snd, held: &s.held}
}

// watched records the most items a Sender held after a Send.
type watched struct {
	runtimes.Sender[int]
	held *atomic.Int64
}

func (w *watched) Send(v int) error {
	err := w.Sender.Send(v)
	if n := int64(runtimes.Buffered(w.Sender)); n > w.held.Load() {
		w.held.Store(n)
	}
	return err
}

// pulledFrom counts the items pulled from seq.
func pulledFrom(seq iter.Seq[int], n *atomic.Int64) iter.Seq[int] {
	return func(yield func(int) bool) {
		for v := range seq {
			n.Add(1)
			if !yield(v) {
				return
			}
		}
	}
}

// The blocking form sends every item paced by the Sender's window, over a
// callback implementation of the same runtime and of another one.
func TestAwaitSendDelivers(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t, runtimes.WithStreamWindow(2))
		other := goroutine.New(runtimes.WithStreamWindow(2))
		defer other.Close(bounded(t))
		for _, rt := range []*runtimes.Runtime{fx.rt, other} {
			s := &summer{rt: rt, gate: make(chan struct{})}
			go func() {
				for range 500 {
					s.gate <- struct{}{}
				}
			}()
			sum, err := awaitUpload(fx.rt, bounded(t), &sendMethod, seqOf(500), s.upload)
			if err != nil || sum != 500*499/2 {
				t.Errorf("got (%d, %v)", sum, err)
			}
			if h := s.held.Load(); h > 2 {
				t.Errorf("the Sender held %d items, over the window of 2", h)
			}
		}
	})
}

// An implementation that ends early stops the pulling of items.
func TestAwaitSendEndsEarly(t *testing.T) {
	errEarly := errors.New("early")
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t, runtimes.WithStreamWindow(2))
		var pulled atomic.Int64
		s := &summer{rt: fx.rt, err: errEarly}
		_, err := awaitUpload(fx.rt, bounded(t), &sendMethod, pulledFrom(seqOf(1000), &pulled), s.upload)
		if !errors.Is(err, errEarly) {
			t.Errorf("err %v, want %v", err, errEarly)
		}
		if n := pulled.Load(); n > 2+runtimes.DefaultStreamLimit/100 {
			t.Errorf("%d items pulled after the implementation ended", n)
		}
	})
}

// The caller's cancel ends the call with its error and the
// implementation's items with it; Close mid-stream ends it with ErrClosed.
func TestAwaitSendCancelAndClose(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		ended := make(chan error, 2)
		block := func(ctx context.Context, done func(int, error)) runtimes.Sender[int] {
			return runtimes.StartSend(fx.rt, ctx, nil, func(ctx context.Context, items iter.Seq[int]) error {
				for range items {
				}
				return ctx.Err()
			}, func(err error) { ended <- err; done(0, err) })
		}
		ctx, cancel := context.WithCancel(bounded(t))
		stuck := func(yield func(int) bool) {
			yield(1)
			cancel()
			<-ctx.Done()
		}
		if _, err := awaitUpload(fx.rt, ctx, &sendMethod, stuck, block); !errors.Is(err, context.Canceled) {
			t.Errorf("err %v, want context.Canceled", err)
		}
		if err := recvErr(t, ended); !errors.Is(err, context.Canceled) {
			t.Errorf("the implementation's stream ended with %v, want context.Canceled", err)
		}

		waitEnd := func(ctx context.Context, done func(int, error)) runtimes.Sender[int] {
			return runtimes.StartSend(fx.rt, ctx, nil, func(ctx context.Context, items iter.Seq[int]) error {
				<-ctx.Done()
				return ctx.Err()
			}, func(err error) { done(0, err) })
		}
		closed := make(chan error, 1)
		closing := func(yield func(int) bool) {
			yield(1)
			go func() { closed <- fx.rt.Close(bounded(t)) }()
		}
		if _, err := awaitUpload(fx.rt, bounded(t), &sendMethod, closing, waitEnd); !errors.Is(err, runtimes.ErrClosed) {
			t.Errorf("err %v, want ErrClosed", err)
		}
		if err := recvErr(t, closed); err != nil {
			t.Errorf("Close: %v", err)
		}
		if _, err := awaitUpload(fx.rt, bounded(t), &sendMethod, seqOf(1), block); !errors.Is(err, runtimes.ErrClosed) {
			t.Errorf("after Close: err %v, want ErrClosed", err)
		}
	})
}

// invoke panicking before done is the call's *PanicError; a panic in the
// caller's items is the caller's.
func TestAwaitSendPanics(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		boom := func(context.Context, func(int, error)) runtimes.Sender[int] { panic("boom") }
		var pe *runtimes.PanicError
		if _, err := awaitUpload(fx.rt, bounded(t), &sendMethod, seqOf(3), boom); !errors.As(err, &pe) || pe.Value != "boom" {
			t.Errorf("err %v, want the panic", err)
		}
		s := &summer{rt: fx.rt}
		bad := func(yield func(int) bool) { yield(0); panic("items") }
		func() {
			defer func() {
				if v := recover(); v != "items" {
					t.Errorf("recovered %v, want the items' panic", v)
				}
			}()
			awaitUpload(fx.rt, bounded(t), &sendMethod, bad, s.upload)
		}()
	})
}

// On the loop's goroutine AwaitSend would deadlock; before the loop
// starts, with nothing to end the wait, it cannot complete.
func TestAwaitSendRefusals(t *testing.T) {
	l := loop.New(loop.Config{})
	s := &summer{rt: l.Runtime()}
	if _, err := awaitUpload(l.Runtime(), context.Background(), nil, seqOf(1), s.upload); !errors.Is(err, runtimes.ErrLoopNotStarted) {
		t.Errorf("before Start: %v, want ErrLoopNotStarted", err)
	}
	runErr := l.Go()
	var err error
	if e := l.Runtime().RunOnLoop(bounded(t), func() {
		_, err = awaitUpload(l.Runtime(), context.Background(), nil, seqOf(1), s.upload)
	}); e != nil {
		t.Fatal(e)
	}
	if !errors.Is(err, runtimes.ErrWouldDeadlock) {
		t.Errorf("on the loop: %v, want ErrWouldDeadlock", err)
	}
	if err := l.Close(bounded(t)); err != nil {
		t.Error(err)
	}
	if err := recvErr(t, runErr); err != nil {
		t.Error(err)
	}
}
