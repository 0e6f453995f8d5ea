// Package soak is the soak of the runtimes: a large mix of calls of every
// shape and cause on a list of runtimes, checked call by call. The runtimes
// module's tests run it over the built-in adapters and the fault-injecting
// loop and executor of this package; the adapters with modules or platforms
// of their own (goja, wasm) run it over theirs.
package soak

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"iter"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
)

// The soak test runs a large mix of calls of every kind on every built-in
// runtime (and on a pool small enough to overload): successes, errors,
// panics, contexts canceled before and during the call, timeouts, overload,
// Close in the middle of the traffic, misbehaving callback implementations,
// unary calls of the three shapes and streams of the three shapes plus the
// double bridge (the blocking form over the callback form over a blocking
// producer), with a window of 2 so that streams wait for room and pause,
// slow consumers and early breaks. Two runtimes inject faults: their loop
// (and executor) refuse work at a random point, once or from then on,
// sometimes after a delay, and delay tasks; there the loop stops in the
// middle of streams. It
// checks that every call ends exactly once with an error of the documented
// set for its cause, that misuse is reported exactly as documented and that
// no goroutine is left behind, and logs a table of the outcomes.
//
// The number of calls per runtime is -soak=N (go test -run TestSoak
// -soak=1000000), else $SHIMGEN_SOAK, else 20000 (4000 with -short).
var soakFlag = flag.Int("soak", 0, "calls per runtime of TestSoak (default $SHIMGEN_SOAK, else the test's own)")

// Calls returns the number of calls per runtime of a soak: -soak=N, else
// $SHIMGEN_SOAK, else def (a fifth of it with -short).
func Calls(t *testing.T, def int) int {
	if *soakFlag > 0 {
		return *soakFlag
	}
	if s := os.Getenv("SHIMGEN_SOAK"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			t.Fatalf("SHIMGEN_SOAK=%q: want a positive number", s)
		}
		return n
	}
	if testing.Short() {
		return max(def/5, 1)
	}
	return def
}

// Ended returns an end for a [Runtime] whose loop's Run reports its error on
// ch: it waits for that error.
func Ended(ch <-chan error) func() error {
	return func() error {
		select {
		case err := <-ch:
			return err
		case <-time.After(patience):
			return errors.New("the loop's Run did not return")
		}
	}
}

// patience bounds every wait of the soak; nothing should come near it.
const patience = 5 * time.Second

const (
	Round       = 500                    // calls per runtime instance
	soakIssuers = 8                      // goroutines issuing calls
	soakAsync   = 128                    // callback-form calls in flight at most
	soakTimeout = 200 * time.Microsecond // the timeout of the timeout cases
	soakItems   = 3                      // items of a full stream
)

var errSoak = errors.New("soak: implementation error")

// Outcome classes of a call.
const (
	oOK = iota
	oErr
	oPanic
	oCanceled
	oDeadline
	oClosed
	oOverloaded
	oUnknown
	nOutcomes
)

var outcomeNames = [nOutcomes]string{"ok", "error", "panic", "canceled", "deadline", "closed", "overloaded", "UNKNOWN"}

func classify(err error) int {
	var pe *runtimes.PanicError
	switch {
	case err == nil:
		return oOK
	case errors.As(err, &pe):
		if pe.Value == "soak" && len(pe.Stack) > 0 {
			return oPanic
		}
	case errors.Is(err, errSoak):
		return oErr
	case errors.Is(err, context.Canceled):
		return oCanceled
	case errors.Is(err, context.DeadlineExceeded):
		return oDeadline
	case errors.Is(err, runtimes.ErrClosed):
		return oClosed
	case errors.Is(err, runtimes.ErrOverloaded):
		return oOverloaded
	}
	return oUnknown
}

