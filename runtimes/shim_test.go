package runtimes_test

import (
	"context"
	"errors"
	"iter"
	"slices"
	"testing"

	"github.com/shimgen/shimgen/runtimes"
)

// pair is a blocking implementation with two results and a stream, and
// pairAsync its callback twin, for the helpers the generated code calls.
type pair struct{}

func (pair) Get(ctx context.Context, key string) (string, int, error) {
	if key == "" {
		return "", 0, errors.New("empty key")
	}
	return key, len(key), nil
}

func (pair) List(ctx context.Context, n int) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for i := range n {
			if !yield(i, nil) {
				return
			}
		}
	}
}

type pairAsync struct{}

func (pairAsync) Get(ctx context.Context, key string, done func(string, int, error)) {
	done(pair{}.Get(ctx, key))
}

func (pairAsync) List(ctx context.Context, n int, each func(int) bool, done func(error)) {
	for i := range n {
		if !each(i) {
			break
		}
	}
	done(nil)
}

// wide has more results than the helpers take one by one.
type wide struct{ a, b, c, d, e int }

func wideCall(_ pair, _ context.Context, n int) (wide, error) {
	return wide{n, n + 1, n + 2, n + 3, n + 4}, nil
}

func wideDeliver(done func(a, b, c, d, e int, err error), r wide, err error) {
	done(r.a, r.b, r.c, r.d, r.e, err)
}

// TestShimHelpers runs the generic helpers with method expressions, as the
// generated code does, on every adapter, in all three directions.
func TestShimHelpers(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		ctx := context.Background()
		type got struct {
			s   string
			n   int
			err error
		}
		ch := make(chan got, 1)
		runtimes.Start2(fx.rt, ctx, 0, pair{}, "key", pair.Get, func(s string, n int, err error) { ch <- got{s, n, err} })
		if g := recv(t, ch); g != (got{"key", 3, nil}) {
			t.Errorf("Start2 = %+v", g)
		}
		if s, n, err := runtimes.Direct2(fx.rt, ctx, 0, pair{}, "", pair.Get); s != "" || n != 0 || err == nil {
			t.Errorf("Direct2 = %q, %d, %v; want the implementation's error", s, n, err)
		}
		{
			if s, n, err := runtimes.Await2(fx.rt, ctx, 0, pairAsync{}, "ab", pairAsync.Get); s != "ab" || n != 2 || err != nil {
				t.Errorf("Await2 = %q, %d, %v", s, n, err)
			}
			var items []int
			for v, err := range runtimes.AwaitStream(fx.rt, ctx, 0, pairAsync{}, 3, pairAsync.List) {
				if err != nil {
					t.Fatal(err)
				}
				items = append(items, v)
			}
			if !slices.Equal(items, []int{0, 1, 2}) {
				t.Errorf("AwaitStream = %v", items)
			}
		}
		var direct []int
		for v, err := range runtimes.DirectStream(fx.rt, ctx, 0, pair{}, 2, pair.List) {
			if err != nil {
				t.Fatal(err)
			}
			direct = append(direct, v)
		}
		if !slices.Equal(direct, []int{0, 1}) {
			t.Errorf("DirectStream = %v", direct)
		}
		errs := make(chan error, 1)
		var streamed []int
		runtimes.StartStream(fx.rt, ctx, 0, pair{}, 4, pair.List, func(v int) bool { streamed = append(streamed, v); return true }, func(err error) { errs <- err })
		if err := recvErr(t, errs); err != nil || !slices.Equal(streamed, []int{0, 1, 2, 3}) {
			t.Errorf("StartStream = %v, %v", streamed, err)
		}
		sums := make(chan int, 1)
		runtimes.StartPacked(fx.rt, ctx, 0, pair{}, 10, wideCall, func(a, b, c, d, e int, err error) { sums <- a + b + c + d + e }, wideDeliver)
		if sum := recv(t, sums); sum != 60 {
			t.Errorf("StartPacked delivered a sum of %d, want 60", sum)
		}
	})
}

// TestShimAllocations: the collapsed blocking call allocates nothing and the
// callback call once, with a method expression as the generated code passes.
func TestShimAllocations(t *testing.T) {
	rt, _ := adapters[0].open()
	defer rt.Close(context.Background())
	ctx := context.Background()
	if n := testing.AllocsPerRun(100, func() { _, _, _ = runtimes.Direct2(rt, ctx, 0, pair{}, "k", pair.Get) }); n != 0 {
		t.Errorf("Direct2 allocates %v times per call, want 0", n)
	}
	done := func(string, int, error) {}
	if n := testing.AllocsPerRun(100, func() { runtimes.Start2(rt, ctx, 0, pair{}, "k", pair.Get, done) }); n > 1 {
		t.Errorf("Start2 allocates %v times per call, want at most 1", n)
	}
}
