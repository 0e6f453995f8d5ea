package otel_test

import (
	"context"
	"errors"
	"iter"
	"runtime"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/inline"
	"github.com/shimgen/shimgen/runtimes/loop"
	shimotel "github.com/shimgen/shimgen/runtimes/otel"
)

const patience = 5 * time.Second

// harness is an observer over the SDK with in-memory exporters.
type harness struct {
	spans  *tracetest.SpanRecorder
	reader *sdkmetric.ManualReader
	tp     *sdktrace.TracerProvider
	obs    *shimotel.Observer
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	h := &harness{spans: tracetest.NewSpanRecorder(), reader: sdkmetric.NewManualReader()}
	h.tp = sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(h.spans))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(h.reader))
	obs, err := shimotel.New(shimotel.WithTracerProvider(h.tp), shimotel.WithMeterProvider(mp))
	if err != nil {
		t.Fatal(err)
	}
	h.obs = obs
	return h
}

// loopRuntime is a started loop runtime observed by h, closed at the end
// of t.
func (h *harness) loopRuntime(t *testing.T, opts ...runtimes.Option) *runtimes.Runtime {
	t.Helper()
	l := loop.New(loop.Config{}, append([]runtimes.Option{runtimes.WithObserver(h.obs)}, opts...)...)
	l.Go()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), patience)
		defer cancel()
		if err := l.Runtime().Close(ctx); err != nil {
			t.Errorf("Close = %v", err)
		}
	})
	return l.Runtime()
}

// span returns the one ended span named name.
func (h *harness) span(t *testing.T, name string) sdktrace.ReadOnlySpan {
	t.Helper()
	var found []sdktrace.ReadOnlySpan
	for _, s := range h.spans.Ended() {
		if s.Name() == name {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d spans named %q, want 1 (of %d)", len(found), name, len(h.spans.Ended()))
	}
	return found[0]
}

func attr(s sdktrace.ReadOnlySpan, k attribute.Key) attribute.Value {
	for _, kv := range s.Attributes() {
		if kv.Key == k {
			return kv.Value
		}
	}
	return attribute.Value{}
}

func hasEvent(s sdktrace.ReadOnlySpan, name string) bool {
	for _, e := range s.Events() {
		if e.Name == name {
			return true
		}
	}
	return false
}

// metrics collects the metrics by name.
func (h *harness) metrics(t *testing.T) map[string]metricdata.Aggregation {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := h.reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	out := map[string]metricdata.Aggregation{}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			out[m.Name] = m.Data
		}
	}
	return out
}

// call is the state of a unary call, as generated code declares it.
type call struct {
	call runtimes.Call
	wait runtimes.Wait
	impl func(context.Context) error
	done func(error)
}

func step(p any, ctx context.Context, err error) error {
	c := p.(*call)
	if ctx == nil {
		c.done(err)
		return nil
	}
	return c.impl(ctx)
}

func invoke(p any, ctx context.Context) {
	c := p.(*call)
	err := c.impl(ctx)
	if c.wait.Claim() {
		c.wait.Finish(err)
	}
}

// start is the callback form over a blocking implementation; it waits for
// done.
func start(rt *runtimes.Runtime, ctx context.Context, m *runtimes.Method, impl func(context.Context) error) error {
	ch := make(chan error, 1)
	c := &call{impl: impl, done: func(err error) { ch <- err }}
	rt.StartFunc(ctx, m, &c.call, c, step)
	return <-ch
}

// wait is the blocking form over a callback implementation.
func wait(rt *runtimes.Runtime, ctx context.Context, m *runtimes.Method, impl func(context.Context) error) error {
	c := &call{impl: impl}
	return rt.WaitFunc(ctx, m, &c.wait, c, invoke)
}

// direct is the collapsed round trip.
func direct(rt *runtimes.Runtime, ctx context.Context, m *runtimes.Method, impl func(context.Context) error) (err error) {
	var pass runtimes.Pass
	if ctx, err = rt.Admit(ctx, m, &pass); err != nil {
		return err
	}
	defer rt.Release(&pass, &err)
	return impl(ctx)
}

var (
	outer = runtimes.Method{Interface: "Store", Name: "Outer"}
	inner = runtimes.Method{Interface: "Store", Name: "Inner"}
)

