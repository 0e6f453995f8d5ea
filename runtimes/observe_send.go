package runtimes

import (
	"context"
	"time"
)

// observeStream starts observing a stream; send marks a client or
// bidirectional one.
func (r *Runtime) observeStream(ctx context.Context, m *Method, form, impl Form, send bool) (context.Context, Probe) {
	if !send {
		return r.observe(ctx, m, form, impl, true)
	}
	if m == nil {
		m = &noMethod
	}
	o := Observed{Method: m, Form: form, Impl: impl, Stream: true, Send: true, Kind: r.opts.kind, Start: time.Now()}
	return r.startHook(ctx, o)
}

// endedStream reports the end of a stream with err to p, if any, with the
// items it delivered and those its caller sent.
func (r *Runtime) endedStream(p Probe, err error, items, sent int64) {
	if p == nil {
		return
	}
	defer r.recoverObserver()
	p.Ended(Ending{At: time.Now(), Outcome: OutcomeOf(err), Err: err, Items: items, Sent: sent})
}
