package runtimes_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/shimgen/shimgen/runtimes"
)

// inboxSum is a callback upload written by hand with Receive; gate, when
// set, makes recv wait; stopAt, when > 0, has recv Stop the inbox at that
// item with errStopAt.
type inboxSum struct {
	rt     *runtimes.Runtime
	gate   chan struct{}
	stopAt int
	mu     sync.Mutex
	got    []int
	ends   int
}

var errStopAt = errors.New("stopped by the implementation")

func (s *inboxSum) upload(ctx context.Context, done func(int, error)) runtimes.Sender[int] {
	sum := 0
	var in *runtimes.Inbox[int]
	in = runtimes.Receive(s.rt, ctx, func(v int) {
		if s.gate != nil {
			<-s.gate
		}
		s.mu.Lock()
		s.got = append(s.got, v)
		s.mu.Unlock()
		sum += v
		if s.stopAt > 0 && v == s.stopAt {
			in.Stop(errStopAt)
		}
	}, func(err error) {
		s.mu.Lock()
		s.ends++
		s.mu.Unlock()
		done(sum, err)
	})
	return in
}

func (s *inboxSum) check(t *testing.T, items []int) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if !slices.Equal(s.got, items) {
		t.Errorf("received %v, want %v", s.got, items)
	}
	if s.ends != 1 {
		t.Errorf("closed ran %d times", s.ends)
	}
}

func TestInboxUnderAwaitSend(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t, runtimes.WithStreamWindow(2))
		s := &inboxSum{rt: fx.rt}
		sum, err := awaitUpload(fx.rt, bounded(t), &sendMethod, seqOf(300), s.upload)
		if err != nil || sum != 300*299/2 {
			t.Errorf("got (%d, %v)", sum, err)
		}
		s.check(t, ints(300))

		s = &inboxSum{rt: fx.rt, stopAt: 5}
		if _, err := awaitUpload(fx.rt, bounded(t), &sendMethod, seqOf(300), s.upload); !errors.Is(err, errStopAt) {
			t.Errorf("err %v, want %v", err, errStopAt)
		}
		s.check(t, ints(6))
	})
}

// A slow receiver keeps the inbox within the window for a caller that
// respects Ready, and cuts off one that does not at the limit.
func TestInboxBackpressure(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		if a.name != "loop" {
			t.Skip("without a loop, Send receives the item before it returns")
		}
		fx := a.fixture(t, runtimes.WithStreamWindow(2), runtimes.WithStreamLimit(4))
		s := &inboxSum{rt: fx.rt, gate: make(chan struct{})}
		done, errs := doneOnce(t)
		in := s.upload(bounded(t), func(_ int, err error) { done(err) })
		pumpc := pump(in, 500)
		for range 500 {
			s.gate <- struct{}{}
			if n := runtimes.Buffered(in); n > 2 {
				t.Fatalf("the inbox holds %d items, over the window", n)
			}
		}
		if p := recv(t, pumpc); p.err != nil || p.maxHeld > 2 {
			t.Errorf("pump: %+v", p)
		}
		if err := recvErr(t, errs); err != nil {
			t.Errorf("closed(%v)", err)
		}
		s.check(t, ints(500))

		s = &inboxSum{rt: fx.rt, gate: make(chan struct{})}
		done, errs = doneOnce(t)
		in = s.upload(bounded(t), func(_ int, err error) { done(err) })
		var err error
		for i := 0; err == nil && i < 100; i++ {
			err = in.Send(i)
			if n := runtimes.Buffered(in); n > 4 {
				t.Fatalf("the inbox holds %d items, over the limit", n)
			}
		}
		if !errors.Is(err, runtimes.ErrStreamOverflow) {
			t.Errorf("Send: %v, want ErrStreamOverflow", err)
		}
		close(s.gate)
		if err := recvErr(t, errs); !errors.Is(err, runtimes.ErrStreamOverflow) {
			t.Errorf("closed(%v), want ErrStreamOverflow", err)
		}
		if err := in.Send(0); !errors.Is(err, runtimes.ErrStreamDone) {
			t.Errorf("Send after the end: %v", err)
		}
	})
}

// The end of ctx and Close end the inbox with their cause, once.
func TestInboxContextAndClose(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		ctx, cancel := context.WithCancel(bounded(t))
		s := &inboxSum{rt: fx.rt}
		done, errs := doneOnce(t)
		in := s.upload(ctx, func(_ int, err error) { done(err) })
		if err := in.Send(1); err != nil {
			t.Fatal(err)
		}
		cancel()
		if err := recvErr(t, errs); !errors.Is(err, context.Canceled) {
			t.Errorf("closed(%v), want context.Canceled", err)
		}
		in.CloseSend()
		in.(*runtimes.Inbox[int]).Stop(nil) // closed ran already: nothing

		s = &inboxSum{rt: fx.rt}
		done, errs = doneOnce(t)
		in = s.upload(bounded(t), func(_ int, err error) { done(err) })
		go fx.rt.Close(bounded(t))
		if err := recvErr(t, errs); !errors.Is(err, runtimes.ErrClosed) {
			t.Errorf("closed(%v), want ErrClosed", err)
		}
		if err := in.Send(1); !errors.Is(err, runtimes.ErrStreamDone) {
			t.Errorf("Send: %v, want ErrStreamDone", err)
		}
	})
}