// TestSpanParentage: a callback call made on the loop under a parent span
// runs on a worker, where its implementation makes a blocking call whose
// callback implementation runs on the loop again; the spans nest in that
// order, and the done callback runs back on the loop.
func TestSpanParentage(t *testing.T) {
	h := newHarness(t)
	rt := h.loopRuntime(t)
	ctx, parent := h.tp.Tracer("test").Start(context.Background(), "parent")
	ch := make(chan error, 1)
	if err := rt.RunOnLoop(ctx, func() {
		c := &call{impl: func(ctx context.Context) error {
			if rt.OnLoop() {
				return errors.New("the implementation ran on the loop")
			}
			return wait(rt, ctx, &inner, func(context.Context) error {
				if !rt.OnLoop() {
					return errors.New("the callback implementation ran off the loop")
				}
				return nil
			})
		}, done: func(err error) {
			if err == nil && !rt.OnLoop() {
				err = errors.New("done ran off the loop")
			}
			ch <- err
		}}
		rt.StartFunc(ctx, &outer, &c.call, c, step)
	}); err != nil {
		t.Fatal(err)
	}
	if err := <-ch; err != nil {
		t.Fatal(err)
	}
	parent.End()
	o, i := h.span(t, "Store/Outer"), h.span(t, "Store/Inner")
	if o.Parent().SpanID() != parent.SpanContext().SpanID() || o.SpanContext().TraceID() != parent.SpanContext().TraceID() {
		t.Errorf("Store/Outer's parent is %v, want the caller's span", o.Parent().SpanID())
	}
	if i.Parent().SpanID() != o.SpanContext().SpanID() {
		t.Errorf("Store/Inner's parent is %v, want Store/Outer", i.Parent().SpanID())
	}
	for _, s := range []sdktrace.ReadOnlySpan{o, i} {
		if !hasEvent(s, shimotel.EventWorkBegan) || attr(s, shimotel.KeyRuntime).AsString() != "loop" ||
			attr(s, shimotel.KeyService).AsString() != "Store" || attr(s, shimotel.KeyOutcome).AsString() != "ok" {
			t.Errorf("%s: events %v, attributes %v", s.Name(), s.Events(), s.Attributes())
		}
	}
	if f := attr(o, shimotel.KeyForm).AsString(); f != "callback over blocking" {
		t.Errorf("Store/Outer's form %q", f)
	}
	if f := attr(i, shimotel.KeyForm).AsString(); f != "blocking over callback" {
		t.Errorf("Store/Inner's form %q", f)
	}
	if o.EndTime().Before(i.EndTime()) || i.StartTime().Before(o.StartTime()) {
		t.Error("Store/Inner does not lie within Store/Outer")
	}
}

// refusing refuses every task, as a full pool does.
type refusing struct{}

func (refusing) Execute(runtimes.Task) error { return runtimes.ErrOverloaded }

