package runtimes

import (
	"context"
	"iter"
	"time"
)

// Direct returns the stream of src for the blocking form over the callback
// form over a blocking implementation: ranging over it ranges over src's
// iterator on the caller's goroutine, with the runtime's rules. It is for
// generated code.
//
// Each range is a new call. It ends at once with a single (zero, err) pair,
// without calling src, when the runtime is closed ([ErrClosed]), on the
// runtime's loop goroutine ([ErrWouldDeadlock]) or when ctx is done. While
// it runs, the call counts as pending (Close waits for it) and the producer
// gets a context with the call's deadline (timeout > 0), canceled when the
// runtime closes. The stream ends with the package's rules on streams: a
// failure is reported as one final (zero, err) pair, a panic of the producer
// as a *PanicError, and breaking out of the loop stops the producer (a panic
// of the producer after that goes to the misuse handler). A panic in the
// loop body is not the producer's: it propagates unchanged.
func (c StreamCall[T]) Direct(r *Runtime, ctx context.Context, timeout time.Duration, src Source[T]) iter.Seq2[T, error] {
	return c.direct(r, ctx, nil, timeout, src)
}

// direct is Direct for a stream of the method m.
func (c StreamCall[T]) direct(r *Runtime, ctx context.Context, m *Method, timeout time.Duration, src Source[T]) iter.Seq2[T, error] {
	return c.directSide(r, ctx, m, timeout, src, nil)
}

// directSide is direct for a stream whose caller sends items through side
// (a client or bidirectional stream), or nil.
func (StreamCall[T]) directSide(r *Runtime, ctx context.Context, m *Method, timeout time.Duration, src Source[T], side *directSide) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		ctx := ctx // each range is a call of its own
		var probe Probe
		if r.opts.observer != nil {
			ctx, probe = r.observeStream(ctx, m, Blocking, Blocking, side != nil)
		}
		if err := r.admit(ctx); err != nil {
			r.ended(probe, err, 0)
			yield(zero, err)
			return
		}
		defer r.release()
		r.began(probe)
		d := direct[T]{sc: r.openStream(ctx, timeout), yield: yield, probe: probe != nil, side: side}
		defer d.sc.end(true) // a break canceled it already
		reported := false    // the final pair's body may panic after Ended
		if probe != nil && side != nil {
			defer endOnPanic(r, probe, &d.items, side.sent.Load, &reported)
		}
		err := d.run(src)
		if probe != nil {
			reported = true
			var sent int64
			if side != nil {
				sent = side.sent.Load()
			}
			if d.stopped {
				r.endedStream(probe, nil, d.items, sent)
			} else {
				r.endedStream(probe, err, d.items, sent)
			}
		}
		switch {
		case err == nil:
		case d.stopped: // a panic after the body broke out
			r.misuse(err)
		default:
			yield(zero, err)
		}
	}
}

// direct is one range over a Direct stream.
type direct[T any] struct {
	sc      streamCtx
	yield   func(T, error) bool
	inBody  bool // the loop body is running
	stopped bool // the loop body broke out
	probe   bool // observed: count the items
	items   int64
	side    *directSide // the caller's items, for a client or bidirectional stream
}

// run ranges over the producer and returns the error that ends the stream,
// nil when it ended cleanly or the body broke out.
func (d *direct[T]) run(src Source[T]) (err error) {
	defer func() {
		if d.inBody || d.side != nil && d.side.inItems.Load() {
			return // the loop body (or the caller's items) panicked: let it through
		}
		if v := recover(); v != nil {
			err = newPanicError(v)
		}
	}()
	if cause := d.sc.cause(); cause != nil {
		return cause
	}
	for v, e := range src.Open(d.sc.ctx) {
		if e != nil {
			err = e
			break
		}
		if d.sc.ctx.Err() != nil || !d.body(v) {
			break
		}
	}
	if d.stopped {
		return nil
	}
	if cause := d.sc.cause(); cause != nil {
		return cause
	}
	return err
}

// body runs the loop body on one item and reports whether to go on.
func (d *direct[T]) body(v T) bool {
	d.inBody = true
	if d.probe {
		d.items++
	}
	ok := d.yield(v, nil)
	d.inBody = false
	if !ok {
		d.stopped = true
		d.sc.cancel(errStopped)
	}
	return ok
}