// Operations: the shapes of call.
const (
	opStart        = iota // Runtime.Start (callback form over blocking)
	opWait                // Runtime.Wait (blocking form over callback)
	opDirect              // Admit/Release (collapsed direct call)
	opStreamStart         // StreamCall.Start
	opStreamDirect        // StreamCall.Direct
	opIterate             // StreamWait.Iterate
	opBridge              // Iterate over StreamCall.Start over a blocking producer
	opSendStart           // StartSend (client stream, callback form over blocking)
	opSendDirect          // DirectSend
	opSendAwait           // AwaitSend over an Inbox (blocking form over callback)
	opBidiStart           // StartBidi (bidirectional stream, callback form over blocking)
	opBidiDirect          // DirectBidi
	opBidiAwait           // AwaitBidi over StartBidi over a blocking implementation
	nOps
)

var opNames = [nOps]string{"Start", "Wait", "Direct", "StreamCall.Start", "StreamCall.Direct", "StreamWait.Iterate", "double bridge",
	"StartSend", "DirectSend", "AwaitSend", "StartBidi", "DirectBidi", "AwaitBidi bridge"}

// async reports whether an operation completes through a done callback on
// the runtime (and may be refused by the executor).
func async(op int) bool {
	switch op {
	case opStart, opStreamStart, opBridge, opSendStart, opBidiStart, opBidiAwait:
		return true
	}
	return false
}

// Cases: the cause a call is given.
const (
	cOK             = iota
	cErr            // the implementation fails
	cPanic          // the implementation panics
	cCanceledBefore // ctx is canceled before the call
	cCanceledDuring // ctx is canceled while the implementation runs
	cTimeout        // the call's timeout passes while the implementation waits
	cStop           // the consumer stops the stream after the first item
	cDouble         // the callback implementation completes twice
	nCases
)

// soakCase is one kind of call: its shape, its cause and the outcomes its
// cause allows (Close and overload add theirs).
type soakCase struct {
	op, cause int
	allowed   uint
}

func bit(o ...int) uint {
	var b uint
	for _, x := range o {
		b |= 1 << x
	}
	return b
}

var soakCases = func() []soakCase {
	var cs []soakCase
	add := func(op, cause int, allowed ...int) { cs = append(cs, soakCase{op, cause, bit(allowed...)}) }
	for _, op := range []int{opStart, opDirect} {
		add(op, cOK, oOK)
		add(op, cErr, oErr)
		add(op, cPanic, oPanic)
		add(op, cCanceledBefore, oCanceled)
		add(op, cCanceledDuring, oCanceled)
		add(op, cTimeout, oDeadline)
	}
	add(opWait, cOK, oOK)
	add(opWait, cErr, oErr)
	add(opWait, cPanic, oPanic)
	add(opWait, cCanceledBefore, oCanceled)
	add(opWait, cCanceledDuring, oOK, oCanceled) // a completion races with the cancel
	add(opWait, cTimeout, oDeadline)             // the completion is dropped: ErrNoCompletion
	add(opWait, cDouble, oOK)                    // and ErrDoubleCompletion
	for _, op := range []int{opStreamStart, opStreamDirect, opIterate, opBridge,
		opSendStart, opSendDirect, opSendAwait, opBidiStart, opBidiDirect, opBidiAwait} {
		add(op, cOK, oOK)
		add(op, cErr, oErr)
		add(op, cPanic, oPanic)
		add(op, cCanceledBefore, oCanceled)
		add(op, cCanceledDuring, oCanceled)
		add(op, cTimeout, oDeadline)
		add(op, cStop, oOK)
	}
	add(opIterate, cDouble, oOK)
	return cs
}()

// Runtime is one kind of runtime under soak.
type Runtime struct {
	Name string
	// Open builds a fresh runtime with opts, its loop (if any) running.
	// end, if not nil, is called once the runtime's Close has returned:
	// it stops what the runtime does not stop itself and returns how the
	// loop ended (an error fails the soak).
	Open func(opts ...runtimes.Option) (rt *runtimes.Runtime, end func() error)
	// Overload: the executor may refuse work with ErrOverloaded.
	Overload bool
	// Faults: the loop or the executor refuse work (or the loop stops):
	// any call may get ErrClosed, and a stream that does may have lost
	// items.
	Faults bool
	// MustOverload: a soak of at least four rounds must see a Start
	// refused with ErrOverloaded.
	MustOverload bool
}

