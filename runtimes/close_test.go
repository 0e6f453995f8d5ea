package runtimes_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/internal/goid"
	"github.com/shimgen/shimgen/runtimes/loop"
)

// inFlight starts n gated calls, each from its own goroutine (an inline
// runtime runs them on the caller), and returns once every Run is entered.
func inFlight(fx *fixture, g *gate, n int) []<-chan outcome {
	chs := make([]chan (<-chan outcome), n)
	for i := range chs {
		chs[i] = make(chan (<-chan outcome), 1)
		go func() { chs[i] <- fx.start(context.Background(), 0, g.run(i)) }()
	}
	for range n {
		<-g.entered
	}
	outs := make([]<-chan outcome, n)
	for i := range chs {
		outs[i] = flatten(chs[i])
	}
	return outs
}

// flatten forwards the outcome of a start made on another goroutine.
func flatten(ch <-chan (<-chan outcome)) <-chan outcome {
	out := make(chan outcome, 1)
	go func() { out <- <-<-ch }()
	return out
}

func checkInFlight(t *testing.T, outs []<-chan outcome) {
	t.Helper()
	for i, ch := range outs {
		if o := recv(t, ch); o.v != i || o.err != nil {
			t.Errorf("in-flight call %d: got (%d, %v)", i, o.v, o.err)
		}
	}
}

func TestCloseDrains(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		g := newGate()
		outs := inFlight(fx, g, 3)
		closed := make(chan error, 3)
		for range 3 {
			go func() { closed <- fx.rt.Close(context.Background()) }()
		}
		checkNotYet(t, closed, "Close with calls in flight returning")
		if !fx.rt.Closed() {
			t.Error("Closed() = false after Close")
		}
		me := goid.Current()
		o := recv(t, fx.start(context.Background(), 0, value(1)))
		if !errors.Is(o.err, runtimes.ErrClosed) {
			t.Errorf("Start after Close: %v", o.err)
		}
		fx.checkContext(t, o, me)
		if err := fx.rt.Wait(context.Background(), 0, newWaiter(nil)); !errors.Is(err, runtimes.ErrClosed) {
			t.Errorf("Wait after Close: %v", err)
		}
		close(g.open)
		checkInFlight(t, outs)
		for range 3 {
			if err := recvErr(t, closed); err != nil {
				t.Errorf("Close: %v", err)
			}
		}
	})
}

func TestCloseExpiredContextDrainsInBackground(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		g := newGate()
		outs := inFlight(fx, g, 2)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := fx.rt.Close(ctx); !errors.Is(err, context.Canceled) {
			t.Errorf("Close(canceled) = %v, want context.Canceled", err)
		}
		close(g.open)
		checkInFlight(t, outs)
		if fx.loop != nil { // the loop stops by itself once drained
			if err := recvErr(t, fx.runErr); err != nil {
				t.Errorf("Run: %v", err)
			}
			fx.runErr = ranAlready()
		}
		// The cleanup closes again and checks that no goroutine is left.
	})
}

func TestCloseWaitsForWait(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		held := make(chan func(int, error), 1)
		w := newWaiter(func(_ context.Context, done func(int, error)) { held <- done })
		waited := make(chan error, 1)
		go func() { waited <- fx.rt.Wait(context.Background(), 0, w) }()
		done := recv(t, held)
		closed := make(chan error, 1)
		go func() { closed <- fx.rt.Close(context.Background()) }()
		checkNotYet(t, closed, "Close with a Wait in progress returning")
		done(5, nil)
		if err := recvErr(t, waited); err != nil || w.v != 5 {
			t.Errorf("Wait: (%d, %v)", w.v, err)
		}
		if err := recvErr(t, closed); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
}

func TestCloseFromLoop(t *testing.T) {
	fx := adapters[3].fixture(t)
	g := newGate()
	outs := inFlight(fx, g, 1)
	closed := make(chan error, 1)
	if err := fx.loop.Post(runtimes.TaskFunc(func() {
		closed <- fx.rt.Close(context.Background())
	})); err != nil {
		t.Fatal(err)
	}
	if err := recvErr(t, closed); err != nil {
		t.Errorf("Close on the loop: %v", err)
	}
	checkNotYet(t, fx.runErr, "Run returning before the drain")
	close(g.open)
	checkInFlight(t, outs)
	if err := recvErr(t, fx.runErr); err != nil {
		t.Errorf("Run: %v", err)
	}
	fx.runErr = ranAlready()
	if err := fx.loop.Post(runtimes.TaskFunc(func() {})); !errors.Is(err, runtimes.ErrClosed) {
		t.Errorf("Post after the loop stopped: %v", err)
	}
}

// closeLog records Close calls of an executor and a loop.
type closeLog struct {
	mu    sync.Mutex
	names []string
	rt    *runtimes.Runtime
}

type loggedExec struct {
	runtimes.Executor
	name string
	log  *closeLog
}

type loggedLoop struct {
	*loop.Loop
	name string
	log  *closeLog
}

func (l *closeLog) add(name string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.names = append(l.names, name)
	return errors.New(name)
}

func (e loggedExec) Close(context.Context) error { return e.log.add(e.name) }
func (l loggedLoop) Close(context.Context) error { return l.log.add(l.name) }

func TestCloseClosesExecutorThenLoop(t *testing.T) {
	log := &closeLog{}
	l := loop.New(loop.Config{})
	l.Start()
	defer l.Close(context.Background())
	rt := runtimes.New(loggedExec{l.Runtime().Executor(), "exec", log}, loggedLoop{l, "loop", log})
	g := newGate()
	fx := &fixture{rt: rt}
	outs := inFlight(fx, g, 1)
	closed := make(chan error, 1)
	go func() { closed <- rt.Close(context.Background()) }()
	checkNotYet(t, closed, "Close returning")
	if len(log.names) != 0 {
		t.Fatalf("closed %v before the drain", log.names)
	}
	close(g.open)
	checkInFlight(t, outs)
	err := recvErr(t, closed)
	if err == nil || err.Error() != "exec\nloop" {
		t.Errorf("Close = %v, want the joined errors of exec and loop", err)
	}
	if err2 := rt.Close(context.Background()); err2 == nil || err2.Error() != err.Error() {
		t.Errorf("second Close = %v, want %v", err2, err)
	}
}

// ranAlready stands for the Run result the test took already, for the
// cleanup.
func ranAlready() <-chan error {
	ch := make(chan error, 1)
	ch <- nil
	return ch
}
