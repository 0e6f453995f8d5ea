package runtimes_test

import (
	"context"
	"errors"
	"iter"
	"runtime"
	"testing"

	"github.com/shimgen/shimgen/runtimes"
)

// sum is a blocking client-stream implementation.
func sum(out *int) func(ctx context.Context, items iter.Seq[int]) error {
	return func(ctx context.Context, items iter.Seq[int]) error {
		for v := range items {
			*out += v
		}
		return ctx.Err()
	}
}

func TestDirectSend(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		var got int
		if err := runtimes.DirectSend(fx.rt, bounded(t), &sendMethod, seqOf(10), sum(&got)); err != nil || got != 45 {
			t.Errorf("got (%d, %v)", got, err)
		}

		var pe *runtimes.PanicError
		err := runtimes.DirectSend(fx.rt, bounded(t), &sendMethod, seqOf(10), func(ctx context.Context, items iter.Seq[int]) error {
			for range items {
				panic("boom")
			}
			return nil
		})
		if !errors.As(err, &pe) || pe.Value != "boom" {
			t.Errorf("err %v, want the panic", err)
		}

		func() { // a panic in the caller's items is the caller's
			defer func() {
				if v := recover(); v != "items" {
					t.Errorf("recovered %v", v)
				}
			}()
			var n int
			runtimes.DirectSend(fx.rt, bounded(t), &sendMethod, func(yield func(int) bool) { yield(1); panic("items") }, sum(&n))
		}()

		ctx, cancel := context.WithCancel(bounded(t))
		pulled := 0
		cancelling := func(yield func(int) bool) {
			for i := range 10 {
				pulled++
				if i == 2 {
					cancel()
				}
				if !yield(i) {
					return
				}
			}
		}
		var n int
		if err := runtimes.DirectSend(fx.rt, ctx, &sendMethod, cancelling, sum(&n)); !errors.Is(err, context.Canceled) {
			t.Errorf("err %v, want context.Canceled", err)
		}
		if n != 1 || pulled != 3 {
			t.Errorf("sum %d of %d items pulled: the cancel did not end the items", n, pulled)
		}

		closing := func(yield func(int) bool) {
			yield(1)
			go fx.rt.Close(bounded(t))
			for !fx.rt.Closed() {
				runtime.Gosched()
			}
			yield(2)
		}
		err = runtimes.DirectSend(fx.rt, bounded(t), &sendMethod, closing, func(ctx context.Context, items iter.Seq[int]) error {
			for range items {
			}
			<-ctx.Done()
			return nil
		})
		if !errors.Is(err, runtimes.ErrClosed) {
			t.Errorf("Close mid-stream: %v, want ErrClosed", err)
		}
		if err := runtimes.DirectSend(fx.rt, bounded(t), &sendMethod, seqOf(1), sum(&n)); !errors.Is(err, runtimes.ErrClosed) {
			t.Errorf("after Close: %v, want ErrClosed", err)
		}
	})
}

func TestDirectSendOnLoop(t *testing.T) {
	fx := adapters[3].fixture(t)
	var err error
	var n int
	if e := fx.rt.RunOnLoop(bounded(t), func() {
		err = runtimes.DirectSend(fx.rt, context.Background(), nil, seqOf(1), sum(&n))
	}); e != nil {
		t.Fatal(e)
	}
	if !errors.Is(err, runtimes.ErrWouldDeadlock) {
		t.Errorf("err %v, want ErrWouldDeadlock", err)
	}
}
