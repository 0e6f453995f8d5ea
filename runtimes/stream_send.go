package runtimes

import (
	"context"
	"iter"
)

// Client and bidirectional streams
//
// A client stream has its caller send items and get one result; a
// bidirectional stream has its caller send items and receive items. The
// blocking form hands the implementation the sent items as an iter.Seq[T]
// it pulls; the callback form gives the caller a [Sender]. The rules are
// those of server streams (see [StreamCall]), in both directions: a window
// of items in flight, a hard limit that ends the stream with
// [ErrStreamOverflow] for a caller that ignores Ready, done exactly once on
// the completion context, the call's deadline over the whole stream. The
// sent items end early when the stream's context ends (the caller's
// context, the deadline, Close): an implementation tells that from the end
// of the items by checking ctx.Err() after its range, before it commits
// anything.

// StartSend runs a client stream of a blocking implementation for the
// callback form: run is called on r's executor with the call's context and
// the items the caller sends through the returned [Sender], and its error
// (or a refusal, a *[PanicError], the end of ctx, the deadline, [ErrClosed])
// goes to done, exactly once, on the completion context. StartSend returns
// at once. It is for generated code.
//
// The items end after CloseSend and the last item sent, or as soon as the
// stream's context ends. Once run has returned, Send fails with
// [ErrStreamDone] and the Sender's OnReady functions run, so that a caller
// waiting for room learns it. On an inline executor run goes on a
// goroutine of its own (it waits for items the caller sends only after
// StartSend returned), and done runs there.
func StartSend[T any](r *Runtime, ctx context.Context, m *Method, run func(ctx context.Context, items iter.Seq[T]) error, done func(error)) Sender[T] {
	q := newSendq[T](r)
	src := &clientSource[T]{q: q, run: run}
	StreamCall[struct{}]{}.startSide(r, ctx, m, m.timeout(), src, q, acceptAll, done)
	return q
}

// StartBidi runs a bidirectional stream of a blocking implementation for
// the callback form: open is called on r's executor with the call's
// context and the items the caller sends through the returned [Sender], as
// [StartSend] does, and the items it yields go to each on the completion
// context, then its end to done, exactly once, with the rules of
// [StreamCall.Start] (each returning false stops the stream). It is for
// generated code.
func StartBidi[T, U any](r *Runtime, ctx context.Context, m *Method, open func(ctx context.Context, items iter.Seq[T]) iter.Seq2[U, error], each func(U) bool, done func(error)) Sender[T] {
	q := newSendq[T](r)
	src := &bidiSource[T, U]{q: q, open: open}
	StreamCall[U]{}.startSide(r, ctx, m, m.timeout(), src, q, each, done)
	return q
}

// clientSource is a client stream seen as a stream that yields nothing but
// its error.
type clientSource[T any] struct {
	q   *sendq[T]
	run func(ctx context.Context, items iter.Seq[T]) error
}

func (s *clientSource[T]) Open(ctx context.Context) iter.Seq2[struct{}, error] {
	return func(yield func(struct{}, error) bool) {
		if err := s.run(ctx, s.q.items(ctx)); err != nil {
			yield(struct{}{}, err)
		}
	}
}

func acceptAll(struct{}) bool { return true }

// bidiSource is a bidirectional stream seen as a server stream.
type bidiSource[T, U any] struct {
	q    *sendq[T]
	open func(ctx context.Context, items iter.Seq[T]) iter.Seq2[U, error]
}

func (s *bidiSource[T, U]) Open(ctx context.Context) iter.Seq2[U, error] {
	return s.open(ctx, s.q.items(ctx))
}
