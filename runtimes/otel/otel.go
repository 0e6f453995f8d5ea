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
//     items delivered, at its end.
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
//   - shimgen.call.misuses (counter, {call}): completions that came twice or
//     never, with the outcome.
package otel

import (
	"context"
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
	misuses  metric.Int64Counter
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
	o := &Observer{tracer: c.tp.Tracer(ScopeName)}
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
	KeyQueueWait   = attribute.Key("shimgen.queue_wait")
	EventWorkBegan = "work began"
	EventMisuse    = "misuse"
)

// Start implements [runtimes.Observer].
func (o *Observer) Start(ctx context.Context, c runtimes.Observed) (context.Context, runtimes.Probe) {
	attrs := []attribute.KeyValue{
		KeyService.String(c.Method.Interface),
		KeyMethod.String(c.Method.Name),
		KeyForm.String(c.Form.String() + " over " + c.Impl.String()),
		KeyRuntime.String(c.Kind),
		KeyStream.Bool(c.Stream),
	}
	ctx, span := o.tracer.Start(ctx, c.Method.Interface+"/"+c.Method.Name,
		trace.WithTimestamp(c.Start), trace.WithSpanKind(trace.SpanKindInternal), trace.WithAttributes(attrs...))
	p := &probe{o: o, ctx: ctx, span: span, start: c.Start, stream: c.Stream, attrs: attrs, set: attribute.NewSet(attrs...)}
	o.active.Add(ctx, 1, metric.WithAttributeSet(p.set))
	return ctx, p
}

// probe follows one call.
type probe struct {
	o      *Observer
	ctx    context.Context
	span   trace.Span
	start  time.Time
	stream bool
	attrs  []attribute.KeyValue
	set    attribute.Set // attrs
	ended  atomic.Bool
}

func (p *probe) Began(at time.Time) {
	wait := at.Sub(p.start).Seconds()
	p.span.AddEvent(EventWorkBegan, trace.WithTimestamp(at), trace.WithAttributes(KeyQueueWait.Float64(wait)))
	p.o.wait.Record(p.ctx, wait, metric.WithAttributeSet(p.set))
}

func (p *probe) Ended(e runtimes.Ending) {
	if !p.ended.CompareAndSwap(false, true) {
		return
	}
	out := p.outcome(e.Outcome)
	p.o.active.Add(p.ctx, -1, metric.WithAttributeSet(p.set))
	p.o.duration.Record(p.ctx, e.At.Sub(p.start).Seconds(), metric.WithAttributes(out...))
	if p.stream {
		p.o.items.Add(p.ctx, e.Items, metric.WithAttributes(out...))
		p.span.SetAttributes(KeyItems.Int64(e.Items))
	}
	p.span.SetAttributes(out[len(p.attrs):]...)
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
	p.o.misuses.Add(p.ctx, 1, metric.WithAttributes(p.outcome(e.Outcome)...))
	p.span.AddEvent(EventMisuse, trace.WithTimestamp(e.At), trace.WithAttributes(KeyOutcome.String(e.Outcome.String())))
}

// outcome returns the call's attributes with the outcome's.
func (p *probe) outcome(o runtimes.Outcome) []attribute.KeyValue {
	out := append(make([]attribute.KeyValue, 0, len(p.attrs)+2), p.attrs...)
	out = append(out, KeyOutcome.String(o.String()))
	if o != runtimes.OutcomeOK {
		out = append(out, KeyErrorType.String(o.String()))
	}
	return out
}
