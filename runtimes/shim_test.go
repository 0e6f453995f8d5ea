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
// pairAsync its callback twin, for the entry points the generated code
// calls.
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

// getCall and getStep are what the generated callback form declares for
// Get: a plain state struct and the function that drives it.
type getCall struct {
	call runtimes.Call
	impl pair
	done func(string, int, error)
	args struct{ key string }
	res  struct {
		s string
		n int
	}
}

func getStep(p any, ctx context.Context, err error) error {
	c := p.(*getCall)
	if ctx == nil {
		c.done(c.res.s, c.res.n, err)
		return nil
	}
	c.res.s, c.res.n, err = c.impl.Get(ctx, c.args.key)
	return err
}

func startGet(rt *runtimes.Runtime, ctx context.Context, key string, done func(string, int, error)) {
	c := &getCall{done: done}
	c.args.key = key
	rt.StartFunc(ctx, nil, &c.call, c, getStep)
}

// getWait and getInvoke are what the generated blocking form declares.
type getWait struct {
	wait runtimes.Wait
	impl pairAsync
	args struct{ key string }
	res  struct {
		s string
		n int
	}
}

func getInvoke(p any, ctx context.Context) {
	w := p.(*getWait)
	w.impl.Get(ctx, w.args.key, func(s string, n int, err error) {
		if w.wait.Claim() {
			w.res.s, w.res.n = s, n
			w.wait.Finish(err)
		}
	})
}

func waitGet(rt *runtimes.Runtime, ctx context.Context, key string) (string, int, error) {
	w := &getWait{}
	w.args.key = key
	err := rt.WaitFunc(ctx, nil, &w.wait, w, getInvoke)
	return w.res.s, w.res.n, err
}

// TestGeneratedEntryPoints runs StartFunc, WaitFunc and the stream helpers
// as the generated code calls them, on every adapter.
func TestGeneratedEntryPoints(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		fx := a.fixture(t)
		ctx := context.Background()
		type got struct {
			s   string
			n   int
			err error
		}
		ch := make(chan got, 2)
		startGet(fx.rt, ctx, "key", func(s string, n int, err error) { ch <- got{s, n, err} })
		if g := recv(t, ch); g != (got{"key", 3, nil}) {
			t.Errorf("StartFunc delivered %+v", g)
		}
		startGet(fx.rt, ctx, "", func(s string, n int, err error) { ch <- got{s, n, err} })
		if g := recv(t, ch); g.err == nil {
			t.Errorf("StartFunc delivered %+v, want the implementation's error", g)
		}
		if s, n, err := waitGet(fx.rt, ctx, "ab"); s != "ab" || n != 2 || err != nil {
			t.Errorf("WaitFunc = %q, %d, %v", s, n, err)
		}
		checkItems(t, rangeAll(t, "AwaitStreamP1", runtimes.AwaitStreamP1(fx.rt, ctx, nil, pairAsync{}, 3, pairAsync.List)), 3)
		checkItems(t, rangeAll(t, "DirectStreamP1", runtimes.DirectStreamP1(fx.rt, ctx, nil, pair{}, 2, pair.List)), 2)
		errs := make(chan error, 1)
		var streamed []int
		runtimes.StartStreamP1(fx.rt, ctx, nil, pair{}, 4, pair.List, func(v int) bool { streamed = append(streamed, v); return true }, func(err error) { errs <- err })
		if err := recvErr(t, errs); err != nil || !slices.Equal(streamed, []int{0, 1, 2, 3}) {
			t.Errorf("StartStreamP1 = %v, %v", streamed, err)
		}
	})
}

func rangeAll(t *testing.T, what string, seq iter.Seq2[int, error]) []int {
	t.Helper()
	var items []int
	for v, err := range seq {
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		items = append(items, v)
	}
	return items
}

// TestStartFuncAllocatesOnce: a callback call through StartFunc allocates
// its state and nothing else.
func TestStartFuncAllocatesOnce(t *testing.T) {
	rt, _ := adapters[0].open()
	defer rt.Close(context.Background())
	ctx := context.Background()
	done := func(string, int, error) {}
	if n := testing.AllocsPerRun(100, func() { startGet(rt, ctx, "k", done) }); n > 1 {
		t.Errorf("StartFunc allocates %v times per call, want at most 1", n)
	}
}
