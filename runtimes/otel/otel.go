// Package otel observes the calls of generated code with OpenTelemetry: a
// span per call or stream and a few metrics, through a
// [runtimes.Observer]:
//
//	obs, err := otel.New() // the global tracer and meter providers
//	rt := pool.New(pool.Config{}, runtimes.WithObserver(obs))
//
// # Spans
//
// Each call is a span named "Interface/Method" (the span name of the RPC
// semantic conventions, "{rpc.service}/{rpc.method}"), of kind internal,
// started when the call is made, as a child of the span in the caller's
// context, and ended when the call completes. The implementation gets a
// context with the call's span, so calls it makes are children of it:
// a callback-form call made on the loop, run on a worker, that makes
// calls of its own shows them under it. Attributes:
//
//   - rpc.service, rpc.method: the interface and the method.
//   - shimgen.form: "callback over blocking", "blocking over callback" or
//     "blocking over blocking" (the collapsed round trip).
//   - shimgen.runtime: the runtime's kind (runtimes.WithKind): "loop",
//     "pool", ...
//   - shimgen.stream: true for a stream, with shimgen.stream.items, the
//     items delivered, at its end; a client or bidirectional stream adds
//     shimgen.stream.sent, the items its caller sent.
//   - shimgen.outcome (runtimes.Outcome: "ok", "error", "panic",
//     "canceled", "deadline", "closed", ...) and, when it is not ok,
//     error.type (the general semantic convention) with the same value; the
//     span's status is Error for every outcome but ok and canceled.
//
// The event "work began" marks when a worker (or the loop) started the work,
// with the queue wait as shimgen.queue_wait (seconds). A completion that
// came twice or never adds the event "misuse" (to the span, if it still
// records) and counts in shimgen.call.misuses.
//
// # Metrics
//
// Named after the general naming guidelines of the semantic conventions
// (durations in seconds, annotations in braces), after rpc.server.call.duration,
// db.client.connection.wait_time and http.server.active_requests where
// the measure is alike:
//
//   - shimgen.call.duration (histogram, s): from the call to its end, with
//     rpc.service, rpc.method, shimgen.form, shimgen.runtime, shimgen.stream,
//     shimgen.outcome and error.type.
//   - shimgen.call.wait_time (histogram, s): the queue wait, with the call's
//     attributes without the outcome.
//   - shimgen.call.active (up-down counter, {call}): calls in flight, with
//     the call's attributes without the outcome.
//   - shimgen.stream.items (counter, {item}): items delivered by streams,
//     with the outcome.
//   - shimgen.stream.sent (counter, {item}): items the callers of client and
//     bidirectional streams sent, with the outcome.
//   - shimgen.call.misuses (counter, {call}): completions that came twice or
//     never, with the outcome.
package otel

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	gotel "go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"

	"github.com/shimgen/shimgen/runtimes"
)

// ScopeName is the instrumentation scope of the tracer and the meter.
const ScopeName = "github.com/shimgen/shimgen/runtimes/otel"

// Option configures an Observer.
type Option func(*config)

type config struct {
	tp trace.TracerProvider
	mp metric.MeterProvider
}

// WithTracerProvider sets the tracer provider; the default is the global
// one (otel.GetTracerProvider).
func WithTracerProvider(tp trace.TracerProvider) Option { return func(c *config) { c.tp = tp } }

// WithMeterProvider sets the meter provider; the default is the global one
// (otel.GetMeterProvider).
func WithMeterProvider(mp metric.MeterProvider) Option { return func(c *config) { c.mp = mp } }

// Observer is a [runtimes.Observer] that makes spans and metrics.
type Observer struct {
	tracer   trace.Tracer
	duration metric.Float64Histogram
	wait     metric.Float64Histogram
	active   metric.Int64UpDownCounter
	items    metric.Int64Counter
	sent     metric.Int64Counter
	misuses  metric.Int64Counter

	mu    sync.RWMutex
	kinds map[kindKey]*kind // the attributes of each kind of call, made once
}

// kindKey identifies a kind of call: the attributes it records.
type kindKey struct {
	m          *runtimes.Method
	form, impl runtimes.Form
	stream     bool
	runtime    string
}

// kind holds the attributes of a kind of call, with and without the
// outcome, so that a call makes none.
type kind struct {
	name     string
	attrs    []attribute.KeyValue
	set      metric.MeasurementOption // attrs
	outcomes [runtimes.OutcomeNoCompletion + 1]struct {
		span []attribute.KeyValue     // shimgen.outcome and error.type
		all  metric.MeasurementOption // attrs with them
	}
}

func newKind(k kindKey) *kind {
	attrs := []attribute.KeyValue{
		KeyService.String(k.m.Interface),
		KeyMethod.String(k.m.Name),
		KeyForm.String(k.form.String() + " over " + k.impl.String()),
		KeyRuntime.String(k.runtime),
		KeyStream.Bool(k.stream),
	}
	c := &kind{name: k.m.Interface + "/" + k.m.Name, attrs: attrs, set: metric.WithAttributeSet(attribute.NewSet(attrs...))}
	for o := range c.outcomes {
		out := []attribute.KeyValue{KeyOutcome.String(runtimes.Outcome(o).String())}
		if runtimes.Outcome(o) != runtimes.OutcomeOK {
			out = append(out, KeyErrorType.String(runtimes.Outcome(o).String()))
		}
		c.outcomes[o].span = out
		c.outcomes[o].all = metric.WithAttributeSet(attribute.NewSet(append(append([]attribute.KeyValue(nil), attrs...), out...)...))
	}
	return c
}

