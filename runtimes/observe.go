package runtimes

import (
	"context"
	"errors"
	"time"
)

// Method describes one method of a generated interface: generated code
// declares one per method, as a package-level variable, and passes its
// address to the runtime's entry points. A nil *Method is a call without
// names and without a timeout.
type Method struct {
	// Interface and Name are the interface's and the method's names in the
	// spec, such as "Bucket" and "Get".
	Interface, Name string
	// Timeout is the spec's timeout of the method, or 0.
	Timeout time.Duration
}

// timeout returns m's timeout; 0 for a nil m.
func (m *Method) timeout() time.Duration {
	if m == nil {
		return 0
	}
	return m.Timeout
}

// noMethod is what an observer sees for a call made without a [Method].
var noMethod Method

// Form is one of the two forms of an interface.
type Form uint8

const (
	// Blocking is the blocking form: a method returns its results.
	Blocking Form = iota
	// Callback is the callback form: a method hands its results to done.
	Callback
)

// String returns "blocking" or "callback".
func (f Form) String() string {
	if f == Callback {
		return "callback"
	}
	return "blocking"
}

// Observed is what an [Observer] learns when a call or a stream starts.
type Observed struct {
	// Method names the interface and the method; it is never nil (a call
	// made without a Method shows an empty one).
	Method *Method
	// Form is the form the caller uses, Impl the implementation's: the
	// callback form over a blocking implementation is Callback over
	// Blocking, the blocking form over a callback implementation Blocking
	// over Callback, and the collapsed round trip Blocking over Blocking.
	Form, Impl Form
	// Stream is true for a streaming method.
	Stream bool
	// Send is true for a client or bidirectional stream (Stream is true
	// as well): the caller sends items.
	Send bool
	// Kind is the runtime's kind (see [WithKind]), such as "loop".
	Kind string
	// Start is when the call was made.
	Start time.Time
}

// Outcome is how a call or a stream ended.
type Outcome uint8

// The outcomes of a call. OutcomeDoubleCompletion and OutcomeNoCompletion
// are reported by [Probe.Misused], after the call ended.
const (
	OutcomeOK               Outcome = iota // nil error
	OutcomeError                           // the implementation's error
	OutcomePanic                           // a *PanicError
	OutcomeCanceled                        // context.Canceled
	OutcomeDeadline                        // context.DeadlineExceeded (the caller's or the spec's deadline)
	OutcomeClosed                          // ErrClosed
	OutcomeOverloaded                      // ErrOverloaded
	OutcomeWouldDeadlock                   // ErrWouldDeadlock
	OutcomeNotStarted                      // ErrLoopNotStarted
	OutcomeOverflow                        // ErrStreamOverflow
	OutcomeDoubleCompletion                // a second completion (misuse)
	OutcomeNoCompletion                    // a completion lost after the caller gave up (misuse)
)

var outcomeNames = [...]string{
	"ok", "error", "panic", "canceled", "deadline", "closed", "overloaded",
	"would_deadlock", "not_started", "overflow", "double_completion", "no_completion",
}

// String returns the outcome's name in snake case, such as "would_deadlock".
func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return "unknown"
}

// OutcomeOf classifies the error a call ended with.
func OutcomeOf(err error) Outcome {
	if err == nil {
		return OutcomeOK // before errorOutcome: its errors.As target escapes
	}
	return errorOutcome(err)
}

func errorOutcome(err error) Outcome {
	var pe *PanicError
	switch {
	case errors.As(err, &pe):
		return OutcomePanic
	case errors.Is(err, ErrNoCompletion):
		return OutcomeNoCompletion
	case errors.Is(err, ErrDoubleCompletion):
		return OutcomeDoubleCompletion
	case errors.Is(err, ErrLoopNotStarted):
		return OutcomeNotStarted
	case errors.Is(err, ErrClosed):
		return OutcomeClosed
	case errors.Is(err, ErrOverloaded):
		return OutcomeOverloaded
	case errors.Is(err, ErrWouldDeadlock):
		return OutcomeWouldDeadlock
	case errors.Is(err, ErrStreamOverflow):
		return OutcomeOverflow
	case errors.Is(err, context.DeadlineExceeded):
		return OutcomeDeadline
	case errors.Is(err, context.Canceled):
		return OutcomeCanceled
	}
	return OutcomeError
}

// Ending is how a call ended, for [Probe.Ended] and [Probe.Misused].
type Ending struct {
	At      time.Time
	Outcome Outcome
	Err     error
	// Items is the number of items a stream delivered to its consumer.
	Items int64
	// Sent is the number of items the caller of a client or bidirectional
	// stream sent (that its Sender accepted).
	Sent int64
}

