package runtimes

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"
)

// SlogObserver returns an [Observer] that logs one record per call or
// stream to l when it ends, with the attributes interface, method, form
// ("callback over blocking", ...), runtime, stream, outcome, duration,
// queue_wait (when the work began), items (streams), sent (client and
// bidirectional streams: the items the caller sent) and error. The level
// follows the outcome: Debug for ok, Info for canceled, Warn for an error,
// a deadline or a refusal (closed, overloaded, not started, overflow),
// Error for a panic, a would-deadlock and the misuse of a completion that
// came twice or never (a record of its own, message "call misused").
//
// Records are made with the caller's context (slog handlers may read it).
// Nothing is logged below the logger's level, and nothing is allocated for
// a call when the logger discards even the Error level.
func SlogObserver(l *slog.Logger) Observer { return slogObserver{l} }

type slogObserver struct{ l *slog.Logger }

func (s slogObserver) Start(ctx context.Context, o Observed) (context.Context, Probe) {
	if !s.l.Enabled(ctx, slog.LevelError) {
		return ctx, nil
	}
	return ctx, &slogProbe{l: s.l, ctx: ctx, o: o}
}

// slogProbe follows one call for a SlogObserver.
type slogProbe struct {
	l    *slog.Logger
	ctx  context.Context
	o    Observed
	wait atomic.Int64 // the queue wait plus one, 0 before Began (which may race with Ended)
}

func (p *slogProbe) Began(at time.Time) { p.wait.Store(int64(at.Sub(p.o.Start)) + 1) }

func (p *slogProbe) Ended(e Ending) { p.log("call ended", e) }

func (p *slogProbe) Misused(e Ending) { p.log("call misused", e) }

func (p *slogProbe) log(msg string, e Ending) {
	level := SlogLevel(e.Outcome)
	if !p.l.Enabled(p.ctx, level) {
		return
	}
	attrs := make([]slog.Attr, 0, 11)
	attrs = append(attrs,
		slog.String("interface", p.o.Method.Interface),
		slog.String("method", p.o.Method.Name),
		slog.String("form", p.o.Form.String()+" over "+p.o.Impl.String()),
		slog.String("runtime", p.o.Kind),
		slog.String("outcome", e.Outcome.String()),
		slog.Duration("duration", e.At.Sub(p.o.Start)),
	)
	if w := p.wait.Load(); w > 0 {
		attrs = append(attrs, slog.Duration("queue_wait", time.Duration(w-1)))
	}
	if p.o.Stream {
		attrs = append(attrs, slog.Bool("stream", true), slog.Int64("items", e.Items))
	}
	if p.o.Send {
		attrs = append(attrs, slog.Int64("sent", e.Sent))
	}
	if e.Err != nil {
		attrs = append(attrs, slog.String("error", e.Err.Error()))
	}
	p.l.LogAttrs(p.ctx, level, msg, attrs...)
}

// SlogLevel is the level [SlogObserver] logs an outcome at.
func SlogLevel(o Outcome) slog.Level {
	switch o {
	case OutcomeOK:
		return slog.LevelDebug
	case OutcomeCanceled:
		return slog.LevelInfo
	case OutcomePanic, OutcomeWouldDeadlock, OutcomeDoubleCompletion, OutcomeNoCompletion:
		return slog.LevelError
	}
	return slog.LevelWarn
}
