package blob_test

import (
	"context"
	"iter"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shimgen/shimgen/examples/blob"
	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/goroutine"
	"github.com/shimgen/shimgen/runtimes/inline"
	"github.com/shimgen/shimgen/runtimes/loop"
	"github.com/shimgen/shimgen/runtimes/pool"
)

// patience bounds every wait of the tests; nothing should come near it.
const patience = 10 * time.Second

var bg = context.Background()

// kinds names the built-in runtimes.
var kinds = []string{"inline", "goroutine", "pool", "loop"}

// env is a fresh runtime under test. Its cleanup closes the runtime, checks
// that every tracked call completed exactly once, that the implementation
// never misused the contract, that the loop stopped and that no goroutine
// was left behind.
type env struct {
	kind   string
	rt     *runtimes.Runtime
	lp     *loop.Loop // nil unless kind is "loop"
	runErr <-chan error
	closed bool
	calls  atomic.Int64 // tracked calls started
	dones  atomic.Int64 // tracked done callbacks run
}

func newEnv(t *testing.T, kind string) *env {
	t.Helper()
	base := runtime.NumGoroutine()
	e := &env{kind: kind}
	e.open(runtimes.WithMisuseHandler(func(err error) { t.Errorf("misuse: %v", err) }))
	t.Cleanup(func() {
		e.close(t)
		if c, d := e.calls.Load(), e.dones.Load(); c != d {
			t.Errorf("%d calls, %d done callbacks", c, d)
		}
		settleGoroutines(t, base)
	})
	return e
}

// open builds the runtime of e's kind and runs its loop, if any.
func (e *env) open(opt runtimes.Option) {
	switch e.kind {
	case "inline":
		e.rt = inline.New(opt)
	case "goroutine":
		e.rt = goroutine.New(opt)
	case "pool":
		e.rt = pool.New(pool.Config{Workers: 2}, opt)
	case "loop":
		e.lp = loop.New(loop.Config{}, opt)
		e.rt = e.lp.Runtime()
		e.runErr = e.lp.Go()
	default:
		panic("unknown runtime " + e.kind)
	}
}

// forEachRuntime runs f in a subtest per built-in runtime, each with a
// fresh env.
func forEachRuntime(t *testing.T, f func(t *testing.T, e *env)) {
	for _, k := range kinds {
		t.Run(k, func(t *testing.T) { f(t, newEnv(t, k)) })
	}
}

// close closes the runtime and waits for its loop to stop, once.
func (e *env) close(t *testing.T) {
	t.Helper()
	if e.closed {
		return
	}
	e.closed = true
	ctx, cancel := context.WithTimeout(bg, patience)
	defer cancel()
	if err := e.rt.Close(ctx); err != nil {
		t.Errorf("Close: %v", err)
	}
	if e.lp != nil {
		if err := recv(t, e.runErr); err != nil {
			t.Errorf("Run: %v", err)
		}
	}
}

// outcome is what one done callback received, and where it ran.
type outcome[T any] struct {
	val    T
	err    error
	gid    uint64
	onLoop bool
}

// tracked is one call of the callback form whose done is checked.
type tracked[T any] struct {
	e      *env
	ch     chan outcome[T]
	caller uint64
}

// track starts tracking a call made by the calling goroutine.
func track[T any](e *env) *tracked[T] {
	e.calls.Add(1)
	return &tracked[T]{e: e, ch: make(chan outcome[T], 2), caller: goid()}
}

// done is the call's completion, adapted by the caller to the method's
// done signature.
func (c *tracked[T]) done(v T, err error) {
	c.e.dones.Add(1)
	c.ch <- outcome[T]{v, err, goid(), c.e.rt.OnLoop()}
}

