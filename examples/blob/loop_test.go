package blob_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shimgen/shimgen/examples/blob"
	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/loop"
	"github.com/shimgen/shimgen/runtimes/pool"
)

// onLoop runs f on the loop of e and waits until it has returned.
func onLoop(t *testing.T, e *env, f func()) {
	t.Helper()
	ran := make(chan struct{})
	if err := e.lp.Post(runtimes.TaskFunc(func() {
		defer close(ran)
		f()
	})); err != nil {
		t.Fatalf("Post: %v", err)
	}
	recv(t, ran)
}

// TestLoopDonesOnLoop makes calls from the loop: every done runs on the
// loop, after the method that received it has returned. The flags are
// loop-owned, so they need no lock.
func TestLoopDonesOnLoop(t *testing.T) {
	e := newEnv(t, "loop")
	d, _ := openDir(t)
	api := blob.NewBucketAsync(d, e.rt)
	returned := make([]bool, 4)
	finished := make(chan struct{})
	check := func(i int) {
		if !e.lp.OnLoop() || !returned[i] {
			t.Errorf("call %d: done on the loop %v, after the method returned %v", i, e.lp.OnLoop(), returned[i])
		}
	}
	onLoop(t, e, func() {
		api.Put(bg, "k", []byte("v"), nil, func(error) { check(0) })
		returned[0] = true
		api.Get(bg, "k", func([]byte, bool, error) { check(1) })
		returned[1] = true
		api.Stat(bg, "k", func(blob.Info, bool, error) { check(2) })
		returned[2] = true
		api.Delete(bg, "k", func(bool, error) { check(3); close(finished) })
		returned[3] = true
	})
	recv(t, finished)
}

// TestLoopProgram is a program in the loop style: a goroutine runs the loop,
// and the program's logic lives in callbacks on it. It starts n Puts; each
// Put's done starts a Get; the last Get's done closes the runtime from the
// loop. Its state is plain data, read by the test only once Run has
// returned; -race checks that the loop alone serializes it.
func TestLoopProgram(t *testing.T) {
	base := runtime.NumGoroutine()
	d, root := openDir(t)
	lp := loop.New(loop.Config{})
	p := &program{lp: lp, api: blob.NewBucketAsync(d, lp.Runtime()), n: 50, got: map[string]string{}}
	if err := lp.Post(runtimes.TaskFunc(p.start)); err != nil {
		t.Fatal(err)
	}
	runErr := make(chan error, 1)
	go func() { runErr <- lp.Run() }()
	if err := recv(t, runErr); err != nil {
		t.Fatalf("Run: %v", err)
	}
	p.check(t)
	if names := listing(t, root); len(names) != p.n {
		t.Errorf("%d files, want %d", len(names), p.n)
	}
	if err := lp.Post(runtimes.TaskFunc(func() {})); !errors.Is(err, runtimes.ErrClosed) {
		t.Errorf("Post after the program ended: %v, want ErrClosed", err)
	}
	settleGoroutines(t, base)
}

// program is the state of TestLoopProgram's program: plain data, touched
// only on the loop (and by the test once the loop has stopped).
type program struct {
	lp                   *loop.Loop
	api                  blob.BucketAsync
	n                    int
	got                  map[string]string
	puts, gets, failures int
}

// start starts the n Puts.
func (p *program) start() {
	for i := range p.n {
		key := fmt.Sprint("key/", i)
		p.api.Put(bg, key, []byte("value "+key), nil, func(err error) { p.put(key, err) })
	}
}

// put is the done of a Put: it starts the Get.
func (p *program) put(key string, err error) {
	p.puts++
	if err != nil {
		p.failures++
		p.finish()
		return
	}
	p.api.Get(bg, key, func(data []byte, found bool, err error) {
		p.gets++
		if err != nil || !found {
			p.failures++
		}
		p.got[key] = string(data)
		p.finish()
	})
}

// finish closes the runtime once every key is done with. On the loop, Close
// returns at once; the loop stops when the runtime has drained.
func (p *program) finish() {
	if p.gets+p.failures == p.n {
		if err := p.lp.Close(bg); err != nil {
			p.failures++
		}
	}
}

func (p *program) check(t *testing.T) {
	t.Helper()
	if p.puts != p.n || p.gets != p.n || p.failures != 0 || len(p.got) != p.n {
		t.Errorf("%d puts, %d gets, %d failures, %d results; want %d, %d, 0, %d",
			p.puts, p.gets, p.failures, len(p.got), p.n, p.n, p.n)
	}
	for key, v := range p.got {
		if v != "value "+key {
			t.Errorf("%q: got %q", key, v)
		}
	}
}

