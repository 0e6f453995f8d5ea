package loop_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/loop"
)

// measureCall is what shimgen generates for the callback form of a method
// `Measure(ctx, text string) (n int, err error)` over a blocking
// implementation.
type measureCall struct {
	runtimes.Call
	text string
	done func(n int, err error)
	n    int
}

func (c *measureCall) Run(ctx context.Context) (err error) {
	c.n, err = measure(ctx, c.text)
	return err
}

func (c *measureCall) Complete(err error) { c.done(c.n, err) }

// measure is the blocking implementation.
func measure(ctx context.Context, text string) (int, error) {
	return len(text), ctx.Err()
}

// Done callbacks run on the loop goroutine, one at a time, so they share
// plain state without locks.
func Example() {
	l := loop.New(loop.Config{})
	l.Start()
	rt := l.Runtime()

	sizes := map[string]int{} // touched only on the loop
	for _, text := range []string{"a", "bb", "ccc"} {
		rt.Start(context.Background(), time.Second, &measureCall{
			text: text,
			done: func(n int, err error) { sizes[text] = n },
		})
	}
	// Close waits until every done callback has run, then stops the loop.
	if err := l.Close(context.Background()); err != nil {
		fmt.Println(err)
	}
	fmt.Println(sizes)
	// Output: map[a:1 bb:2 ccc:3]
}

// upperWait is what shimgen generates for the blocking form of a method
// `Upper(ctx, text string) (out string, err error)` over a callback
// implementation.
type upperWait struct {
	runtimes.Wait
	impl func(ctx context.Context, text string, done func(out string, err error))
	text string
	out  string
}

func (w *upperWait) Invoke(ctx context.Context) { w.impl(ctx, w.text, w.complete) }

func (w *upperWait) complete(out string, err error) {
	if w.Claim() {
		w.out = out
		w.Finish(err)
	}
}

// Wait lets blocking code call an implementation that lives on the loop: it
// is invoked on the loop, and the caller blocks until its done callback runs.
func Example_wait() {
	l := loop.New(loop.Config{})
	l.Start()
	defer l.Close(context.Background())

	calls := 0 // loop-owned state of the callback implementation
	upper := func(ctx context.Context, text string, done func(string, error)) {
		calls++
		done(strings.ToUpper(text), nil)
	}
	w := &upperWait{impl: upper, text: "hello"}
	err := l.Runtime().Wait(context.Background(), time.Second, w)
	fmt.Println(w.out, err)
	// Output: HELLO <nil>
}