// wait returns what done received, once the method has returned, and
// checks where done ran: before the method returned on the inline runtime,
// on the loop for the loop runtime (unless closed: a stopped loop cannot
// run it), on another goroutine for the others.
func (c *tracked[T]) wait(t *testing.T) (T, error) {
	t.Helper()
	if c.e.kind == "inline" && len(c.ch) == 0 {
		t.Error("inline: done did not run before the method returned")
	}
	o := recv(t, c.ch)
	switch {
	case c.e.kind == "inline" && o.gid != c.caller:
		t.Error("inline: done ran on another goroutine")
	case c.e.kind != "inline" && o.gid == c.caller:
		t.Error("done ran on the caller's goroutine")
	case c.e.kind == "loop" && !c.e.closed && !o.onLoop:
		t.Error("done ran off the loop")
	}
	return o.val, o.err
}

// waitSent is wait for a call whose caller sent items: its done runs where
// the sending ended, which on the inline runtime is wherever the
// implementation ran, so only the loop's rule is checked.
func (c *tracked[T]) waitSent(t *testing.T) (T, error) {
	t.Helper()
	o := recv(t, c.ch)
	if c.e.kind == "loop" && !c.e.closed && !o.onLoop {
		t.Error("done ran off the loop")
	}
	return o.val, o.err
}

// goid returns the calling goroutine's id, parsed from its stack header
// "goroutine 42 [running]:".
func goid() uint64 {
	var buf [64]byte
	s := strings.TrimPrefix(string(buf[:runtime.Stack(buf[:], false)]), "goroutine ")
	id, err := strconv.ParseUint(s[:strings.IndexByte(s, ' ')], 10, 64)
	if err != nil {
		panic("goid: " + err.Error())
	}
	return id
}

// getResult and statResult hold the results of one call.
type (
	getResult struct {
		data  []byte
		found bool
	}
	statResult struct {
		info  blob.Info
		found bool
	}
)

// awaited turns the callback form into a blob.Bucket for the tests: each
// method makes one tracked call and waits for its done.
type awaited struct {
	t *testing.T
	e *env
	a blob.BucketAsync
}

func (w awaited) Get(ctx context.Context, key string) ([]byte, bool, error) {
	c := track[getResult](w.e)
	w.a.Get(ctx, key, func(d []byte, f bool, err error) { c.done(getResult{d, f}, err) })
	r, err := c.wait(w.t)
	return r.data, r.found, err
}

func (w awaited) Put(ctx context.Context, key string, data []byte, opts ...blob.PutOption) error {
	c := track[struct{}](w.e)
	w.a.Put(ctx, key, data, opts, func(err error) { c.done(struct{}{}, err) })
	_, err := c.wait(w.t)
	return err
}

func (w awaited) Delete(ctx context.Context, key string) (bool, error) {
	c := track[bool](w.e)
	w.a.Delete(ctx, key, c.done)
	return c.wait(w.t)
}

func (w awaited) Stat(ctx context.Context, key string) (blob.Info, bool, error) {
	c := track[statResult](w.e)
	w.a.Stat(ctx, key, func(i blob.Info, f bool, err error) { c.done(statResult{i, f}, err) })
	r, err := c.wait(w.t)
	return r.info, r.found, err
}

func (w awaited) List(ctx context.Context, prefix string) iter.Seq2[blob.Entry, error] {
	return replay(w, func(each func(blob.Entry) bool, done func(error)) { w.a.List(ctx, prefix, each, done) })
}

func (w awaited) ReadChunks(ctx context.Context, key string, size int) iter.Seq2[[]byte, error] {
	return replay(w, func(each func([]byte) bool, done func(error)) { w.a.ReadChunks(ctx, key, size, each, done) })
}

func (w awaited) Upload(ctx context.Context, key string, chunks iter.Seq[[]byte]) (int64, error) {
	c := track[int64](w.e)
	push(w.a.Upload(ctx, key, c.done), chunks)
	return c.waitSent(w.t)
}

// push sends the items of seq through s as fast as s has room, waiting for
// it with OnReady (whose callback goes on pulling seq where it stopped),
// then closes the sending side. It stops at the first failed Send: the call
// has ended, and its done says how.
func push[T any](s runtimes.Sender[T], seq iter.Seq[T]) {
	next, stop := iter.Pull(seq)
	var send func()
	send = func() {
		for s.Ready() {
			v, ok := next()
			if !ok {
				stop()
				s.CloseSend()
				return
			}
			if s.Send(v) != nil {
				stop()
				return
			}
		}
		s.OnReady(send)
	}
	send()
}

