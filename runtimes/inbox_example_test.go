package runtimes_test

import (
	"context"
	"fmt"
	"slices"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/loop"
)

// letters is a hand-written callback implementation of a client stream
// `Count(ctx, words iter.Seq[string]) (n int, err error)`: it owns loop
// state (n), so it receives the words with an Inbox, on the loop.
type letters struct{ rt *runtimes.Runtime }

func (l letters) Count(ctx context.Context, done func(n int, err error)) runtimes.Sender[string] {
	n := 0
	return runtimes.Receive(l.rt, ctx,
		func(word string) {
			if word == "stop" {
				return
			}
			n += len(word)
		},
		func(err error) { done(n, err) }, // after the last word, once
	)
}

// countWait is the blocking form's state of one Count, as shimgen
// generates it.
type countWait struct {
	runtimes.Wait
	n int
}

func ExampleReceive() {
	l := loop.New(loop.Config{})
	ran := l.Go()
	rt := l.Runtime()
	impl := letters{rt}

	// The blocking form over the callback implementation: AwaitSend sends
	// the words through the Inbox, paced by its window, then CloseSend.
	st := &countWait{}
	err := runtimes.AwaitSend(rt, context.Background(), nil, &st.Wait, slices.Values([]string{"hello", "inbox"}),
		func(ctx context.Context) runtimes.Sender[string] {
			return impl.Count(ctx, func(n int, err error) {
				if st.Claim() {
					st.n = n
					st.Finish(err)
				}
			})
		})
	fmt.Println(st.n, err)

	_ = rt.Close(context.Background())
	<-ran
	// Output: 10 <nil>
}
