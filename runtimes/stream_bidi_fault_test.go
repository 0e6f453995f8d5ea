package runtimes_test

import (
	"context"
	"errors"
	"iter"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/loop"
)

// waitCtx is a bidirectional implementation that yields one item, then
// waits for its context to end.
func waitCtx(ctx context.Context, items iter.Seq[int]) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		if yield(1, nil) {
			<-ctx.Done()
		}
	}
}

// A panic, the timeout and Close end a bidirectional stream in each of its
// shapes as they end a server stream.
func TestBidiEnds(t *testing.T) {
	boom := func(context.Context, iter.Seq[int]) iter.Seq2[int, error] { panic("boom") }
	short := runtimes.Method{Timeout: 20 * time.Millisecond}
	isPanic := func(err error) bool {
		var pe *runtimes.PanicError
		return errors.As(err, &pe) && pe.Value == "boom"
	}
	type shape = func(ctx context.Context, m *runtimes.Method, open func(context.Context, iter.Seq[int]) iter.Seq2[int, error]) error
	forEach(t, func(t *testing.T, a adapter) {
		shapesOn := func(fx *fixture) map[string]shape {
			return map[string]shape{
				"StartBidi": func(ctx context.Context, m *runtimes.Method, open func(context.Context, iter.Seq[int]) iter.Seq2[int, error]) error {
					done, errs := doneOnce(t)
					runtimes.StartBidi(fx.rt, ctx, m, open, func(int) bool { return true }, done)
					return recvErr(t, errs)
				},
				"DirectBidi": func(ctx context.Context, m *runtimes.Method, open func(context.Context, iter.Seq[int]) iter.Seq2[int, error]) error {
					_, err := splitPairs(t, pairsOf(runtimes.DirectBidi(fx.rt, ctx, m, seqOf(2), open)))
					return err
				},
				"AwaitBidi": func(ctx context.Context, m *runtimes.Method, open func(context.Context, iter.Seq[int]) iter.Seq2[int, error]) error {
					seq := runtimes.AwaitBidi(fx.rt, ctx, m, seqOf(2), func(ctx context.Context, each func(int) bool, done func(error)) runtimes.Sender[int] {
						return runtimes.StartBidi(fx.rt, ctx, nil, open, each, done)
					})
					_, err := splitPairs(t, pairsOf(seq))
					return err
				},
			}
		}
		for name, run := range shapesOn(a.fixture(t)) {
			if err := run(bounded(t), &bidiMethod, boom); !isPanic(err) {
				t.Errorf("%s: panic: %v", name, err)
			}
			if err := run(bounded(t), &short, waitCtx); !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("%s: timeout: %v, want DeadlineExceeded", name, err)
			}
		}
		for _, name := range []string{"StartBidi", "DirectBidi", "AwaitBidi"} {
			fx := a.fixture(t)
			closed := make(chan error, 1)
			closing := func(ctx context.Context, items iter.Seq[int]) iter.Seq2[int, error] {
				return func(yield func(int, error) bool) {
					go func() { closed <- fx.rt.Close(bounded(t)) }()
					<-ctx.Done()
				}
			}
			if err := shapesOn(fx)[name](bounded(t), &bidiMethod, closing); !errors.Is(err, runtimes.ErrClosed) {
				t.Errorf("%s: Close: %v, want ErrClosed", name, err)
			}
			if err := recvErr(t, closed); err != nil {
				t.Errorf("Close: %v", err)
			}
		}
	})
}

func TestAwaitBidiLoopNotStarted(t *testing.T) {
	l := loop.New(loop.Config{})
	rt := l.Runtime()
	_, err := splitPairs(t, pairsOf(bidiSeq(rt, rt, context.Background(), seqOf(1), echo)))
	if !errors.Is(err, runtimes.ErrLoopNotStarted) {
		t.Errorf("err %v, want ErrLoopNotStarted", err)
	}
	runErr := l.Go()
	if err := l.Close(bounded(t)); err != nil {
		t.Error(err)
	}
	if err := recvErr(t, runErr); err != nil {
		t.Error(err)
	}
}