// TestOutcomes: every outcome becomes the span's attributes and status and
// the duration histogram's attribute; the in-flight counter returns to 0.
func TestOutcomes(t *testing.T) {
	boom := errors.New("boom")
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	past, cancelPast := context.WithDeadline(context.Background(), time.Unix(0, 0))
	defer cancelPast()
	h := newHarness(t)
	rt := h.loopRuntime(t)
	closed := h.loopRuntime(t)
	if err := closed.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	overloaded := runtimes.New(refusing{}, nil, runtimes.WithObserver(h.obs))
	ok := func(context.Context) error { return nil }
	cases := []struct {
		name string
		run  func(m *runtimes.Method) error
		want runtimes.Outcome
	}{
		{"ok", func(m *runtimes.Method) error { return start(rt, context.Background(), m, ok) }, runtimes.OutcomeOK},
		{"error", func(m *runtimes.Method) error {
			return wait(rt, context.Background(), m, func(context.Context) error { return boom })
		}, runtimes.OutcomeError},
		{"panic", func(m *runtimes.Method) error {
			return direct(rt, context.Background(), m, func(context.Context) error { panic(boom) })
		}, runtimes.OutcomePanic},
		{"canceled", func(m *runtimes.Method) error { return start(rt, canceled, m, ok) }, runtimes.OutcomeCanceled},
		{"deadline", func(m *runtimes.Method) error { return wait(rt, past, m, ok) }, runtimes.OutcomeDeadline},
		{"closed", func(m *runtimes.Method) error { return direct(closed, context.Background(), m, ok) }, runtimes.OutcomeClosed},
		{"overloaded", func(m *runtimes.Method) error { return start(overloaded, context.Background(), m, ok) }, runtimes.OutcomeOverloaded},
		{"would_deadlock", func(m *runtimes.Method) error {
			var err error
			if e := rt.RunOnLoop(context.Background(), func() { err = wait(rt, context.Background(), m, ok) }); e != nil {
				return e
			}
			return err
		}, runtimes.OutcomeWouldDeadlock},
	}
	for _, tc := range cases {
		m := &runtimes.Method{Interface: "Store", Name: tc.name}
		err := tc.run(m)
		if got := runtimes.OutcomeOf(err); got != tc.want {
			t.Errorf("%s: the call returned %v (%v)", tc.name, err, got)
		}
		s := h.span(t, "Store/"+tc.name)
		if out := attr(s, shimotel.KeyOutcome).AsString(); out != tc.want.String() {
			t.Errorf("%s: span outcome %q", tc.name, out)
		}
		wantStatus := codes.Error
		if tc.want == runtimes.OutcomeOK || tc.want == runtimes.OutcomeCanceled {
			wantStatus = codes.Unset
		}
		if s.Status().Code != wantStatus {
			t.Errorf("%s: status %v, want %v", tc.name, s.Status(), wantStatus)
		}
		if et := attr(s, shimotel.KeyErrorType).AsString(); (et != "") != (tc.want != runtimes.OutcomeOK) {
			t.Errorf("%s: error.type %q", tc.name, et)
		}
	}
	ms := h.metrics(t)
	hist, ok2 := ms["shimgen.call.duration"].(metricdata.Histogram[float64])
	if !ok2 {
		t.Fatalf("no duration histogram: %v", ms)
	}
	seen := map[string]uint64{}
	for _, dp := range hist.DataPoints {
		v, _ := dp.Attributes.Value(shimotel.KeyOutcome)
		seen[v.AsString()] += dp.Count
	}
	for _, tc := range cases {
		if seen[tc.want.String()] == 0 {
			t.Errorf("no duration recorded with outcome %s: %v", tc.want, seen)
		}
	}
	checkInFlight(t, ms, 0)
	if w, ok := ms["shimgen.call.wait_time"].(metricdata.Histogram[float64]); !ok || len(w.DataPoints) == 0 {
		t.Errorf("no queue wait recorded: %v", ms["shimgen.call.wait_time"])
	}
}

func checkInFlight(t *testing.T, ms map[string]metricdata.Aggregation, want int64) {
	t.Helper()
	sum, ok := ms["shimgen.call.active"].(metricdata.Sum[int64])
	if !ok {
		t.Fatalf("no in-flight counter: %v", ms)
	}
	var n int64
	for _, dp := range sum.DataPoints {
		n += dp.Value
	}
	if n != want || sum.IsMonotonic {
		t.Errorf("in flight %d (monotonic %v), want %d", n, sum.IsMonotonic, want)
	}
}

// TestInFlight: a call in progress counts as in flight.
func TestInFlight(t *testing.T) {
	h := newHarness(t)
	rt := h.loopRuntime(t)
	running, release := make(chan struct{}), make(chan struct{})
	ch := make(chan error, 1)
	go func() {
		ch <- start(rt, context.Background(), &outer, func(context.Context) error {
			close(running)
			<-release
			return nil
		})
	}()
	<-running
	checkInFlight(t, h.metrics(t), 1)
	close(release)
	if err := <-ch; err != nil {
		t.Fatal(err)
	}
	checkInFlight(t, h.metrics(t), 0)
}