// Observer learns of every call and stream of a [Runtime] built with
// [WithObserver]. Start is called on the caller's goroutine when a call is
// made, before the runtime refuses or runs it. It returns the context the
// call goes on with (ctx, or a context derived from it, such as one carrying
// a span: the implementation gets it) and a [Probe] that follows the call,
// or nil to follow it no further.
//
// An observer must be safe for concurrent use. A panic in it is recovered
// and reported to the misuse handler (see [WithMisuseHandler]) wrapped in a
// *[PanicError]; the call goes on as if the hook had returned (ctx and a nil
// Probe for Start).
type Observer interface {
	Start(ctx context.Context, o Observed) (context.Context, Probe)
}

// Probe follows one call. Each method runs on the goroutine where its event
// happens: Began on the worker (or the loop) that starts the work, Ended
// where the call completes (the completion context of the callback form,
// the caller's goroutine for the blocking form), Misused where the misuse
// is seen (a finalizer goroutine for a lost completion).
//
// Ended is called exactly once. Began is called at most once, when the work
// begins (at is then the end of the queue wait); for a blocking call whose
// caller gives up while the call is still queued on the loop it may come
// after Ended, or not at all. Misused reports a completion of a callback
// implementation that came twice (possibly before the waiting caller's
// Ended) or never (after Ended, from a finalizer; see [WithMisuseHandler]).
type Probe interface {
	Began(at time.Time)
	Ended(e Ending)
	Misused(e Ending)
}

// WithObserver has o observe every call and stream of the runtime. Without
// one, observing costs nothing.
func WithObserver(o Observer) Option {
	return func(opts *options) { opts.observer = o }
}

// WithKind names the kind of runtime for observers ([Observed.Kind]); the
// adapters in this module and its companions set it ("inline",
// "goroutine", "pool", "loop", ...).
func WithKind(kind string) Option {
	return func(opts *options) { opts.kind = kind }
}

// Kind returns the runtime's kind (see [WithKind]).
func (r *Runtime) Kind() string { return r.opts.kind }

// ErrObserverPanic is what the misuse handler receives, wrapping the
// *PanicError, when an [Observer] or a [Probe] panics.
var ErrObserverPanic = errors.New("runtimes: observer panicked")

// observerPanic is the misuse report of a panicking observer: it wraps
// errObserverPanic and the *PanicError.
type observerPanic struct{ pe *PanicError }

func (e *observerPanic) Error() string   { return ErrObserverPanic.Error() + ": " + e.pe.Error() }
func (e *observerPanic) Unwrap() []error { return []error{ErrObserverPanic, e.pe} }

// recoverObserver is deferred around every hook.
func (r *Runtime) recoverObserver() {
	if v := recover(); v != nil {
		r.misuse(&observerPanic{newPanicError(v)})
	}
}

// observe starts observing a call: it returns the context the call goes on
// with and its probe (nil when the observer follows it no further).
func (r *Runtime) observe(ctx context.Context, m *Method, form, impl Form, stream bool) (context.Context, Probe) {
	if m == nil {
		m = &noMethod
	}
	o := Observed{Method: m, Form: form, Impl: impl, Stream: stream, Kind: r.opts.kind, Start: time.Now()}
	return r.startHook(ctx, o)
}

func (r *Runtime) startHook(ctx context.Context, o Observed) (out context.Context, p Probe) {
	out = ctx
	defer r.recoverObserver()
	c, p := r.opts.observer.Start(ctx, o)
	if c != nil {
		out = c
	}
	return out, p
}

// observedCall and observedWait stand for the Caller or the Waiter of a
// call that an observer follows, with its probe: the states of Call and
// Wait do not grow for observers (the generated states keep their size
// class), and a call nobody follows costs no allocation.
type observedCall struct {
	Caller
	p Probe
}

type observedWait struct {
	Waiter
	p Probe
}

// probe returns the probe of c, or nil.
func (c *Call) probe() Probe {
	if c.rt.opts.observer != nil {
		if o, ok := c.self.(*observedCall); ok {
			return o.p
		}
	}
	return nil
}

// probe returns the probe of w, or nil.
func (w *Wait) probe() Probe {
	if w.rt != nil && w.rt.opts.observer != nil {
		if o, ok := w.self.(*observedWait); ok {
			return o.p
		}
	}
	return nil
}

// began reports the start of the work to p, if any.
func (r *Runtime) began(p Probe) {
	if p == nil {
		return
	}
	defer r.recoverObserver()
	p.Began(time.Now())
}

// ended reports the end of a call with err to p, if any.
func (r *Runtime) ended(p Probe, err error, items int64) {
	if p == nil {
		return
	}
	defer r.recoverObserver()
	p.Ended(Ending{At: time.Now(), Outcome: OutcomeOf(err), Err: err, Items: items})
}

// misusedProbe reports a misuse after the end of a call to p, if any.
func (r *Runtime) misusedProbe(p Probe, err error) {
	if p == nil {
		return
	}
	defer r.recoverObserver()
	p.Misused(Ending{At: time.Now(), Outcome: OutcomeOf(err), Err: err})
}
