package soak

import (
	"context"
	"iter"
	"slices"
	"sync"
	"time"

	"github.com/shimgen/shimgen/runtimes"
)

// The client and bidirectional streams of the soak: the caller sends
// soakItems items; a client implementation records what it pulls, a
// bidirectional one echoes it back. A cause strikes at the second item;
// cStop is an implementation that returns after the first item (client
// streams) or a consumer that stops after it (bidirectional ones).

// gotItems records the items an implementation or a consumer got, from
// whatever goroutine it runs on.
type gotItems struct {
	mu sync.Mutex
	v  []int
}

func (g *gotItems) add(v int) {
	g.mu.Lock()
	g.v = append(g.v, v)
	g.mu.Unlock()
}

func (g *gotItems) items() []int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Clone(g.v)
}

// sendWait is the blocking form's state of a client stream.
type sendWait struct {
	runtimes.Wait
}

// callSends runs call i of a client or bidirectional shape.
func (r *soakRun) callSends(i int, k soakCase, ctx context.Context, cancel context.CancelFunc, timeout time.Duration, closedBefore bool) {
	m := &runtimes.Method{Interface: "Soak", Name: opNames[k.op], Timeout: timeout}
	got := &gotItems{}
	switch k.op {
	case opSendStart:
		r.begin()
		s := runtimes.StartSend(r.rt, ctx, m, r.sink(k.cause, cancel, got), func(err error) {
			defer r.finish(cancel)
			r.end(i, closedBefore, err, got.items())
		})
		sendAll(s)
	case opSendDirect:
		err := runtimes.DirectSend(r.rt, ctx, m, soakSeq(), r.sink(k.cause, cancel, got))
		cancel()
		r.end(i, closedBefore, err, got.items())
	case opSendAwait:
		w := &sendWait{}
		err := runtimes.AwaitSend(r.rt, ctx, m, &w.Wait, soakSeq(), func(ctx context.Context) runtimes.Sender[int] {
			return r.inbox(ctx, k.cause, cancel, got, func(err error) {
				if w.Claim() {
					w.Finish(err)
				}
			})
		})
		cancel()
		r.end(i, closedBefore, err, got.items())
	case opBidiStart:
		r.begin()
		s := runtimes.StartBidi(r.rt, ctx, m, r.echoer(k.cause, cancel), func(v int) bool {
			got.add(v)
			return k.cause != cStop
		}, func(err error) {
			defer r.finish(cancel)
			r.end(i, closedBefore, err, got.items())
		})
		sendAll(s)
	case opBidiDirect:
		items, err := r.drain(runtimes.DirectBidi(r.rt, ctx, m, soakSeq(), r.echoer(k.cause, cancel)), k.cause == cStop, i)
		cancel()
		r.end(i, closedBefore, err, items)
	case opBidiAwait:
		open := r.echoer(k.cause, cancel)
		seq := runtimes.AwaitBidi(r.rt, ctx, m, soakSeq(), func(ctx context.Context, each func(int) bool, done func(error)) runtimes.Sender[int] {
			return runtimes.StartBidi(r.rt, ctx, nil, open, each, done)
		})
		items, err := r.drain(seq, k.cause == cStop, i)
		cancel()
		r.end(i, closedBefore, err, items)
	default:
		cancel()
	}
}

// soakSeq is the items a caller sends.
func soakSeq() iter.Seq[int] {
	return func(yield func(int) bool) {
		for j := range soakItems {
			if !yield(j) {
				return
			}
		}
	}
}

// sendAll sends soakItems items through s as a callback-form caller does,
// paced by Ready and OnReady, then CloseSend; it stops at a failed Send.
func sendAll(s runtimes.Sender[int]) {
	j := 0
	var step func()
	step = func() {
		for ; j < soakItems; j++ {
			if !s.Ready() {
				s.OnReady(step)
				return
			}
			if s.Send(j) != nil {
				return
			}
		}
		s.CloseSend()
	}
	step()
}

// strike plays a cause at the second item of a blocking implementation:
// it reports whether the implementation is to return now, and with what.
func strike(ctx context.Context, cause, j int, cancel context.CancelFunc) (stop bool, err error) {
	if j != 1 {
		return false, nil
	}
	switch cause {
	case cErr:
		return true, errSoak
	case cPanic:
		panic("soak")
	case cCanceledDuring:
		cancel()
		<-ctx.Done()
		return true, ctx.Err()
	case cTimeout:
		<-ctx.Done()
		return true, ctx.Err()
	}
	return false, nil
}

// sink is a blocking client-stream implementation for a cause.
func (r *soakRun) sink(cause int, cancel context.CancelFunc, got *gotItems) func(context.Context, iter.Seq[int]) error {
	return func(ctx context.Context, items iter.Seq[int]) error {
		j := 0
		for v := range items {
			if stop, err := strike(ctx, cause, j, cancel); stop {
				return err
			}
			got.add(v)
			if j++; cause == cStop {
				return nil
			}
		}
		return ctx.Err()
	}
}

// echoer is a blocking bidirectional implementation for a cause: it
// yields back each item it pulls.
func (r *soakRun) echoer(cause int, cancel context.CancelFunc) func(context.Context, iter.Seq[int]) iter.Seq2[int, error] {
	return func(ctx context.Context, items iter.Seq[int]) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			j := 0
			for v := range items {
				if stop, err := strike(ctx, cause, j, cancel); stop {
					if err != nil {
						yield(0, err)
					}
					return
				}
				if !yield(v, nil) {
					return
				}
				j++
			}
		}
	}
}

// inbox is a hand-written callback client-stream implementation for a
// cause, on an Inbox.
func (r *soakRun) inbox(ctx context.Context, cause int, cancel context.CancelFunc, got *gotItems, done func(error)) runtimes.Sender[int] {
	if cause == cPanic {
		panic("soak")
	}
	j := 0
	var in *runtimes.Inbox[int]
	in = runtimes.Receive(r.rt, ctx, func(v int) {
		defer func() { j++ }()
		switch {
		case j == 1 && cause == cErr:
			in.Stop(errSoak)
			return
		case j == 1 && cause == cCanceledDuring:
			cancel() // the inbox ends with the context
			return
		case j >= 1 && cause == cTimeout:
			return
		}
		got.add(v)
		if cause == cStop {
			in.Stop(nil)
		}
	}, func(err error) {
		if cause == cTimeout && err == nil {
			go func() { // complete at the deadline only
				<-ctx.Done()
				done(ctx.Err())
			}()
			return
		}
		done(err)
	})
	return in
}
