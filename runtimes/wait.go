package runtimes

import (
	"context"
	"fmt"
	"runtime"
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
	watch *watch        // with a misuse handler: reports a lost completion
	// With WaitFunc, invoke calls the implementation and arg is the state.
	arg      any
	invokeFn func(arg any, ctx context.Context)
}

// watch detects a completion that is lost: the implementation was invoked,
// the waiter gave up, and the done callback became garbage without ever
// being called. Only the Wait points to it, so it becomes unreachable with
// the Wait, that is once the caller has returned and the implementation has
// dropped its done callback (which references the Waiter); its finalizer
// then reports [ErrNoCompletion]. It never points back to the Wait: an
// object with a finalizer that reaches itself is never collected.
type watch struct {
	rt      *Runtime
	probe   Probe
	invoked atomic.Bool // Invoke was called
	ended   atomic.Bool // a completion arrived, or Invoke panicked
	cause   error       // the waiter gave up with this (its context's error)
}

// lost is the finalizer of a watch: it reports ErrNoCompletion if the
// implementation was invoked, the waiter gave up and no completion came.
func (wt *watch) lost() {
	if wt.cause != nil && wt.invoked.Load() && !wt.ended.Load() {
		err := fmt.Errorf("%w after the caller gave up: %w", ErrNoCompletion, wt.cause)
		wt.rt.misusedProbe(wt.probe, err)
		wt.rt.misuse(err)
	}
}

// startWatch arms the lost-completion report, when there is a misuse
// handler to report to (it costs an allocation and a finalizer per call).
func (w *Wait) startWatch() {
	if w.rt.opts.onMisuse != nil {
		w.watch = &watch{rt: w.rt, probe: w.probe()}
		runtime.SetFinalizer(w.watch, (*watch).lost)
	}
}

// stopWatch disarms the report of a call whose waiter did not give up: its
// outcome is known, nothing can be lost.
func (w *Wait) stopWatch() {
	if w.watch != nil && w.state.Load() != waitAbandoned {
		runtime.SetFinalizer(w.watch, nil)
	}
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
// the late completion is discarded. A completion that never arrives after
// the waiter gave up is reported as [ErrNoCompletion] once the done callback
// is garbage (see [WithMisuseHandler]).
func (w *Wait) Claim() bool {
	if w.watch != nil {
		w.watch.ended.Store(true)
	}
	if w.calls.Add(1) > 1 {
		if p := w.probe(); p != nil {
			w.rt.misusedProbe(p, ErrDoubleCompletion)
		}
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
