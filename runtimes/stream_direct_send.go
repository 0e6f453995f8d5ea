package runtimes

import (
	"context"
	"iter"
	"sync/atomic"
)

// DirectSend is a client stream of the blocking form over the callback
// form over a blocking implementation, collapsed: run is called on the
// caller's goroutine with items, with the rules of [StreamCall.Direct]:
// [ErrClosed], [ErrWouldDeadlock] or ctx.Err() without calling run; the
// call's deadline over the whole stream; [ErrClosed] when the runtime
// closes during it; a panic of run as a *[PanicError]. The items end early
// when the stream's context ends; a panic in items is the caller's and
// propagates unchanged. It is for generated code.
func DirectSend[T any](r *Runtime, ctx context.Context, m *Method, items iter.Seq[T], run func(ctx context.Context, items iter.Seq[T]) error) error {
	side := &directSide{}
	src := &directClient[T]{items: items, run: run, side: side}
	var err error
	for _, e := range (StreamCall[struct{}]{}).directSide(r, ctx, m, m.timeout(), src, side) {
		err = e
	}
	return err
}

// DirectBidi is a bidirectional stream of the blocking form over the
// callback form over a blocking implementation, collapsed: ranging over it
// ranges over open(ctx, items) on the caller's goroutine, with the rules of
// [StreamCall.Direct] and those of [DirectSend] for items. It is for
// generated code.
func DirectBidi[T, U any](r *Runtime, ctx context.Context, m *Method, items iter.Seq[T], open func(ctx context.Context, items iter.Seq[T]) iter.Seq2[U, error]) iter.Seq2[U, error] {
	return func(yield func(U, error) bool) {
		side := &directSide{} // each range is a call of its own
		src := &directBidiSource[T, U]{items: items, open: open, side: side}
		(StreamCall[U]{}).directSide(r, ctx, m, m.timeout(), src, side)(yield)
	}
}

// directSide is the sending half of a direct client or bidirectional
// stream. It runs on the caller's goroutine, or on one the implementation
// pulls its items from.
type directSide struct {
	inItems atomic.Bool  // the caller's items iterator runs: a panic there is not the implementation's
	sent    atomic.Int64 // items handed to the implementation
}

// sendItems is items as the implementation of a direct stream sees it:
// it ends when ctx ends, and tells a panic of the caller's iterator from
// one of the implementation's.
func sendItems[T any](ctx context.Context, items iter.Seq[T], d *directSide) iter.Seq[T] {
	return func(yield func(T) bool) {
		if ctx.Err() != nil {
			return
		}
		d.inItems.Store(true)
		for v := range items {
			d.inItems.Store(false)
			ok := ctx.Err() == nil
			if ok {
				d.sent.Add(1)
				ok = yield(v)
			}
			d.inItems.Store(true)
			if !ok {
				break
			}
		}
		d.inItems.Store(false)
	}
}

type directClient[T any] struct {
	items iter.Seq[T]
	run   func(ctx context.Context, items iter.Seq[T]) error
	side  *directSide
}

func (s *directClient[T]) Open(ctx context.Context) iter.Seq2[struct{}, error] {
	return func(yield func(struct{}, error) bool) {
		if err := s.run(ctx, sendItems(ctx, s.items, s.side)); err != nil {
			yield(struct{}{}, err)
		}
	}
}

type directBidiSource[T, U any] struct {
	items iter.Seq[T]
	open  func(ctx context.Context, items iter.Seq[T]) iter.Seq2[U, error]
	side  *directSide
}

func (s *directBidiSource[T, U]) Open(ctx context.Context) iter.Seq2[U, error] {
	return s.open(ctx, sendItems(ctx, s.items, s.side))
}
