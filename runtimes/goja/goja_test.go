package goja_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync/atomic"
	"testing"
	"time"

	gojajs "github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/eventloop"
	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/goja"
)

// calc is a hand-written callback form over blocking work, delivered by the
// runtime like generated code.
type calc struct {
	rt    *runtimes.Runtime
	delay time.Duration
	busy  atomic.Int32 // calls running their blocking work
	peak  atomic.Int32
}

type addCall struct {
	runtimes.Call
	c      *calc
	a, b   int
	sum    int
	done   func(int, error)
	panics bool
}

func (k *addCall) Run(ctx context.Context) error {
	n := k.c.busy.Add(1)
	defer k.c.busy.Add(-1)
	for {
		p := k.c.peak.Load()
		if n <= p || k.c.peak.CompareAndSwap(p, n) {
			break
		}
	}
	time.Sleep(k.c.delay)
	if k.panics {
		panic("unlucky")
	}
	if k.a < 0 {
		return fmt.Errorf("negative operand %d", k.a)
	}
	k.sum = k.a + k.b
	return nil
}

func (k *addCall) Complete(err error) { k.done(k.sum, err) }

// Add adds; a negative a fails, 13 panics.
func (c *calc) Add(ctx context.Context, a, b int, done func(sum int, err error)) {
	c.rt.Start(ctx, 0, &addCall{c: c, a: a, b: b, done: done, panics: a == 13})
}

type divCall struct {
	runtimes.Call
	a, b, q, r int
	done       func(int, int, error)
}

func (k *divCall) Run(context.Context) error {
	if k.b == 0 {
		return errors.New("division by zero")
	}
	k.q, k.r = k.a/k.b, k.a%k.b
	return nil
}

func (k *divCall) Complete(err error) { k.done(k.q, k.r, err) }

// Div has two results.
func (c *calc) Div(ctx context.Context, a, b int, done func(q, r int, err error)) {
	c.rt.Start(ctx, 0, &divCall{a: a, b: b, done: done})
}

type echoCall struct {
	runtimes.Call
	in, out []byte
	done    func([]byte, error)
}

func (k *echoCall) Run(context.Context) error {
	k.out = append([]byte("echo:"), k.in...)
	return nil
}

func (k *echoCall) Complete(err error) { k.done(k.out, err) }

// Echo has a []byte parameter and result.
func (c *calc) Echo(ctx context.Context, data []byte, done func(data []byte, err error)) {
	c.rt.Start(ctx, 0, &echoCall{in: data, done: done})
}

type countSrc struct {
	runtimes.StreamCall[int]
	n, failAt int
}

func (s *countSrc) Open(ctx context.Context) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for i := 0; i < s.n; i++ {
			if i == s.failAt {
				yield(0, errors.New("count failed"))
				return
			}
			if !yield(i, nil) {
				return
			}
		}
	}
}

// Count streams 0..n-1; failAt >= 0 ends it with an error there.
func (c *calc) Count(ctx context.Context, n, failAt int, each func(int) bool, done func(error)) {
	s := &countSrc{n: n, failAt: failAt}
	s.Start(c.rt, ctx, 0, s, each, done)
}

// NotExposed has no callback shape.
func (c *calc) NotExposed() int { return 0 }

// run runs script on a fresh loop in Run mode, with calc exposed as calc and
// report(v) collecting values; it returns the reports once Run returns.
func run(t *testing.T, delay time.Duration, script string) ([]any, *calc) {
	t.Helper()
	loop := eventloop.NewEventLoop(eventloop.EnableConsole(false))
	rt := goja.New(loop, nil)
	c := &calc{rt: rt, delay: delay}
	var reports []any
	var runErr error
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		loop.Run(func(vm *gojajs.Runtime) {
			vm.Set("calc", goja.Expose(rt, vm, c))
			vm.Set("report", func(v gojajs.Value) { reports = append(reports, v.Export()) })
			_, runErr = vm.RunString(script)
		})
	}()
	select {
	case <-finished:
	case <-time.After(20 * time.Second):
		t.Fatal("loop.Run did not return")
	}
	if runErr != nil {
		t.Fatal(runErr)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := rt.Close(ctx); err != nil {
		t.Fatal(err)
	}
	return reports, c
}

