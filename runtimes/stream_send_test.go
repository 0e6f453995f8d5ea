package runtimes_test

import (
	"context"
	"errors"
	"iter"
	"slices"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
)

var sendMethod = runtimes.Method{Interface: "Blob", Name: "Upload"}

// A well-behaved caller sends every item, in order, and done follows the
// implementation's return, once, on every runtime; the Sender never holds
// more than the window.
func TestStartSendDelivers(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t, runtimes.WithStreamWindow(3))
		c := &collector{}
		done, errs := doneOnce(t)
		s := runtimes.StartSend(fx.rt, bounded(t), &sendMethod, c.run, done)
		p := recv(t, pump(s, 100))
		if p.err != nil || p.sent != 100 {
			t.Fatalf("pump: %+v", p)
		}
		if p.maxHeld > 3 {
			t.Errorf("the Sender held %d items, over the window of 3", p.maxHeld)
		}
		if err := recvErr(t, errs); err != nil {
			t.Errorf("done(%v)", err)
		}
		if got := c.got(); !slices.Equal(got, ints(100)) {
			t.Errorf("items %v", got)
		}
		if err := s.Send(1); !errors.Is(err, runtimes.ErrSendClosed) {
			t.Errorf("Send after CloseSend: %v", err)
		}
	})
}

// A side a thousand times slower than its caller keeps memory flat: the
// Sender holds at most the window, whoever is slow.
func TestStartSendSlowImplementation(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t, runtimes.WithStreamWindow(2))
		c := &collector{gate: make(chan struct{})}
		done, errs := doneOnce(t)
		s := runtimes.StartSend(fx.rt, bounded(t), &sendMethod, c.run, done)
		pumpc := pump(s, 1000)
		for range 1000 {
			c.gate <- struct{}{} // one item at a time, as slowly as we like
			if n := runtimes.Buffered(s); n > 2 {
				t.Fatalf("the Sender holds %d items, over the window of 2", n)
			}
		}
		p := recv(t, pumpc)
		if p.err != nil || p.maxHeld > 2 {
			t.Errorf("pump: %+v", p)
		}
		if err := recvErr(t, errs); err != nil {
			t.Errorf("done(%v)", err)
		}
		checkItems(t, c.got(), 1000)
	})
}

// A caller that ignores Ready is cut off at the limit with
// ErrStreamOverflow, and the Sender never holds more than the limit.
func TestStartSendOverflow(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t, runtimes.WithStreamWindow(2), runtimes.WithStreamLimit(5))
		c := &collector{gate: make(chan struct{})}
		done, errs := doneOnce(t)
		s := runtimes.StartSend(fx.rt, bounded(t), &sendMethod, c.run, done)
		var err error
		sent := 0
		for ; sent < 100; sent++ {
			if err = s.Send(sent); err != nil {
				break
			}
			if n := runtimes.Buffered(s); n > 5 {
				t.Fatalf("the Sender holds %d items, over the limit of 5", n)
			}
		}
		if !errors.Is(err, runtimes.ErrStreamOverflow) || sent > 6 {
			t.Errorf("Send %d: %v, want ErrStreamOverflow at 6 at the latest", sent, err)
		}
		if err := recvErr(t, errs); !errors.Is(err, runtimes.ErrStreamOverflow) {
			t.Errorf("done(%v), want ErrStreamOverflow", err)
		}
		if err := s.Send(0); !errors.Is(err, runtimes.ErrStreamDone) {
			t.Errorf("Send after the end: %v, want ErrStreamDone", err)
		}
	})
}

// An implementation that returns early stops the sender: a caller waiting
// for room learns it through OnReady, and its next Send fails.
func TestStartSendImplementationReturnsEarly(t *testing.T) {
	errEarly := errors.New("early")
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t, runtimes.WithStreamWindow(1))
		took := make(chan struct{})
		release := make(chan struct{})
		done, errs := doneOnce(t)
		s := runtimes.StartSend(fx.rt, bounded(t), &sendMethod, func(ctx context.Context, items iter.Seq[int]) error {
			for range items {
				close(took)
				<-release
				return errEarly
			}
			return nil
		}, done)
		if err := s.Send(0); err != nil {
			t.Fatal(err)
		}
		<-took
		if err := s.Send(1); err != nil { // fills the window of 1
			t.Fatal(err)
		}
		if s.Ready() {
			t.Fatal("Ready with a full window")
		}
		woke := newSignal()
		s.OnReady(woke.fire)
		checkNotYet(t, woke.ch, "OnReady before the implementation returned")
		close(release)
		woke.await(t, "OnReady after the implementation returned")
		if err := s.Send(2); !errors.Is(err, runtimes.ErrStreamDone) {
			t.Errorf("Send: %v, want ErrStreamDone", err)
		}
		if err := recvErr(t, errs); !errors.Is(err, errEarly) {
			t.Errorf("done(%v), want %v", err, errEarly)
		}
	})
}