// TestMisuse: a double completion and a lost one count as misuses and, on
// a span still recording, add an event.
func TestMisuse(t *testing.T) {
	h := newHarness(t)
	misused := make(chan error, 4)
	rt := h.loopRuntime(t, runtimes.WithMisuseHandler(func(err error) { misused <- err }))
	c := &call{}
	if err := rt.WaitFunc(context.Background(), &inner, &c.wait, c, func(p any, ctx context.Context) {
		c := p.(*call)
		for range 2 {
			if c.wait.Claim() {
				c.wait.Finish(nil)
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	if err := <-misused; !errors.Is(err, runtimes.ErrDoubleCompletion) {
		t.Fatal(err)
	}
	if err := dropped(rt); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatal(err)
	}
	deadline := time.Now().Add(patience)
	var err error
	for err == nil && time.Now().Before(deadline) {
		runtime.GC()
		select {
		case err = <-misused:
		case <-time.After(time.Millisecond):
		}
	}
	if !errors.Is(err, runtimes.ErrNoCompletion) {
		t.Fatalf("misuse %v, want ErrNoCompletion", err)
	}
	sum := h.metrics(t)["shimgen.call.misuses"].(metricdata.Sum[int64])
	seen := map[string]int64{}
	for _, dp := range sum.DataPoints {
		v, _ := dp.Attributes.Value(shimotel.KeyOutcome)
		seen[v.AsString()] += dp.Value
	}
	if seen["double_completion"] != 1 || seen["no_completion"] != 1 {
		t.Errorf("misuses %v", seen)
	}
}

// dropped makes a blocking call whose implementation drops its done;
// nothing of it stays reachable afterwards.
//
//go:noinline
func dropped(rt *runtimes.Runtime) error {
	c := &call{}
	return rt.WaitFunc(context.Background(), &runtimes.Method{Interface: "Store", Name: "Dropped", Timeout: time.Millisecond}, &c.wait, c, func(any, context.Context) {})
}

type counter struct{}

func (counter) Count(ctx context.Context, n int) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for i := range n {
			if !yield(i, nil) {
				return
			}
		}
	}
}

type counterAsync struct{}

func (counterAsync) Count(ctx context.Context, n int, each func(int) bool, done func(error)) {
	for i := range n {
		if !each(i) {
			break
		}
	}
	done(nil)
}

// TestStreams: each stream path is a span with its item count, and the
// items counter adds them up.
func TestStreams(t *testing.T) {
	h := newHarness(t)
	for _, rt := range []*runtimes.Runtime{h.loopRuntime(t), inline.New(runtimes.WithObserver(h.obs))} {
		m := &runtimes.Method{Interface: "Counter", Name: "Count"}
		done := make(chan error, 1)
		runtimes.StartStreamP1(rt, context.Background(), m, counter{}, 3, counter.Count, func(int) bool { return true }, func(err error) { done <- err })
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, err := range runtimes.AwaitStreamP1(rt, context.Background(), m, counterAsync{}, 4, counterAsync.Count) {
			if err != nil {
				t.Fatal(err)
			}
			n++
		}
		for _, err := range runtimes.DirectStreamP1(rt, context.Background(), m, counter{}, 5, counter.Count) {
			if err != nil {
				t.Fatal(err)
			}
			n++
			if n == 4+2 {
				break // a stop: 2 items
			}
		}
	}
	var items []int64
	for _, s := range h.spans.Ended() {
		if s.Name() != "Counter/Count" || !attr(s, shimotel.KeyStream).AsBool() || attr(s, shimotel.KeyOutcome).AsString() != "ok" {
			t.Errorf("span %s: %v", s.Name(), s.Attributes())
		}
		items = append(items, attr(s, shimotel.KeyItems).AsInt64())
	}
	if len(items) != 6 || items[0] != 3 || items[1] != 4 || items[2] != 2 || items[3] != 3 || items[4] != 4 || items[5] != 2 {
		t.Errorf("items per stream %v, want [3 4 2 3 4 2]", items)
	}
	sum := h.metrics(t)["shimgen.stream.items"].(metricdata.Sum[int64])
	var total int64
	for _, dp := range sum.DataPoints {
		total += dp.Value
	}
	if total != 18 {
		t.Errorf("items counter %d, want 18", total)
	}
}

// TestSendStreams: a bidirectional stream's span counts the items sent as
// well as those received, and so does the sent counter.
func TestSendStreams(t *testing.T) {
	h := newHarness(t)
	rt := h.loopRuntime(t)
	m := &runtimes.Method{Interface: "Room", Name: "Chat"}
	echo := func(ctx context.Context, items iter.Seq[int]) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			for v := range items {
				if v%2 == 0 && !yield(v, nil) {
					return
				}
			}
		}
	}
	sent := func(yield func(int) bool) {
		for i := range 5 {
			if !yield(i) {
				return
			}
		}
	}
	for _, err := range runtimes.DirectBidi(rt, context.Background(), m, sent, echo) {
		if err != nil {
			t.Fatal(err)
		}
	}
	s := h.span(t, "Room/Chat")
	if attr(s, shimotel.KeySent).AsInt64() != 5 || attr(s, shimotel.KeyItems).AsInt64() != 3 || !attr(s, shimotel.KeyStream).AsBool() {
		t.Errorf("span attributes %v", s.Attributes())
	}
	sum := h.metrics(t)["shimgen.stream.sent"].(metricdata.Sum[int64])
	if len(sum.DataPoints) != 1 || sum.DataPoints[0].Value != 5 {
		t.Errorf("sent counter %+v, want 5", sum.DataPoints)
	}
}