func TestExposeResolveReject(t *testing.T) {
	got, _ := run(t, time.Millisecond, `
		(async () => {
			report(await calc.add(2, 3));
			report(await calc.div(17, 5));
			try { await calc.add(-1, 1); report("no error") } catch (e) { report(e instanceof Error); report(e.message) }
			try { await calc.div(1, 0) } catch (e) { report(e.message) }
			try { await calc.add(13, 0) } catch (e) { report(e.message) }
			try { await calc.echo(42); report("no error") } catch (e) { report(e instanceof TypeError) }
			const u = await calc.echo(new Uint8Array([104, 105]));
			report(u instanceof Uint8Array); report(String.fromCharCode(...u));
			report(String.fromCharCode(...await calc.echo("str")));
			report(String.fromCharCode(...await calc.echo(new Uint8Array([1,2,104]).buffer)));
			report(typeof calc.notExposed);
		})().catch(e => report("uncaught: " + e));
	`)
	want := []any{int64(5), []any{int64(3), int64(2)}, true, "negative operand -1", "division by zero",
		"runtimes: panic: unlucky", true, true, "echo:hi", "echo:str", "echo:\x01\x02h", "undefined"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("reports\n got %v\nwant %v", got, want)
	}
}

func TestExposeManyInFlight(t *testing.T) {
	got, c := run(t, 20*time.Millisecond, `
		(async () => {
			const ps = [];
			for (let i = 0; i < 200; i++) ps.push(calc.add(i + 100, 1));
			const rs = await Promise.all(ps);
			let ok = rs.length === 200;
			rs.forEach((r, i) => { if (r !== i + 101) ok = false });
			report(ok);
		})().catch(e => report("uncaught: " + e));
	`)
	if fmt.Sprint(got) != "[true]" {
		t.Fatalf("reports %v", got)
	}
	if p := c.peak.Load(); p < 2 {
		t.Fatalf("at most %d calls ran at once; want several in flight", p)
	}
}

func TestExposeStream(t *testing.T) {
	got, _ := run(t, 0, `
		(async () => {
			const it = calc.count(5, -1);
			const xs = [];
			for (let r = await it.next(); !r.done; r = await it.next()) xs.push(r.value);
			report(xs);
			report(await calc.count(3, -1).toArray());
			try { await calc.count(5, 2).toArray() } catch (e) { report(e.message) }
			const it2 = calc.count(1000000, -1);
			report((await it2.next()).value);
			await it2.return();
			report((await it2.next()).done);
			const it3 = calc.count(5, 1);
			report((await it3.next()).value);
			try { await it3.next() } catch (e) { report(e.message) }
			report((await it3.next()).done);
		})().catch(e => report("uncaught: " + e));
	`)
	want := "[[0 1 2 3 4] [0 1 2] count failed 0 true 0 count failed true]"
	if fmt.Sprint(got) != want {
		t.Fatalf("reports\n got %v\nwant %v", got, want)
	}
}

// TestKeepAlive checks that Run keeps going while a call is in flight, and
// that a JS timer keeps firing during slow Go work.
func TestKeepAliveTimerTicks(t *testing.T) {
	start := time.Now()
	got, _ := run(t, 300*time.Millisecond, `
		let ticks = 0;
		const iv = setInterval(() => ticks++, 10);
		calc.add(1, 1).then(v => { clearInterval(iv); report(v); report(ticks) });
	`)
	if len(got) != 2 || got[0] != int64(2) {
		t.Fatalf("reports %v", got)
	}
	if n := got[1].(int64); n < 5 {
		t.Fatalf("timer fired %d times during a 300ms call; want several", n)
	}
	if d := time.Since(start); d < 300*time.Millisecond {
		t.Fatalf("Run returned after %v, before the call completed", d)
	}
}

func TestKeepAliveChained(t *testing.T) {
	got, _ := run(t, 30*time.Millisecond, `
		(async () => {
			let s = 0;
			for (let i = 0; i < 5; i++) s = await calc.add(s, i);
			report(s);
		})();
	`)
	if fmt.Sprint(got) != "[10]" {
		t.Fatalf("reports %v", got)
	}
}