// kindOf returns the attributes of the call c.
func (o *Observer) kindOf(c *runtimes.Observed) *kind {
	k := kindKey{c.Method, c.Form, c.Impl, c.Stream, c.Kind}
	o.mu.RLock()
	v := o.kinds[k]
	o.mu.RUnlock()
	if v != nil {
		return v
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if v = o.kinds[k]; v == nil {
		v = newKind(k)
		o.kinds[k] = v
	}
	return v
}

// New returns an Observer; its error is that of creating an instrument.
func New(opts ...Option) (*Observer, error) {
	c := config{}
	for _, o := range opts {
		o(&c)
	}
	if c.tp == nil {
		c.tp = gotel.GetTracerProvider()
	}
	if c.mp == nil {
		c.mp = gotel.GetMeterProvider()
	}
	m := c.mp.Meter(ScopeName)
	o := &Observer{tracer: c.tp.Tracer(ScopeName), kinds: map[kindKey]*kind{}}
	var err error
	if o.duration, err = m.Float64Histogram("shimgen.call.duration", metric.WithUnit("s"),
		metric.WithDescription("Duration of calls and streams of generated code, from the call to its end.")); err != nil {
		return nil, err
	}
	if o.wait, err = m.Float64Histogram("shimgen.call.wait_time", metric.WithUnit("s"),
		metric.WithDescription("Time calls waited for a worker or the loop before their work began.")); err != nil {
		return nil, err
	}
	if o.active, err = m.Int64UpDownCounter("shimgen.call.active", metric.WithUnit("{call}"),
		metric.WithDescription("Calls and streams in flight.")); err != nil {
		return nil, err
	}
	if o.items, err = m.Int64Counter("shimgen.stream.items", metric.WithUnit("{item}"),
		metric.WithDescription("Items streams delivered to their consumers.")); err != nil {
		return nil, err
	}
	if o.sent, err = m.Int64Counter("shimgen.stream.sent", metric.WithUnit("{item}"),
		metric.WithDescription("Items the callers of client and bidirectional streams sent.")); err != nil {
		return nil, err
	}
	if o.misuses, err = m.Int64Counter("shimgen.call.misuses", metric.WithUnit("{call}"),
		metric.WithDescription("Completions of callback implementations that came twice or never.")); err != nil {
		return nil, err
	}
	return o, nil
}

// Attribute keys.
const (
	KeyService     = attribute.Key("rpc.service")
	KeyMethod      = attribute.Key("rpc.method")
	KeyForm        = attribute.Key("shimgen.form")
	KeyRuntime     = attribute.Key("shimgen.runtime")
	KeyStream      = attribute.Key("shimgen.stream")
	KeyOutcome     = attribute.Key("shimgen.outcome")
	KeyErrorType   = attribute.Key("error.type")
	KeyItems       = attribute.Key("shimgen.stream.items")
	KeySent        = attribute.Key("shimgen.stream.sent")
	KeyQueueWait   = attribute.Key("shimgen.queue_wait")
	EventWorkBegan = "work began"
	EventMisuse    = "misuse"
)

// Start implements [runtimes.Observer].
func (o *Observer) Start(ctx context.Context, c runtimes.Observed) (context.Context, runtimes.Probe) {
	k := o.kindOf(&c)
	ctx, span := o.tracer.Start(ctx, k.name,
		trace.WithTimestamp(c.Start), trace.WithSpanKind(trace.SpanKindInternal), trace.WithAttributes(k.attrs...))
	p := &probe{o: o, k: k, ctx: ctx, span: span, start: c.Start, stream: c.Stream, send: c.Send}
	o.active.Add(ctx, 1, k.set)
	return ctx, p
}

// probe follows one call.
type probe struct {
	o      *Observer
	k      *kind
	ctx    context.Context
	span   trace.Span
	start  time.Time
	stream bool
	send   bool // a client or bidirectional stream
	ended  atomic.Bool
}

func (p *probe) Began(at time.Time) {
	wait := at.Sub(p.start).Seconds()
	p.span.AddEvent(EventWorkBegan, trace.WithTimestamp(at), trace.WithAttributes(KeyQueueWait.Float64(wait)))
	p.o.wait.Record(p.ctx, wait, p.k.set)
}

func (p *probe) Ended(e runtimes.Ending) {
	if !p.ended.CompareAndSwap(false, true) {
		return
	}
	out := &p.k.outcomes[outcomeIndex(e.Outcome)]
	p.o.active.Add(p.ctx, -1, p.k.set)
	p.o.duration.Record(p.ctx, e.At.Sub(p.start).Seconds(), out.all)
	if p.stream {
		p.o.items.Add(p.ctx, e.Items, out.all)
		p.span.SetAttributes(KeyItems.Int64(e.Items))
	}
	if p.send {
		p.o.sent.Add(p.ctx, e.Sent, out.all)
		p.span.SetAttributes(KeySent.Int64(e.Sent))
	}
	p.span.SetAttributes(out.span...)
	switch e.Outcome {
	case runtimes.OutcomeOK, runtimes.OutcomeCanceled:
	default:
		msg := e.Outcome.String()
		if e.Err != nil {
			msg = e.Err.Error()
		}
		p.span.SetStatus(codes.Error, msg)
	}
	p.span.End(trace.WithTimestamp(e.At))
}

func (p *probe) Misused(e runtimes.Ending) {
	p.o.misuses.Add(p.ctx, 1, p.k.outcomes[outcomeIndex(e.Outcome)].all)
	p.span.AddEvent(EventMisuse, trace.WithTimestamp(e.At), trace.WithAttributes(KeyOutcome.String(e.Outcome.String())))
}

// outcomeIndex is o, or OutcomeError for an outcome this package does not
// know.
func outcomeIndex(o runtimes.Outcome) runtimes.Outcome {
	if o > runtimes.OutcomeNoCompletion {
		return runtimes.OutcomeError
	}
	return o
}
