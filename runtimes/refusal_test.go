package runtimes_test

import (
	"context"
	"errors"
	"testing"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/goroutine"
	"github.com/shimgen/shimgen/runtimes/internal/goid"
	"github.com/shimgen/shimgen/runtimes/loop"
	"github.com/shimgen/shimgen/runtimes/pool"
)

// poolAdapters are the adapters whose executor is a 1-worker pool with room
// for 1 queued task.
func poolAdapters(block bool) []adapter {
	cfg := pool.Config{Workers: 1, Queue: 1, Block: block}
	return []adapter{
		{"pool", func(o ...runtimes.Option) (*runtimes.Runtime, *loop.Loop) {
			return pool.New(cfg, o...), nil
		}},
		{"loop", func(o ...runtimes.Option) (*runtimes.Runtime, *loop.Loop) {
			l := loop.New(loop.Config{Executor: pool.NewExecutor(cfg)}, o...)
			return l.Runtime(), l
		}},
	}
}

func TestStartOverloaded(t *testing.T) {
	for _, a := range poolAdapters(false) {
		t.Run(a.name, func(t *testing.T) {
			fx := a.fixture(t)
			g := newGate()
			running := fx.start(context.Background(), 0, g.run(1))
			<-g.entered
			queued := fx.start(context.Background(), 0, g.run(2))
			me := goid.Current()
			o := recv(t, fx.start(context.Background(), 0, g.run(3)))
			if !errors.Is(o.err, runtimes.ErrOverloaded) {
				t.Errorf("err = %v, want ErrOverloaded", o.err)
			}
			fx.checkContext(t, o, me)
			close(g.open)
			for i, ch := range []<-chan outcome{running, queued} {
				if o := recv(t, ch); o.v != i+1 || o.err != nil {
					t.Errorf("call %d: got (%d, %v)", i+1, o.v, o.err)
				}
			}
		})
	}
}

func TestStartBlocksWhenFull(t *testing.T) {
	for _, a := range poolAdapters(true) {
		t.Run(a.name, func(t *testing.T) {
			fx := a.fixture(t)
			g := newGate()
			fx.start(context.Background(), 0, g.run(1))
			<-g.entered
			fx.start(context.Background(), 0, g.run(2))
			started := make(chan (<-chan outcome), 1)
			go func() { started <- fx.start(context.Background(), 0, g.run(3)) }()
			checkNotYet(t, started, "Start on a full blocking pool returning")
			close(g.open)
			if o := recv(t, recv(t, started)); o.v != 3 || o.err != nil {
				t.Errorf("blocked call: got (%d, %v)", o.v, o.err)
			}
		})
	}
}

// refusing is an executor or loop that refuses everything.
type refusing struct{ err error }

func (r refusing) Execute(runtimes.Task) error { return r.err }
func (r refusing) Post(runtimes.Task) error    { return r.err }

func TestStartFailureDelivery(t *testing.T) {
	errNo := errors.New("no")
	me := goid.Current()
	start := func(t *testing.T, rt *runtimes.Runtime) outcome {
		ch := make(chan outcome, 2)
		rt.Start(context.Background(), 0, &probe{run: value(1), done: func(v int, err error) {
			ch <- outcome{v: v, err: err, gid: goid.Current(), onLoop: rt.OnLoop()}
		}})
		return recv(t, ch)
	}
	t.Run("refused everywhere: a new goroutine", func(t *testing.T) {
		o := start(t, runtimes.New(refusing{errNo}, nil))
		if !errors.Is(o.err, errNo) || o.gid == me {
			t.Errorf("got %v on goroutine %d (caller %d)", o.err, o.gid, me)
		}
	})
	t.Run("refused by the executor: on the loop", func(t *testing.T) {
		l := loop.New(loop.Config{Executor: refusing{errNo}})
		l.Start()
		defer l.Close(context.Background())
		if o := start(t, l.Runtime()); !errors.Is(o.err, errNo) || !o.onLoop {
			t.Errorf("got %v, on the loop: %v", o.err, o.onLoop)
		}
	})
	t.Run("loop refuses finished work: ErrClosed on the worker", func(t *testing.T) {
		rt := runtimes.New(goroutine.New().Executor(), refusing{runtimes.ErrClosed})
		if o := start(t, rt); !errors.Is(o.err, runtimes.ErrClosed) || o.v != 1 || o.gid == me {
			t.Errorf("got (%d, %v) on goroutine %d (caller %d)", o.v, o.err, o.gid, me)
		}
	})
	t.Run("loop refuses a failure: a new goroutine", func(t *testing.T) {
		rt := runtimes.New(refusing{errNo}, refusing{runtimes.ErrClosed})
		if o := start(t, rt); !errors.Is(o.err, errNo) || o.gid == me {
			t.Errorf("got %v on goroutine %d (caller %d)", o.err, o.gid, me)
		}
	})
}