func TestOnLoopAndPost(t *testing.T) {
	loop := eventloop.NewEventLoop()
	loop.Start()
	rt := goja.New(loop, nil)
	if rt.OnLoop() {
		t.Fatal("OnLoop true off the loop")
	}
	on := make(chan bool)
	if err := rt.Loop().Post(runtimes.TaskFunc(func() { on <- rt.OnLoop() })); err != nil {
		t.Fatal(err)
	}
	if !<-on {
		t.Fatal("OnLoop false in a posted task")
	}
	if rt.OnLoop() {
		t.Fatal("OnLoop true off the loop")
	}
	// A blocking call on the loop is refused rather than deadlocking.
	werr := make(chan error)
	rt.Loop().Post(runtimes.TaskFunc(func() {
		werr <- rt.Wait(context.Background(), 0, nil)
	}))
	if err := <-werr; !errors.Is(err, runtimes.ErrWouldDeadlock) {
		t.Fatalf("Wait on the loop = %v, want ErrWouldDeadlock", err)
	}
	loop.Terminate()
	if err := rt.Loop().Post(runtimes.TaskFunc(func() {})); !errors.Is(err, runtimes.ErrClosed) {
		t.Fatalf("Post after Terminate = %v, want ErrClosed", err)
	}
	// A call started on a terminated loop completes with ErrClosed, on the
	// worker, instead of hanging.
	c := &calc{rt: rt}
	res := make(chan error, 1)
	c.Add(context.Background(), 1, 2, func(_ int, err error) { res <- err })
	select {
	case err := <-res:
		if !errors.Is(err, runtimes.ErrClosed) {
			t.Fatalf("call on a terminated loop: %v, want ErrClosed", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("call on a terminated loop hung")
	}
	if err := rt.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestPostAfterClose(t *testing.T) {
	loop := eventloop.NewEventLoop()
	loop.Start()
	defer loop.Stop()
	rt := goja.New(loop, nil)
	c := &calc{rt: rt, delay: 20 * time.Millisecond}
	res := make(chan int, 1)
	c.Add(context.Background(), 1, 2, func(v int, err error) {
		if !rt.OnLoop() {
			t.Error("done off the loop")
		}
		res <- v
	})
	if err := rt.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if v := <-res; v != 3 {
		t.Fatalf("in-flight call drained with %d", v)
	}
	if err := rt.Loop().Post(runtimes.TaskFunc(func() {})); !errors.Is(err, runtimes.ErrClosed) {
		t.Fatalf("Post after Close = %v, want ErrClosed", err)
	}
	ran := make(chan struct{})
	loop.RunOnLoop(func(*gojajs.Runtime) { close(ran) })
	select {
	case <-ran:
	case <-time.After(5 * time.Second):
		t.Fatal("Close stopped the event loop")
	}
}

// oneWait is the state of a blocking call over a callback implementation
// that completes at once with 1, shaped like generated code.
type oneWait struct {
	w runtimes.Wait
	v int
}

func oneInvoke(p any, _ context.Context) {
	s := p.(*oneWait)
	if s.w.Claim() {
		s.v = 1
		s.w.Finish(nil)
	}
}

// TestLoopNeverRun: without a Starter (see the package documentation), a
// blocking call on a loop never run waits for it: it ends with its
// context, with a bare context error, or completes once the loop runs; on
// a terminated loop it fails at once with ErrClosed.
func TestLoopNeverRun(t *testing.T) {
	loop := eventloop.NewEventLoop()
	rt := goja.New(loop, nil)
	if _, ok := rt.Loop().(runtimes.Starter); ok {
		t.Fatal("the adapter implements runtimes.Starter: update the package documentation")
	}
	ctx, cancel := context.WithCancel(context.Background())
	gaveUp := make(chan error, 1)
	go func() {
		s := &oneWait{}
		gaveUp <- rt.WaitFunc(ctx, nil, &s.w, s, oneInvoke)
	}()
	cancel()
	if err := <-gaveUp; err != context.Canceled {
		t.Errorf("Wait on a loop never run, canceled = %v, want context.Canceled", err)
	}
	waited := make(chan error, 1)
	s := &oneWait{}
	go func() { waited <- rt.WaitFunc(context.Background(), nil, &s.w, s, oneInvoke) }()
	loop.Start()
	select {
	case err := <-waited:
		if err != nil || s.v != 1 {
			t.Errorf("Wait made before the loop ran = (%d, %v)", s.v, err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Wait made before the loop ran hung once it ran")
	}
	loop.Terminate()
	s = &oneWait{}
	if err := rt.WaitFunc(context.Background(), nil, &s.w, s, oneInvoke); !errors.Is(err, runtimes.ErrClosed) {
		t.Errorf("Wait on a terminated loop = %v, want ErrClosed", err)
	}
	if err := rt.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestReentrantNested: every done starts the next call and makes a
// blocking call (refused with ErrWouldDeadlock on the loop), 10,000 deep:
// the chain ends, nothing blocks.
func TestReentrantNested(t *testing.T) {
	const depth = 10_000
	loop := eventloop.NewEventLoop()
	loop.Start()
	defer loop.Terminate()
	rt := goja.New(loop, nil)
	c := &calc{rt: rt}
	ended := make(chan error, 1)
	var next func(d int)
	next = func(d int) {
		c.Add(context.Background(), 1, d, func(sum int, err error) { // a = 13 panics
			if err == nil && sum != d+1 {
				err = fmt.Errorf("sum %d at depth %d", sum, d)
			}
			if err == nil {
				s := &oneWait{}
				if e := rt.WaitFunc(context.Background(), nil, &s.w, s, oneInvoke); !errors.Is(e, runtimes.ErrWouldDeadlock) {
					err = fmt.Errorf("a blocking call in done: %v", e)
				}
			}
			if err != nil || d == depth {
				ended <- err
				return
			}
			next(d + 1)
		})
	}
	next(1)
	select {
	case err := <-ended:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the chain did not end")
	}
	if err := rt.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
}