// soakStats are the counts of one runtime's soak.
type soakStats struct {
	outcomes [nOps][nOutcomes]atomic.Int64
	items    atomic.Int64 // stream items delivered

	// Misbehaving implementations invoked, and misuse reports received.
	doubles, dropped, iteratePanics             atomic.Int64
	repDouble, repNoCompletion, repPanic, repEl atomic.Int64
	otherMisuse                                 sync.Map
}

func (s *soakStats) misuse(err error) {
	var pe *runtimes.PanicError
	switch {
	case errors.Is(err, runtimes.ErrDoubleCompletion):
		s.repDouble.Add(1)
	case errors.Is(err, runtimes.ErrNoCompletion):
		if !errors.Is(err, context.DeadlineExceeded) {
			s.otherMisuse.Store(err.Error(), true)
		}
		s.repNoCompletion.Add(1)
	case errors.As(err, &pe) && pe.Value == "soak":
		s.repPanic.Add(1)
	default:
		s.repEl.Add(1)
		s.otherMisuse.Store(err.Error(), true)
	}
}

// Run soaks each runtime of rts with n calls, as a subtest of t each, and
// logs the table of outcomes.
func Run(t *testing.T, rts []Runtime, n int) {
	begin := time.Now()
	stats := make([]*soakStats, len(rts))
	for i, sr := range rts {
		stats[i] = new(soakStats)
		t.Run(sr.Name, func(t *testing.T) { soakOne(t, sr, n, stats[i]) })
	}
	var b strings.Builder
	fmt.Fprintf(&b, "soak: %d calls per runtime, %d runtimes, %v\n", n, len(rts), time.Since(begin).Round(time.Millisecond))
	fmt.Fprintf(&b, "%-10s %-18s", "runtime", "operation")
	for _, name := range outcomeNames[:oUnknown] {
		fmt.Fprintf(&b, " %10s", name)
	}
	b.WriteString("\n")
	for i, sr := range rts {
		var total [nOutcomes]int64
		for op := range nOps {
			fmt.Fprintf(&b, "%-10s %-18s", sr.Name, opNames[op])
			for o := range oUnknown {
				c := stats[i].outcomes[op][o].Load()
				total[o] += c
				fmt.Fprintf(&b, " %10d", c)
			}
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%-10s %-18s", sr.Name, "all")
		for o := range oUnknown {
			fmt.Fprintf(&b, " %10d", total[o])
		}
		s := stats[i]
		fmt.Fprintf(&b, "\n%-10s %d stream items; misuse reports: %d ErrDoubleCompletion, %d ErrNoCompletion, %d late panics\n",
			sr.Name, s.items.Load(), s.repDouble.Load(), s.repNoCompletion.Load(), s.repPanic.Load())
	}
	t.Log("\n" + b.String())
}

// soakOne soaks one kind of runtime with n calls, in rounds of a fresh
// runtime each; every other round closes its runtime in the middle of the
// traffic.
func soakOne(t *testing.T, sr Runtime, n int, st *soakStats) {
	base := runtime.NumGoroutine()
	for first, round := 0, 0; first < n && !t.Failed(); first, round = first+Round, round+1 {
		size := min(Round, n-first)
		closeAt := -1
		if round%2 == 1 {
			closeAt = size/2 + rand.IntN(size/2)
		}
		soakRoundRun(t, sr, st, first, size, closeAt)
	}
	if t.Failed() {
		return
	}
	// Every dropped completion is reported once it is garbage.
	deadline := time.Now().Add(2 * patience)
	for st.repNoCompletion.Load() < st.dropped.Load() && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	runtime.GC()
	time.Sleep(time.Millisecond)
	if got, want := st.repNoCompletion.Load(), st.dropped.Load(); got != want {
		t.Errorf("%d ErrNoCompletion reports, want %d (one per dropped completion)", got, want)
	}
	if got, want := st.repDouble.Load(), st.doubles.Load(); got != want {
		t.Errorf("%d ErrDoubleCompletion reports, want %d", got, want)
	}
	if got, most := st.repPanic.Load(), st.iteratePanics.Load(); got > most {
		t.Errorf("%d late panics reported, want at most %d", got, most)
	}
	st.otherMisuse.Range(func(k, _ any) bool {
		t.Errorf("unexpected misuse report: %v", k)
		return true
	})
	for op := range nOps {
		if c := st.outcomes[op][oUnknown].Load(); c != 0 {
			t.Errorf("%s: %d calls with an undocumented error", opNames[op], c)
		}
	}
	if sr.MustOverload && n >= 4*Round && st.outcomes[opStart][oOverloaded].Load() == 0 {
		t.Error("the runtime never refused a Start with ErrOverloaded")
	}
	SettleGoroutines(t, base)
}

// soakRoundRun runs the calls first..first+size-1 on a fresh runtime from
// soakIssuers goroutines; the call closeAt (if any) is preceded by Close.
func soakRoundRun(t *testing.T, sr Runtime, st *soakStats, first, size, closeAt int) {
	rt, end := sr.Open(runtimes.WithMisuseHandler(st.misuse), runtimes.WithStreamWindow(2))
	r := &soakRun{t: t, sr: sr, st: st, rt: rt, first: first, closing: closeAt >= 0,
		ends: make([]atomic.Int32, size), slots: make(chan struct{}, soakAsync)}
	var next atomic.Int64
	var issuers sync.WaitGroup
	for range soakIssuers {
		issuers.Add(1)
		go func() {
			defer issuers.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= size {
					return
				}
				if i == closeAt {
					r.close()
				}
				r.call(i)
			}
		}()
	}
	issuers.Wait()
	ended := make(chan struct{})
	go func() { r.pending.Wait(); close(ended) }()
	if !r.closing {
		// Let the streams in flight end by themselves: a Close would end
		// them with ErrClosed, which only rounds that close may see.
		select {
		case <-ended:
		case <-time.After(patience):
			t.Errorf("round at %d: calls still pending", first)
		}
	}
	r.close()
	select {
	case <-ended:
	case <-time.After(patience):
		t.Errorf("round at %d: calls still pending after Close returned", first)
	}
	if end != nil {
		if err := end(); err != nil {
			t.Errorf("the loop's end: %v", err)
		}
	}
	for i := range r.ends {
		if c := r.ends[i].Load(); c != 1 {
			t.Errorf("call %d (%s) ended %d times, want once", first+i, r.describe(i), c)
		}
	}
}

