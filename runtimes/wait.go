package runtimes

import (
	"context"
	"sync/atomic"
)

// States of a Wait.
const (
	waitOpen      = iota // no completion yet
	waitClaimed          // a completion claimed the call; Finish is imminent
	waitFinished         // Finish published the error
	waitAbandoned        // the waiter gave up (its context ended)
)

// Wait is the runtime's state of one call of the blocking form over a
// callback implementation. Generated code embeds it in the object it passes
// to [Runtime.Wait], and the done callback it gives the implementation calls
// Claim and Finish:
//
//	func (w *getWait) complete(data []byte, err error) {
//		if w.Claim() {
//			w.data = data
//			w.Finish(err)
//		}
//	}
//
// A Wait is used for one call only.
type Wait struct {
	rt    *Runtime
	self  Waiter
	ctx   context.Context
	state atomic.Uint32
	calls atomic.Uint32 // completions seen
	ch    chan struct{} // closed by Finish
	err   error         // written by Finish before ch is closed
}

// Waiter is implemented by generated code, by embedding [Wait]. Invoke calls
// the callback implementation with ctx and a done callback that calls Claim
// and Finish.
type Waiter interface {
	Invoke(ctx context.Context)
	wait() *Wait
}

func (w *Wait) wait() *Wait { return w }

// Claim reports whether the calling completion may write the results and
// call Finish. It is true exactly once: for the first completion, and only if
// the waiter has not given up. A second completion gets false and is
// reported to the misuse handler as [ErrDoubleCompletion]; a completion that
// arrives after the waiter gave up (its context ended) gets false silently:
// the late completion is discarded.
func (w *Wait) Claim() bool {
	if w.calls.Add(1) > 1 {
		w.report(ErrDoubleCompletion)
		return false
	}
	return w.state.CompareAndSwap(waitOpen, waitClaimed)
}

// Finish publishes err as the call's error and wakes the waiter. It must
// follow a successful Claim, after the results are written.
func (w *Wait) Finish(err error) {
	if !w.state.CompareAndSwap(waitClaimed, waitFinished) {
		w.report(errFinishWithoutClaim)
		return
	}
	w.err = err
	close(w.ch)
}

// report passes a misuse to the runtime's handler, if the Wait was started.
func (w *Wait) report(err error) {
	if w.rt != nil {
		w.rt.misuse(err)
	}
}
