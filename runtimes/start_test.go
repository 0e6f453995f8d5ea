package runtimes_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes/internal/goid"
)

var errBoom = errors.New("boom")

func TestStartCompletes(t *testing.T) {
	cases := []struct {
		name    string
		run     func(context.Context) (int, error)
		wantV   int
		wantErr error
	}{
		{"value", value(42), 42, nil},
		{"error", func(context.Context) (int, error) { return 7, errBoom }, 7, errBoom},
	}
	forEach(t, func(t *testing.T, a adapter) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				fx := a.fixture(t)
				me := goid.Current()
				var runOnLoop, runOnCaller atomic.Bool
				ch := fx.start(context.Background(), 0, func(ctx context.Context) (int, error) {
					runOnLoop.Store(fx.rt.OnLoop())
					runOnCaller.Store(goid.Current() == me)
					return tc.run(ctx)
				})
				if fx.inline && len(ch) == 0 {
					t.Fatal("inline: done did not run before Start returned")
				}
				o := recv(t, ch)
				if o.v != tc.wantV || !errors.Is(o.err, tc.wantErr) {
					t.Errorf("got (%d, %v), want (%d, %v)", o.v, o.err, tc.wantV, tc.wantErr)
				}
				fx.checkContext(t, o, me)
				if runOnLoop.Load() {
					t.Error("Run ran on the loop")
				}
				if runOnCaller.Load() != fx.inline {
					t.Errorf("Run on the caller's goroutine: %v", runOnCaller.Load())
				}
			})
		}
	})
}

func TestStartContextDone(t *testing.T) {
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	cases := []struct {
		name string
		ctx  func() context.Context
	}{
		{"before Start", func() context.Context { return canceled }},
		{"on the worker before Run", func() context.Context {
			return &flipCtx{Context: context.Background()}
		}},
	}
	forEach(t, func(t *testing.T, a adapter) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				fx := a.fixture(t)
				me := goid.Current()
				var ran atomic.Bool
				o := recv(t, fx.start(tc.ctx(), 0, func(context.Context) (int, error) {
					ran.Store(true)
					return 1, nil
				}))
				if !errors.Is(o.err, context.Canceled) || o.v != 0 {
					t.Errorf("got (%d, %v), want (0, context.Canceled)", o.v, o.err)
				}
				if ran.Load() {
					t.Error("Run was called")
				}
				fx.checkContext(t, o, me)
			})
		}
	})
}

func TestStartTimeoutDeadline(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		var runCtx context.Context
		begin := time.Now()
		ch := make(chan error, 1)
		fx.starts.Add(1)
		p := &probe{run: func(ctx context.Context) (int, error) {
			runCtx = ctx
			return 0, nil
		}}
		p.done = func(_ int, err error) {
			fx.completions.Add(1)
			if runCtx.Err() != nil {
				err = errors.New("Run's context ended before its deadline (it bounds the results too)")
			}
			ch <- err
		}
		fx.rt.Start(context.Background(), time.Hour, p)
		if err := recvErr(t, ch); err != nil {
			t.Fatal(err)
		}
		d, ok := runCtx.Deadline()
		if !ok || d.Before(begin.Add(time.Hour)) || d.After(time.Now().Add(time.Hour)) {
			t.Errorf("deadline %v (%v), want about an hour after Start", d, ok)
		}
	})
}

func TestStartTimeoutExpires(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		o := recv(t, fx.start(context.Background(), brief, func(ctx context.Context) (int, error) {
			<-ctx.Done()
			return 0, ctx.Err()
		}))
		if !errors.Is(o.err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want DeadlineExceeded", o.err)
		}
	})
}

func TestStartNoTimeout(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		type key struct{}
		parent := context.WithValue(context.Background(), key{}, 1)
		var same atomic.Bool
		recv(t, fx.start(parent, 0, func(ctx context.Context) (int, error) {
			same.Store(ctx == parent)
			return 0, nil
		}))
		if !same.Load() {
			t.Error("timeout 0: Run did not get the caller's context")
		}
	})
}
