package blob_test

import (
	"bytes"
	"context"
	"errors"
	"iter"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/shimgen/shimgen/examples/blob"
	"github.com/shimgen/shimgen/runtimes"
)

// A stream is consumed three ways: ranging over the blocking form (through
// the direct path, and through the wait path over a hand-written callback
// implementation), and with each and done in the callback form.

// ranger is one way of getting the blocking form of an implementation.
type ranger struct {
	name string
	wrap func(e *env, impl blob.Bucket) blob.Bucket
}

var rangers = []ranger{
	{"direct", func(e *env, impl blob.Bucket) blob.Bucket {
		return blob.NewBucketBlocking(blob.NewBucketAsync(impl, e.rt), e.rt)
	}},
	{"wait", func(e *env, impl blob.Bucket) blob.Bucket {
		return blob.NewBucketBlocking(forward{inner: blob.NewBucketAsync(impl, e.rt)}, e.rt)
	}},
}

// collect ranges over seq, stopping after stopAfter items (when > 0), and
// returns the items and the final error.
func collect[T any](seq iter.Seq2[T, error], stopAfter int) ([]T, error) {
	var items []T
	for v, err := range seq {
		if err != nil {
			return items, err
		}
		items = append(items, v)
		if len(items) == stopAfter {
			break
		}
	}
	return items, nil
}

// streamed is what each and done saw in the callback form.
type streamed[T any] struct {
	items   []T
	offLoop bool // an each ran off the loop (loop runtime only)
}

// consume runs a stream of the callback form: start is given each and done.
// each stops after stopAfter items (when > 0) and calls onItem first, if set.
// It returns the items and done's error, and checks where done ran.
func consume[T any](t *testing.T, e *env, stopAfter int, onItem func(T), start func(each func(T) bool, done func(error))) ([]T, error) {
	t.Helper()
	c := track[streamed[T]](e)
	var s streamed[T]
	each := func(v T) bool {
		if e.kind == "loop" && !e.rt.OnLoop() {
			s.offLoop = true
		}
		if onItem != nil {
			onItem(v)
		}
		s.items = append(s.items, v)
		return len(s.items) != stopAfter
	}
	start(each, func(err error) { c.done(s, err) })
	got, err := c.wait(t)
	if got.offLoop {
		t.Error("each ran off the loop")
	}
	return got.items, err
}

func keysOf(entries []blob.Entry) []string {
	var keys []string
	for _, en := range entries {
		keys = append(keys, en.Key)
	}
	return keys
}

// fill stores blobs under keys, each holding its key (in one-byte chunks,
// "k" is one chunk: tests that need several use "key").
func fill(t *testing.T, b blob.Bucket, keys ...string) {
	t.Helper()
	for _, k := range keys {
		mustPut(t, b, k, k)
	}
}

func TestList(t *testing.T) {
	want := []string{"a/1", "a/2", "a/3"}
	forEachRuntime(t, func(t *testing.T, e *env) {
		d, _ := openDir(t)
		fill(t, d, "b/1", "a/3", "a/1", "a.x", "a/2")
		for _, r := range rangers {
			entries, err := collect(r.wrap(e, d).List(bg, "a/"), 0)
			if err != nil || !slices.Equal(keysOf(entries), want) {
				t.Errorf("%s: List = %q, %v; want %q", r.name, keysOf(entries), err, want)
			}
			if len(entries) > 0 && entries[0].Info.Size != 3 {
				t.Errorf("%s: entry %+v, want size 3", r.name, entries[0])
			}
		}
		entries, err := consume(t, e, 0, nil, func(each func(blob.Entry) bool, done func(error)) {
			blob.NewBucketAsync(d, e.rt).List(bg, "a/", each, done)
		})
		if err != nil || !slices.Equal(keysOf(entries), want) {
			t.Errorf("callback: List = %q, %v; want %q", keysOf(entries), err, want)
		}
	})
}

func TestReadChunks(t *testing.T) {
	data := make([]byte, 10_000)
	for i := range data {
		data[i] = byte(rand.IntN(256))
	}
	forEachRuntime(t, func(t *testing.T, e *env) {
		d, _ := openDir(t)
		if err := d.Put(bg, "k", data); err != nil {
			t.Fatal(err)
		}
		check := func(form string, chunks [][]byte, err error) {
			t.Helper()
			if err != nil || len(chunks) != 4 || len(chunks[3]) != 1000 || !bytes.Equal(bytes.Join(chunks, nil), data) {
				t.Errorf("%s: %d chunks, %v; want 4 making up the blob", form, len(chunks), err)
			}
		}
		for _, r := range rangers {
			chunks, err := collect(r.wrap(e, d).ReadChunks(bg, "k", 3000), 0)
			check(r.name, chunks, err)
		}
		chunks, err := consume(t, e, 0, nil, func(each func([]byte) bool, done func(error)) {
			blob.NewBucketAsync(d, e.rt).ReadChunks(bg, "k", 3000, each, done)
		})
		check("callback", chunks, err)
	})
}

func TestReadChunksFails(t *testing.T) {
	cases := []struct {
		key  string
		size int
		want error
	}{
		{"missing", 10, blob.ErrNotFound},
		{"k", 0, blob.ErrInvalidSize},
		{"", 10, blob.ErrInvalidKey},
	}
	forEachRuntime(t, func(t *testing.T, e *env) {
		d, _ := openDir(t)
		fill(t, d, "k")
		for _, tc := range cases {
			for _, r := range rangers {
				chunks, err := collect(r.wrap(e, d).ReadChunks(bg, tc.key, tc.size), 0)
				if !errors.Is(err, tc.want) || len(chunks) != 0 {
					t.Errorf("%s: ReadChunks(%q, %d) = %d chunks, %v; want %v", r.name, tc.key, tc.size, len(chunks), err, tc.want)
				}
			}
			_, err := consume(t, e, 0, nil, func(each func([]byte) bool, done func(error)) {
				blob.NewBucketAsync(d, e.rt).ReadChunks(bg, tc.key, tc.size, each, done)
			})
			if !errors.Is(err, tc.want) {
				t.Errorf("callback: ReadChunks(%q, %d): %v, want %v", tc.key, tc.size, err, tc.want)
			}
		}
	})
}

