package runtimes

//go:generate go run ./internal/mkshim

import (
	"context"
	"iter"
	"time"
)

// Generated2 is the version handshake of the contract that the generic
// helpers (StartN, AwaitN, DirectN and the stream helpers) belong to:
// generated code names it, so it fails to compile against a runtimes module
// without them instead of misbehaving.
const Generated2 = true

// streamCall is the state of one stream made by [StartStream] or
// [DirectStream].
type streamCall[I, A, T any] struct {
	StreamCall[T]
	impl I
	args A
	open func(I, context.Context, A) iter.Seq2[T, error]
}

func (c *streamCall[I, A, T]) Open(ctx context.Context) iter.Seq2[T, error] {
	return c.open(c.impl, ctx, c.args)
}

// StartStream is one stream of the callback form over a blocking
// implementation: the iterator open(impl, ctx, args) returns is pulled on
// r's executor, each receives its items and done its end, with the rules of
// [StreamCall.Start]. open is usually a method expression such as
// Bucket.List. It is for generated code.
func StartStream[I, A, T any](r *Runtime, ctx context.Context, timeout time.Duration, impl I, args A, open func(I, context.Context, A) iter.Seq2[T, error], each func(T) bool, done func(error)) {
	c := &streamCall[I, A, T]{impl: impl, args: args, open: open}
	c.Start(r, ctx, timeout, c, each, done)
}

// DirectStream is one stream of the blocking form over the callback form
// over a blocking implementation, collapsed: ranging over it ranges over
// open(impl, ctx, args) on the caller's goroutine, with the rules of
// [StreamCall.Direct]. It is for generated code.
func DirectStream[I, A, T any](r *Runtime, ctx context.Context, timeout time.Duration, impl I, args A, open func(I, context.Context, A) iter.Seq2[T, error]) iter.Seq2[T, error] {
	c := &streamCall[I, A, T]{impl: impl, args: args, open: open}
	return c.Direct(r, ctx, timeout, c)
}

// streamAwait is the state of one stream made by [AwaitStream].
type streamAwait[I, A, T any] struct {
	StreamWait[T]
	impl   I
	args   A
	invoke func(I, context.Context, A, func(T) bool, func(error))
}

func (w *streamAwait[I, A, T]) Invoke(ctx context.Context, each func(T) bool, done func(error)) {
	w.invoke(w.impl, ctx, w.args, each, done)
}

// AwaitStream is one stream of the blocking form over a callback
// implementation: ranging over it calls invoke(impl, ctx, args, each, done)
// and yields the items, with the rules of [StreamWait.Iterate]. invoke is
// usually a method expression such as BucketAsync.List. It is for generated
// code.
func AwaitStream[I, A, T any](r *Runtime, ctx context.Context, timeout time.Duration, impl I, args A, invoke func(I, context.Context, A, func(T) bool, func(error))) iter.Seq2[T, error] {
	w := &streamAwait[I, A, T]{impl: impl, args: args, invoke: invoke}
	return w.Iterate(r, ctx, timeout, w)
}

// callPacked is the state of one call made by [StartPacked].
type callPacked[I, A, R, D any] struct {
	Call
	impl    I
	args    A
	fn      func(I, context.Context, A) (R, error)
	done    D
	deliver func(D, R, error)
	res     R
}

func (c *callPacked[I, A, R, D]) Run(ctx context.Context) (err error) {
	c.res, err = c.fn(c.impl, ctx, c.args)
	return err
}

func (c *callPacked[I, A, R, D]) Complete(err error) { c.deliver(c.done, c.res, err) }

// StartPacked is [Start1] for a method with more than [MaxResults]
// results: fn returns them as one struct R, and deliver(done, res, err)
// hands them to done one by one. deliver is a generated function, so the
// call still allocates once. It is for generated code.
func StartPacked[I, A, R, D any](r *Runtime, ctx context.Context, timeout time.Duration, impl I, args A, fn func(I, context.Context, A) (R, error), done D, deliver func(D, R, error)) {
	r.Start(ctx, timeout, &callPacked[I, A, R, D]{impl: impl, args: args, fn: fn, done: done, deliver: deliver})
}
