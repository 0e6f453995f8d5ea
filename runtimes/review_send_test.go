package runtimes_test

import (
	"context"
	"iter"
	"slices"
	"testing"

	"github.com/shimgen/shimgen/runtimes"
)

// headerThenRest is a blocking client-stream implementation that takes a
// header item with a break, then ranges over the items again for the rest:
// the sendq's items resume where the break left them.
func headerThenRest(got *[]int) func(ctx context.Context, items iter.Seq[int]) error {
	return func(ctx context.Context, items iter.Seq[int]) error {
		for v := range items {
			*got = append(*got, v)
			break
		}
		for v := range items {
			*got = append(*got, v)
		}
		return ctx.Err()
	}
}

// An implementation that ranges over its items again after a break gets
// each sent item once, as it does under StartSend, not the first again.
func TestReviewDirectSendRangedAgain(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		var viaStart []int
		done, errs := doneOnce(t)
		s := runtimes.StartSend(fx.rt, bounded(t), &sendMethod, headerThenRest(&viaStart), done)
		recv(t, pump(s, 5))
		if err := recvErr(t, errs); err != nil || !slices.Equal(viaStart, ints(5)) {
			t.Fatalf("StartSend: got %v, %v", viaStart, err)
		}
		var viaDirect []int
		if err := runtimes.DirectSend(fx.rt, bounded(t), &sendMethod, seqOf(5), headerThenRest(&viaDirect)); err != nil || !slices.Equal(viaDirect, ints(5)) {
			t.Errorf("DirectSend: got %v, %v; want %v as StartSend", viaDirect, err, ints(5))
		}
	})
}