// replay runs a stream of the callback form to its end when ranged over,
// then yields what it received.
func replay[T any](w awaited, start func(each func(T) bool, done func(error))) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		items, err := consume(w.t, w.e, 0, nil, start)
		for _, v := range items {
			if !yield(v, nil) {
				return
			}
		}
		if err != nil {
			var zero T
			yield(zero, err)
		}
	}
}

// forward is a hand-written callback implementation (not made by
// NewBucketAsync, so the blocking form over it takes the wait path). It
// forwards to another callback implementation, reporting each call's
// context to seen, if set.
type forward struct {
	inner blob.BucketAsync
	seen  func(method string, ctx context.Context)
}

func (f forward) saw(method string, ctx context.Context) {
	if f.seen != nil {
		f.seen(method, ctx)
	}
}

func (f forward) Get(ctx context.Context, key string, done func([]byte, bool, error)) {
	f.saw("Get", ctx)
	f.inner.Get(ctx, key, done)
}

func (f forward) Put(ctx context.Context, key string, data []byte, opts []blob.PutOption, done func(error)) {
	f.saw("Put", ctx)
	f.inner.Put(ctx, key, data, opts, done)
}

func (f forward) Delete(ctx context.Context, key string, done func(bool, error)) {
	f.saw("Delete", ctx)
	f.inner.Delete(ctx, key, done)
}

func (f forward) Stat(ctx context.Context, key string, done func(blob.Info, bool, error)) {
	f.saw("Stat", ctx)
	f.inner.Stat(ctx, key, done)
}

func (f forward) List(ctx context.Context, prefix string, each func(blob.Entry) bool, done func(error)) {
	f.saw("List", ctx)
	f.inner.List(ctx, prefix, each, done)
}

func (f forward) ReadChunks(ctx context.Context, key string, size int, each func([]byte) bool, done func(error)) {
	f.saw("ReadChunks", ctx)
	f.inner.ReadChunks(ctx, key, size, each, done)
}

func (f forward) Upload(ctx context.Context, key string, done func(int64, error)) runtimes.Sender[[]byte] {
	f.saw("Upload", ctx)
	return f.inner.Upload(ctx, key, done)
}

// form is one way of calling a blocking implementation.
type form struct {
	name string
	wrap func(t *testing.T, e *env, impl blob.Bucket) blob.Bucket
}

// forms are the three ways: the callback form (through awaited), the
// blocking form over a hand-written callback implementation (the wait path)
// and the round trip (the direct path).
var forms = []form{
	{"callback", func(t *testing.T, e *env, impl blob.Bucket) blob.Bucket {
		return awaited{t, e, blob.NewBucketAsync(impl, e.rt)}
	}},
	{"wait", func(t *testing.T, e *env, impl blob.Bucket) blob.Bucket {
		return blob.NewBucketBlocking(forward{inner: blob.NewBucketAsync(impl, e.rt)}, e.rt)
	}},
	{"direct", func(t *testing.T, e *env, impl blob.Bucket) blob.Bucket {
		return blob.NewBucketBlocking(blob.NewBucketAsync(impl, e.rt), e.rt)
	}},
}

// forEachForm runs f in a subtest per runtime and form, each with a fresh
// env.
func forEachForm(t *testing.T, f func(t *testing.T, e *env, fm form)) {
	for _, k := range kinds {
		t.Run(k, func(t *testing.T) {
			for _, fm := range forms {
				t.Run(fm.name, func(t *testing.T) { f(t, newEnv(t, k), fm) })
			}
		})
	}
}

func recv[T any](t *testing.T, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(patience):
		t.Fatal("timed out")
		panic("unreachable")
	}
}

// settleGoroutines fails t if the number of goroutines does not come back
// to base within patience.
func settleGoroutines(t *testing.T, base int) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for runtime.NumGoroutine() > base {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			buf = buf[:runtime.Stack(buf, true)]
			t.Errorf("%d goroutines, want <= %d:\n%s", runtime.NumGoroutine(), base, buf)
			return
		}
		time.Sleep(time.Millisecond)
	}
}