// TestLoopBlockingOnLoop calls the blocking forms on the loop, from a task
// and from a done callback. Both refuse at once with ErrWouldDeadlock: the
// wait path without invoking the callback implementation, the direct path
// without calling the blocking one (blocking I/O would stall the loop).
func TestLoopBlockingOnLoop(t *testing.T) {
	e := newEnv(t, "loop")
	d, _ := openDir(t)
	var invoked atomic.Int64
	async := blob.NewBucketAsync(d, e.rt)
	wait := blob.NewBucketBlocking(forward{inner: async, seen: func(string, context.Context) { invoked.Add(1) }}, e.rt)
	direct := blob.NewBucketBlocking(async, e.rt)
	errs := make(chan error, 4)
	try := func() {
		begin := time.Now()
		errs <- wait.Put(bg, "k", []byte("v"))
		if d := time.Since(begin); d > time.Second {
			t.Errorf("ErrWouldDeadlock took %v", d)
		}
		errs <- direct.Put(bg, "k", []byte("v"))
	}
	onLoop(t, e, func() {
		try()
		async.Stat(bg, "k", func(blob.Info, bool, error) { try() })
	})
	for i := range 4 {
		if err := recv(t, errs); !errors.Is(err, runtimes.ErrWouldDeadlock) {
			t.Errorf("call %d on the loop: %v, want ErrWouldDeadlock", i, err)
		}
	}
	if _, found, _ := d.Stat(bg, "k"); found {
		t.Error("the direct path wrote the blob although it refused the call")
	}
	if n := invoked.Load(); n != 0 {
		t.Errorf("the callback implementation was invoked %d times", n)
	}
}

// TestDirectPath checks that the round trip is a direct call: it works on a
// loop that is not running, where the wait path cannot make progress (see
// also TestOverloaded, where it works on a full pool).
func TestDirectPath(t *testing.T) {
	base := runtime.NumGoroutine()
	d, _ := openDir(t)
	lp := loop.New(loop.Config{})
	rt := lp.Runtime()
	direct := blob.NewBucketBlocking(blob.NewBucketAsync(d, rt), rt)
	mustPut(t, direct, "k", "v")
	wantGet(t, direct, "k", "v")
	wait := blob.NewBucketBlocking(forward{inner: blob.NewBucketAsync(d, rt)}, rt)
	ctx, cancel := context.WithTimeout(bg, 20*time.Millisecond)
	defer cancel()
	if _, _, err := wait.Get(ctx, "k"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("wait path on a stopped loop: %v, want DeadlineExceeded", err)
	}
	lp.Start()
	if err := lp.Close(bg); err != nil {
		t.Error(err)
	}
	settleGoroutines(t, base)
}

// blocker is a blocking implementation that announces each call, then
// waits until released.
type blocker struct {
	*blob.Dir
	entered chan string
	release chan struct{}
}

func (b blocker) Put(ctx context.Context, key string, data []byte, opts ...blob.PutOption) error {
	b.entered <- key
	<-b.release
	return b.Dir.Put(ctx, key, data, opts...)
}

// TestOverloaded fills a pool of one worker and a queue of one: the next
// call is refused with ErrOverloaded, in the callback form and through the
// wait path, while the direct path still works.
func TestOverloaded(t *testing.T) {
	base := runtime.NumGoroutine()
	d, root := openDir(t)
	rt := pool.New(pool.Config{Workers: 1, Queue: 1})
	impl := blocker{d, make(chan string, 2), make(chan struct{})}
	async := blob.NewBucketAsync(impl, rt)
	errs := make(chan error, 3)
	put := func(key string) { async.Put(bg, key, []byte(key), nil, func(err error) { errs <- err }) }
	put("running")
	recv(t, impl.entered) // the worker is busy
	put("queued")
	put("refused")
	if err := recv(t, errs); !errors.Is(err, runtimes.ErrOverloaded) {
		t.Errorf("third Put: %v, want ErrOverloaded", err)
	}
	wait := blob.NewBucketBlocking(forward{inner: async}, rt)
	if err := wait.Put(bg, "refused", nil); !errors.Is(err, runtimes.ErrOverloaded) {
		t.Errorf("wait path: %v, want ErrOverloaded", err)
	}
	mustPut(t, blob.NewBucketBlocking(blob.NewBucketAsync(d, rt), rt), "direct", "d")
	close(impl.release)
	for range 2 {
		if err := recv(t, errs); err != nil {
			t.Errorf("accepted Put: %v", err)
		}
	}
	if names := listing(t, root); len(names) != 3 {
		t.Errorf("files %q, want running, queued and direct", names)
	}
	if err := rt.Close(bg); err != nil {
		t.Error(err)
	}
	settleGoroutines(t, base)
}