// soakRun is one round: a runtime and its calls.
type soakRun struct {
	t       *testing.T
	sr      Runtime
	st      *soakStats
	rt      *runtimes.Runtime
	first   int
	closing bool           // Close runs in the middle of the round
	ends    []atomic.Int32 // per call: times it ended (done called, or returned)
	slots   chan struct{}  // bounds the callback-form calls in flight
	pending sync.WaitGroup // callback-form calls in flight
}

func (r *soakRun) close() {
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	if err := r.rt.Close(ctx); err != nil {
		r.t.Errorf("Close: %v", err)
	}
}

func (r *soakRun) kind(i int) soakCase {
	return soakCases[uint(r.first+i)*2654435761%uint(len(soakCases))]
}

func (r *soakRun) describe(i int) string {
	k := r.kind(i)
	return fmt.Sprintf("%s, case %d", opNames[k.op], k.cause)
}

// end records the end of call i with err (and the items it delivered), and
// checks it.
func (r *soakRun) end(i int, closedBefore bool, err error, items []int) {
	k := r.kind(i)
	if c := r.ends[i].Add(1); c != 1 {
		r.t.Errorf("call %d (%s) ended again (%d times): %v", r.first+i, r.describe(i), c, err)
		return
	}
	o := classify(err)
	r.st.outcomes[k.op][o].Add(1)
	allowed := k.allowed
	if r.closing || r.sr.Faults {
		allowed |= bit(oClosed)
	}
	if r.sr.Overload && async(k.op) && k.cause != cCanceledBefore {
		allowed |= bit(oOverloaded)
	}
	if closedBefore {
		allowed = bit(oClosed) // the runtime was closed before the call
	}
	if allowed&bit(o) == 0 {
		r.t.Errorf("call %d (%s, closed before: %v): error %v (%s) is not documented for its cause",
			r.first+i, r.describe(i), closedBefore, err, outcomeNames[o])
	}
	if k.op >= opStreamStart && !(r.sr.Faults && o == oClosed) {
		r.st.items.Add(int64(len(items)))
		for j, v := range items {
			if v != j {
				r.t.Errorf("call %d (%s): items %v out of order", r.first+i, r.describe(i), items)
				break
			}
		}
		want := -1
		switch {
		case o != oOK:
		case k.cause == cStop:
			want = 1
		case k.cause == cOK || k.cause == cDouble:
			want = soakItems
		}
		if want >= 0 && len(items) != want {
			r.t.Errorf("call %d (%s): %d items, want %d", r.first+i, r.describe(i), len(items), want)
		}
	}
}