// The caller's cancel ends the implementation's items and done gets the
// context's error; so does the deadline of the method's timeout.
func TestStartSendContextEnds(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		ctx, cancel := context.WithCancel(bounded(t))
		took := make(chan struct{})
		ended := make(chan bool, 1) // whether the items ended with ctx
		done, errs := doneOnce(t)
		s := runtimes.StartSend(fx.rt, ctx, &sendMethod, func(ctx context.Context, items iter.Seq[int]) error {
			for range items {
				close(took)
			}
			ended <- ctx.Err() != nil
			return nil
		}, done)
		if err := s.Send(7); err != nil {
			t.Fatal(err)
		}
		<-took // the implementation waits for the next item
		cancel()
		if !recv(t, ended) {
			t.Error("the items ended before the context")
		}
		if err := recvErr(t, errs); !errors.Is(err, context.Canceled) {
			t.Errorf("done(%v), want context.Canceled", err)
		}
		if err := s.Send(8); !errors.Is(err, runtimes.ErrStreamDone) {
			t.Errorf("Send: %v, want ErrStreamDone", err)
		}

		m := runtimes.Method{Timeout: 20 * time.Millisecond}
		done, errs = doneOnce(t)
		runtimes.StartSend(fx.rt, bounded(t), &m, (&collector{}).run, done)
		if err := recvErr(t, errs); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("done(%v), want DeadlineExceeded", err)
		}
	})
}

// A panic of the implementation reaches done as a *PanicError.
func TestStartSendPanics(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		done, errs := doneOnce(t)
		s := runtimes.StartSend(fx.rt, bounded(t), &sendMethod, func(ctx context.Context, items iter.Seq[int]) error {
			for range items {
				panic("boom")
			}
			return nil
		}, done)
		if err := s.Send(0); err != nil {
			t.Fatal(err)
		}
		var pe *runtimes.PanicError
		if err := recvErr(t, errs); !errors.As(err, &pe) || pe.Value != "boom" {
			t.Errorf("done(%v), want the panic", err)
		}
	})
}

// A closed runtime refuses the stream, and Close in the middle of one
// ends it with ErrClosed.
func TestStartSendClose(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		c := &collector{}
		done, errs := doneOnce(t)
		s := runtimes.StartSend(fx.rt, bounded(t), &sendMethod, c.run, done)
		if err := s.Send(0); err != nil {
			t.Fatal(err)
		}
		closed := make(chan error, 1)
		go func() { closed <- fx.rt.Close(bounded(t)) }()
		if err := recvErr(t, errs); !errors.Is(err, runtimes.ErrClosed) {
			t.Errorf("done(%v), want ErrClosed", err)
		}
		if err := recvErr(t, closed); err != nil {
			t.Errorf("Close: %v", err)
		}
		done, errs = doneOnce(t)
		s = runtimes.StartSend(fx.rt, bounded(t), &sendMethod, c.run, done)
		if err := recvErr(t, errs); !errors.Is(err, runtimes.ErrClosed) {
			t.Errorf("after Close: done(%v), want ErrClosed", err)
		}
		if err := s.Send(0); !errors.Is(err, runtimes.ErrStreamDone) {
			t.Errorf("Send after the refusal: %v", err)
		}
	})
}

// An overloaded pool refuses the stream with ErrOverloaded.
func TestStartSendOverloaded(t *testing.T) {
	for _, a := range poolAdapters(false) {
		t.Run(a.name, func(t *testing.T) {
			fx := a.fixture(t)
			g := newGate()
			running := fx.start(context.Background(), 0, g.run(1))
			<-g.entered
			queued := fx.start(context.Background(), 0, g.run(2))
			done, errs := doneOnce(t)
			runtimes.StartSend(fx.rt, bounded(t), &sendMethod, (&collector{}).run, done)
			if err := recvErr(t, errs); !errors.Is(err, runtimes.ErrOverloaded) {
				t.Errorf("done(%v), want ErrOverloaded", err)
			}
			close(g.open)
			recv(t, running)
			recv(t, queued)
		})
	}
}
