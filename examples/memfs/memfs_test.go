package memfs_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/shimgen/shimgen/examples/memfs"
	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/goroutine"
	"github.com/shimgen/shimgen/runtimes/inline"
	"github.com/shimgen/shimgen/runtimes/loop"
	"github.com/shimgen/shimgen/runtimes/pool"
)

// runtimesUnderTest builds each built-in runtime, with a misuse handler
// that records what it gets.
func runtimesUnderTest(t *testing.T, misuse func(error)) map[string]*runtimes.Runtime {
	l := loop.New(loop.Config{}, runtimes.WithMisuseHandler(misuse))
	l.Start()
	rts := map[string]*runtimes.Runtime{
		"inline":    inline.New(runtimes.WithMisuseHandler(misuse)),
		"goroutine": goroutine.New(runtimes.WithMisuseHandler(misuse)),
		"pool":      pool.New(pool.Config{Workers: 2}, runtimes.WithMisuseHandler(misuse)),
		"loop":      l.Runtime(),
	}
	t.Cleanup(func() {
		for _, rt := range rts {
			rt.Close(context.Background())
		}
	})
	return rts
}

// result waits for a completion of one value.
type result[T any] struct {
	ch chan struct {
		v   T
		err error
	}
}

func newResult[T any]() result[T] {
	return result[T]{make(chan struct {
		v   T
		err error
	}, 1)}
}

func (r result[T]) done(v T, err error) {
	r.ch <- struct {
		v   T
		err error
	}{v, err}
}

func (r result[T]) wait() (T, error) { x := <-r.ch; return x.v, x.err }

func errDone(r result[struct{}]) func(error) { return func(err error) { r.done(struct{}{}, err) } }

func newFS() *memfs.Mem {
	return memfs.New(map[string]string{"a": "alpha", "ab": "beta", "b": "gamma"})
}

// TestCallbackForm uses the callback form of the blocking Mem: handles
// arrive as FileAsync on the same runtime, and their methods, embedded ones
// included, keep the callback form's rules.
func TestCallbackForm(t *testing.T) {
	ctx := context.Background()
	for name, rt := range runtimesUnderTest(t, func(error) {}) {
		t.Run(name, func(t *testing.T) {
			fs := memfs.NewFSAsync(newFS(), rt)
			open := newResult[memfs.FileAsync]()
			fs.Open(ctx, "a", open.done)
			f, err := open.wait()
			if err != nil || f == nil {
				t.Fatalf("Open = %v, %v", f, err)
			}
			read := newResult[[]byte]()
			f.Read(ctx, 3, read.done)
			if data, err := read.wait(); string(data) != "alp" || err != nil {
				t.Fatalf("Read = %q, %v", data, err)
			}
			nm := newResult[string]()
			f.Name(ctx, nm.done)
			if n, err := nm.wait(); n != "a" || err != nil {
				t.Fatalf("Name = %q, %v", n, err)
			}
			closed := newResult[struct{}]()
			f.Close(ctx, errDone(closed))
			if _, err := closed.wait(); err != nil {
				t.Fatal(err)
			}
			f.Close(ctx, errDone(closed))
			if _, err := closed.wait(); !errors.Is(err, memfs.ErrClosed) {
				t.Fatalf("second Close = %v, want ErrClosed", err)
			}
			fs.Open(ctx, "none", open.done)
			if f, err := open.wait(); f != nil || !errors.Is(err, memfs.ErrNotExist) {
				t.Fatalf("Open(none) = %v, %v; want a nil handle and ErrNotExist", f, err)
			}
			var files []memfs.FileAsync
			walked := newResult[struct{}]()
			fs.Walk(ctx, "a", func(f memfs.FileAsync) bool { files = append(files, f); return true }, errDone(walked))
			if _, err := walked.wait(); err != nil || len(files) != 2 {
				t.Fatalf("Walk = %d files, %v", len(files), err)
			}
			files[1].Name(ctx, nm.done)
			if n, _ := nm.wait(); n != "ab" {
				t.Fatalf("second walked file is %q", n)
			}
		})
	}
}

// asyncOnly hides the generated callback adapter, so that the blocking form
// over it goes through the callback form instead of calling Mem directly.
type asyncOnly struct{ memfs.FSAsync }