// watched is a Bucket whose ReadChunks reports when its iterator has
// returned (the file is closed by then), and panics at chunk panicAt (when
// > 0).
type watched struct {
	*blob.Dir
	returned chan struct{}
	panicAt  int
}

func newWatched(d *blob.Dir) *watched { return &watched{Dir: d, returned: make(chan struct{})} }

func (w *watched) ReadChunks(ctx context.Context, key string, size int) iter.Seq2[[]byte, error] {
	return func(yield func([]byte, error) bool) {
		defer close(w.returned)
		n := 0
		for chunk, err := range w.Dir.ReadChunks(ctx, key, size) {
			if n++; n == w.panicAt {
				panic("disk on fire")
			}
			if !yield(chunk, err) {
				return
			}
		}
	}
}

// TestStreamEarlyStop stops after the first chunk: the producer's iterator
// returns, so its file is closed, in every form.
func TestStreamEarlyStop(t *testing.T) {
	forEachRuntime(t, func(t *testing.T, e *env) {
		d, _ := openDir(t)
		fill(t, d, "key")
		for _, r := range rangers {
			w := newWatched(d)
			chunks, err := collect(r.wrap(e, w).ReadChunks(bg, "key", 1), 1)
			if err != nil || len(chunks) != 1 {
				t.Errorf("%s: %d chunks, %v; want 1", r.name, len(chunks), err)
			}
			recv(t, w.returned)
		}
		w := newWatched(d)
		chunks, err := consume(t, e, 1, nil, func(each func([]byte) bool, done func(error)) {
			blob.NewBucketAsync(w, e.rt).ReadChunks(bg, "key", 1, func(c []byte) bool {
				return each(c)
			}, func(err error) {
				select {
				case <-w.returned:
				default:
					t.Error("callback: done ran before the producer returned")
				}
				done(err)
			})
		})
		if err != nil || len(chunks) != 1 {
			t.Errorf("callback: %d chunks, %v; want 1", len(chunks), err)
		}
	})
}

// TestStreamCancel cancels the context after the first chunk: the stream ends
// with context.Canceled in every form.
func TestStreamCancel(t *testing.T) {
	forEachRuntime(t, func(t *testing.T, e *env) {
		d, _ := openDir(t)
		fill(t, d, "key")
		for _, r := range rangers {
			ctx, cancel := context.WithCancel(bg)
			defer cancel()
			var chunks int
			var err error
			for _, err = range r.wrap(e, d).ReadChunks(ctx, "key", 1) {
				if err != nil {
					break
				}
				chunks++
				cancel()
			}
			if !errors.Is(err, context.Canceled) || chunks != 1 {
				t.Errorf("%s: %d chunks, %v; want 1 and Canceled", r.name, chunks, err)
			}
		}
		ctx, cancel := context.WithCancel(bg)
		defer cancel()
		chunks, err := consume(t, e, 0, func([]byte) { cancel() }, func(each func([]byte) bool, done func(error)) {
			blob.NewBucketAsync(d, e.rt).ReadChunks(ctx, "key", 1, each, done)
		})
		if !errors.Is(err, context.Canceled) || len(chunks) != 1 {
			t.Errorf("callback: %d chunks, %v; want 1 and Canceled", len(chunks), err)
		}
	})
}

// TestStreamPanic has the producer panic at its second chunk: the stream
// ends with a *runtimes.PanicError in every form.
func TestStreamPanic(t *testing.T) {
	isPanic := func(err error) bool {
		var pe *runtimes.PanicError
		return errors.As(err, &pe) && pe.Value == "disk on fire"
	}
	forEachRuntime(t, func(t *testing.T, e *env) {
		d, _ := openDir(t)
		fill(t, d, "key")
		for _, r := range rangers {
			w := newWatched(d)
			w.panicAt = 2
			chunks, err := collect(r.wrap(e, w).ReadChunks(bg, "key", 1), 0)
			if !isPanic(err) || len(chunks) != 1 {
				t.Errorf("%s: %d chunks, %v; want 1 and the panic", r.name, len(chunks), err)
			}
		}
		w := newWatched(d)
		w.panicAt = 2
		chunks, err := consume(t, e, 0, nil, func(each func([]byte) bool, done func(error)) {
			blob.NewBucketAsync(w, e.rt).ReadChunks(bg, "key", 1, each, done)
		})
		if !isPanic(err) || len(chunks) != 1 {
			t.Errorf("callback: %d chunks, %v; want 1 and the panic", len(chunks), err)
		}
	})
}

// TestStreamOnLoop ranges over the blocking form on the loop goroutine: the
// stream fails at once with ErrWouldDeadlock instead of hanging the loop.
func TestStreamOnLoop(t *testing.T) {
	e := newEnv(t, "loop")
	d, _ := openDir(t)
	fill(t, d, "k")
	for _, r := range rangers {
		onLoop(t, e, func() {
			_, err := collect(r.wrap(e, d).List(bg, ""), 0)
			if !errors.Is(err, runtimes.ErrWouldDeadlock) {
				t.Errorf("%s: List on the loop: %v, want ErrWouldDeadlock", r.name, err)
			}
		})
	}
}