// call runs call i of the round.
func (r *soakRun) call(i int) {
	k := r.kind(i)
	ctx, cancel := context.WithCancel(context.Background())
	if k.cause == cCanceledBefore {
		cancel()
	}
	var timeout time.Duration
	if k.cause == cTimeout {
		timeout = soakTimeout
	}
	closedBefore := r.rt.Closed()
	switch k.op {
	case opStart:
		r.begin()
		r.rt.Start(ctx, timeout, &call{run: r.blocking(k.cause, cancel, i), done: func(v int, err error) {
			defer r.finish(cancel)
			if err == nil && v != r.first+i {
				r.t.Errorf("call %d: value %d", r.first+i, v)
			}
			r.end(i, closedBefore, err, nil)
		}})
	case opDirect:
		_, err := Direct(r.rt, ctx, timeout, r.blocking(k.cause, cancel, i))
		cancel()
		r.end(i, closedBefore, err, nil)
	case opWait:
		w := &waiter{invoke: r.callback(k.cause, cancel, i)}
		err := r.rt.Wait(ctx, timeout, w)
		cancel()
		if err == nil && w.v != r.first+i {
			r.t.Errorf("call %d: value %d", r.first+i, w.v)
		}
		r.end(i, closedBefore, err, nil)
	case opStreamStart:
		r.begin()
		var items []int
		runtimes.StreamCall[int]{}.Start(r.rt, ctx, timeout, r.source(k.cause, cancel),
			func(v int) bool {
				items = append(items, v)
				r.slow(i)
				return k.cause != cStop
			},
			func(err error) {
				defer r.finish(cancel)
				r.end(i, closedBefore, err, items)
			})
	case opStreamDirect:
		items, err := r.drain(runtimes.StreamCall[int]{}.Direct(r.rt, ctx, timeout, r.source(k.cause, cancel)), k.cause == cStop, i)
		cancel()
		r.end(i, closedBefore, err, items)
	case opIterate:
		items, err := r.drain(runtimes.StreamWait[int]{}.Iterate(r.rt, ctx, timeout, r.producer(k.cause, cancel)), k.cause == cStop, i)
		cancel()
		r.end(i, closedBefore, err, items)
	case opBridge:
		items, err := r.drain(runtimes.StreamWait[int]{}.Iterate(r.rt, ctx, timeout, r.bridge(k.cause, cancel)), k.cause == cStop, i)
		cancel()
		r.end(i, closedBefore, err, items)
	default:
		r.callSends(i, k, ctx, cancel, timeout, closedBefore)
	}
}

// begin and finish bracket a callback-form call.
func (r *soakRun) begin() {
	r.slots <- struct{}{}
	r.pending.Add(1)
}

func (r *soakRun) finish(cancel context.CancelFunc) {
	cancel()
	<-r.slots
	r.pending.Done()
}

// slow makes one call in four a slow consumer: about 20µs an item.
func (r *soakRun) slow(i int) {
	if (r.first+i)%4 == 0 {
		time.Sleep(20 * time.Microsecond)
	}
}