// TestBlockingForm derives the blocking form from the callback form, over
// it and collapsed into direct calls, and uses handles concurrently.
func TestBlockingForm(t *testing.T) {
	ctx := context.Background()
	for name, rt := range runtimesUnderTest(t, func(error) {}) {
		for how, fs := range map[string]memfs.FS{
			"over callback": memfs.NewFSBlocking(asyncOnly{memfs.NewFSAsync(newFS(), rt)}, rt),
			"direct":        memfs.NewFSBlocking(memfs.NewFSAsync(newFS(), rt), rt),
		} {
			t.Run(name+"/"+how, func(t *testing.T) {
				var wg sync.WaitGroup
				for range 8 {
					wg.Add(1)
					go func() {
						defer wg.Done()
						f, err := fs.Open(ctx, "b")
						if err != nil {
							t.Error(err)
							return
						}
						if data, err := f.Read(ctx, 5); string(data) != "gamma" || err != nil {
							t.Errorf("Read = %q, %v", data, err)
						}
						if f.Name(ctx) != "b" {
							t.Errorf("Name = %q", f.Name(ctx))
						}
						if err := f.Close(ctx); err != nil {
							t.Error(err)
						}
					}()
				}
				wg.Wait()
				if f, err := fs.Open(ctx, "none"); f != nil || !errors.Is(err, memfs.ErrNotExist) {
					t.Fatalf("Open(none) = %v, %v", f, err)
				}
				var names []string
				for f, err := range fs.Walk(ctx, "") {
					if err != nil {
						t.Fatal(err)
					}
					names = append(names, f.Name(ctx))
					if err := f.Write(ctx, []byte("!")); err != nil {
						t.Fatal(err)
					}
				}
				if len(names) != 3 || names[0] != "a" || names[2] != "b" {
					t.Fatalf("Walk = %v", names)
				}
			})
		}
	}
}

// TestNameRefused shows where a refusal of Name, which has no error
// result, goes: the blocking form returns "" and the misuse handler gets
// runtimes.ErrUnreturned wrapping it; the callback form's done gets it.
func TestNameRefused(t *testing.T) {
	ctx := context.Background()
	var mu sync.Mutex
	var lost []error
	for name, rt := range runtimesUnderTest(t, func(err error) { mu.Lock(); lost = append(lost, err); mu.Unlock() }) {
		t.Run(name, func(t *testing.T) {
			mu.Lock()
			lost = nil
			mu.Unlock()
			f, err := memfs.NewFSBlocking(memfs.NewFSAsync(newFS(), rt), rt).Open(ctx, "a")
			if err != nil {
				t.Fatal(err)
			}
			via := memfs.NewFileBlocking(struct{ memfs.FileAsync }{memfs.NewFileAsync(f, rt)}, rt)
			canceled, cancel := context.WithCancel(ctx)
			cancel()
			if n := via.Name(canceled); n != "" {
				t.Fatalf("Name with a canceled ctx = %q, want \"\"", n)
			}
			if n := f.Name(canceled); n != "" {
				t.Fatalf("direct Name with a canceled ctx = %q, want \"\"", n)
			}
			nm := newResult[string]()
			memfs.NewFileAsync(f, rt).Name(canceled, nm.done)
			if _, err := nm.wait(); !errors.Is(err, context.Canceled) {
				t.Fatalf("callback Name with a canceled ctx: %v", err)
			}
			mu.Lock()
			defer mu.Unlock()
			if len(lost) != 2 || !errors.Is(lost[0], runtimes.ErrUnreturned) || !errors.Is(lost[1], context.Canceled) {
				t.Fatalf("misuse reports = %v, want two ErrUnreturned wrapping context.Canceled", lost)
			}
		})
	}
}

// TestHandleRules holds a handle to the runtime's rules: on the loop
// goroutine a blocking call fails with ErrWouldDeadlock instead of hanging
// (Name, without an error result, returns "" and reports it), and once the
// runtime is closed its calls fail with ErrClosed.
func TestHandleRules(t *testing.T) {
	ctx := context.Background()
	var mu sync.Mutex
	var lost []error
	l := loop.New(loop.Config{}, runtimes.WithMisuseHandler(func(err error) { mu.Lock(); lost = append(lost, err); mu.Unlock() }))
	l.Start()
	rt := l.Runtime()
	for how, fs := range map[string]memfs.FS{
		"over callback": memfs.NewFSBlocking(asyncOnly{memfs.NewFSAsync(newFS(), rt)}, rt),
		"direct":        memfs.NewFSBlocking(memfs.NewFSAsync(newFS(), rt), rt),
	} {
		f, err := fs.Open(ctx, "a")
		if err != nil {
			t.Fatal(err)
		}
		var readErr error
		var name string
		if err := rt.RunOnLoop(ctx, func() { _, readErr = f.Read(ctx, 1); name = f.Name(ctx) }); err != nil {
			t.Fatal(err)
		}
		if !errors.Is(readErr, runtimes.ErrWouldDeadlock) || name != "" {
			t.Fatalf("%s: on the loop: Read: %v, Name: %q; want ErrWouldDeadlock and \"\"", how, readErr, name)
		}
		t.Cleanup(func() {
			if _, err := f.Read(ctx, 1); !errors.Is(err, runtimes.ErrClosed) {
				t.Errorf("%s: Read after Close of the runtime: %v, want ErrClosed", how, err)
			}
		})
	}
	mu.Lock()
	if len(lost) != 2 || !errors.Is(lost[0], runtimes.ErrWouldDeadlock) || !errors.Is(lost[1], runtimes.ErrUnreturned) {
		t.Errorf("misuse reports = %v, want two ErrUnreturned wrapping ErrWouldDeadlock", lost)
	}
	mu.Unlock()
	if err := l.Close(ctx); err != nil {
		t.Fatal(err)
	}
}