// drain ranges over the blocking-form stream of call i, stopping after the
// first item if stop, and returns its items and final error.
func (r *soakRun) drain(seq iter.Seq2[int, error], stop bool, i int) (items []int, err error) {
	for v, e := range seq {
		if e != nil {
			if v != 0 {
				r.t.Errorf("final pair (%d, %v): want a zero item", v, e)
			}
			err = e
			continue
		}
		if err != nil {
			r.t.Errorf("item %d after the final error %v", v, err)
		}
		items = append(items, v)
		r.slow(i)
		if stop {
			break
		}
	}
	return items, err
}

// blocking returns a blocking implementation for a cause.
func (r *soakRun) blocking(cause int, cancel context.CancelFunc, i int) func(context.Context) (int, error) {
	id := r.first + i
	return func(ctx context.Context) (int, error) {
		switch cause {
		case cErr:
			return 0, errSoak
		case cPanic:
			panic("soak")
		case cCanceledDuring:
			cancel()
			<-ctx.Done()
			return 0, ctx.Err()
		case cTimeout:
			<-ctx.Done()
			return 0, ctx.Err()
		}
		return id, nil
	}
}

// callback returns a callback implementation for a cause.
func (r *soakRun) callback(cause int, cancel context.CancelFunc, i int) func(context.Context, func(int, error)) {
	id := r.first + i
	return func(_ context.Context, done func(int, error)) {
		switch cause {
		case cOK:
			if id%2 == 0 {
				done(id, nil)
			} else {
				go done(id, nil)
			}
		case cErr:
			done(0, errSoak)
		case cPanic:
			panic("soak")
		case cCanceledDuring:
			cancel()
			go done(id, nil)
		case cTimeout:
			r.st.dropped.Add(1) // done is dropped: lost
		case cDouble:
			r.st.doubles.Add(1)
			done(id, nil)
			done(id, errSoak)
		default:
			done(id, nil)
		}
	}
}

// source returns a blocking streaming implementation for a cause.
func (r *soakRun) source(cause int, cancel context.CancelFunc) runtimes.Source[int] {
	return openFunc(func(ctx context.Context) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			for j := range soakItems {
				switch {
				case j == 1 && cause == cErr:
					yield(0, errSoak)
					return
				case j == 1 && cause == cPanic:
					panic("soak")
				case j == 1 && cause == cCanceledDuring:
					cancel()
					<-ctx.Done()
					return
				case j == 1 && cause == cTimeout:
					<-ctx.Done()
					return
				}
				if !yield(j, nil) {
					return
				}
			}
		}
	})
}

// producer returns a callback streaming implementation for a cause: it
// respects flow control like the example of runtimes.Flow.
func (r *soakRun) producer(cause int, cancel context.CancelFunc) runtimes.Producer[int] {
	if cause == cPanic {
		return invokeFunc(func(context.Context, func(int) bool, func(error)) {
			r.st.iteratePanics.Add(1)
			panic("soak")
		})
	}
	c := coop(soakItems)
	switch cause {
	case cErr:
		return invokeFunc(func(ctx context.Context, each func(int) bool, done func(error)) {
			c.Invoke(ctx, each, func(error) { done(errSoak) })
		})
	case cCanceledDuring:
		return invokeFunc(func(ctx context.Context, each func(int) bool, done func(error)) {
			each(0)
			cancel() // and never done: the cancel ends the stream
		})
	case cTimeout:
		return invokeFunc(func(ctx context.Context, each func(int) bool, done func(error)) {
			each(0) // and never done: the deadline ends the stream
		})
	case cDouble:
		return invokeFunc(func(ctx context.Context, each func(int) bool, done func(error)) {
			c.Invoke(ctx, each, func(err error) {
				r.st.doubles.Add(1) // counted here: a stopped loop may never get this far
				done(err)
				done(errSoak)
			})
		})
	}
	return c
}

// bridge returns a callback streaming implementation that is the callback
// form (StreamCall.Start) of the blocking producer of a cause, on the same
// runtime: ranging over it is the double bridge.
func (r *soakRun) bridge(cause int, cancel context.CancelFunc) runtimes.Producer[int] {
	src := r.source(cause, cancel)
	return invokeFunc(func(ctx context.Context, each func(int) bool, done func(error)) {
		runtimes.StreamCall[int]{}.Start(r.rt, ctx, 0, src, each, done)
	})
}
