package blob_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shimgen/shimgen/examples/blob"
	"github.com/shimgen/shimgen/runtimes"
)

// openDir returns a Dir over a new directory "bucket" inside a temporary
// one, so that a file escaping the bucket would show up beside it.
func openDir(t *testing.T) (*blob.Dir, string) {
	t.Helper()
	root := filepath.Join(t.TempDir(), "bucket")
	d, err := blob.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	return d, root
}

// listing returns the names in dir.
func listing(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, de := range entries {
		if !de.Type().IsRegular() {
			t.Errorf("%s is not a regular file (%v)", de.Name(), de.Type())
		}
		names = append(names, de.Name())
	}
	return names
}

// TestBucket runs the blob scenarios through every form on every runtime.
func TestBucket(t *testing.T) {
	scenarios := []struct {
		name string
		run  func(t *testing.T, b blob.Bucket, root string)
	}{
		{"round trip", checkRoundTrip},
		{"options", checkOptions},
		{"invalid keys", checkInvalidKeys},
		{"containment", checkContainment},
		{"upload", checkUpload},
	}
	forEachForm(t, func(t *testing.T, e *env, fm form) {
		for _, sc := range scenarios {
			t.Run(sc.name, func(t *testing.T) {
				d, root := openDir(t)
				sc.run(t, fm.wrap(t, e, d), root)
			})
		}
	})
}

func mustPut(t *testing.T, b blob.Bucket, key, data string, opts ...blob.PutOption) {
	t.Helper()
	if err := b.Put(bg, key, []byte(data), opts...); err != nil {
		t.Fatalf("Put(%q): %v", key, err)
	}
}

func wantGet(t *testing.T, b blob.Bucket, key, want string) {
	t.Helper()
	data, found, err := b.Get(bg, key)
	if err != nil || !found || string(data) != want {
		t.Errorf("Get(%q) = (%q, %v, %v), want %q", key, data, found, err, want)
	}
}

func wantMissing(t *testing.T, b blob.Bucket, key string) {
	t.Helper()
	if data, found, err := b.Get(bg, key); err != nil || found || data != nil {
		t.Errorf("Get(%q) = (%q, %v, %v), want not found", key, data, found, err)
	}
	if info, found, err := b.Stat(bg, key); err != nil || found || info != (blob.Info{}) {
		t.Errorf("Stat(%q) = (%v, %v, %v), want not found", key, info, found, err)
	}
}

func wantStat(t *testing.T, b blob.Bucket, key string, size int64, mode fs.FileMode) {
	t.Helper()
	info, found, err := b.Stat(bg, key)
	if err != nil || !found || info.Size != size || info.Mode != mode || info.ModTime.IsZero() {
		t.Errorf("Stat(%q) = (%+v, %v, %v), want size %d, mode %v", key, info, found, err, size, mode)
	}
}

func checkRoundTrip(t *testing.T, b blob.Bucket, root string) {
	wantMissing(t, b, "a")
	mustPut(t, b, "a", "hello")
	wantGet(t, b, "a", "hello")
	mustPut(t, b, "a", "bye")
	wantGet(t, b, "a", "bye")
	wantStat(t, b, "a", 3, 0o644)
	if existed, err := b.Delete(bg, "a"); err != nil || !existed {
		t.Errorf("Delete = (%v, %v), want true", existed, err)
	}
	if existed, err := b.Delete(bg, "a"); err != nil || existed {
		t.Errorf("second Delete = (%v, %v), want false", existed, err)
	}
	wantMissing(t, b, "a")
	if names := listing(t, root); len(names) != 0 {
		t.Errorf("files left: %q", names)
	}
}

func checkOptions(t *testing.T, b blob.Bucket, root string) {
	mustPut(t, b, "private", "p", blob.WithMode(0o600))
	wantStat(t, b, "private", 1, 0o600)
	mustPut(t, b, "plain", "pp")
	wantStat(t, b, "plain", 2, 0o644)
	err := b.Put(bg, "private", []byte("other"), blob.IfAbsent())
	if !errors.Is(err, blob.ErrExists) {
		t.Errorf("Put IfAbsent over a blob: %v, want ErrExists", err)
	}
	wantGet(t, b, "private", "p")
	mustPut(t, b, "fresh", "f", blob.IfAbsent(), blob.WithMode(0o640))
	wantStat(t, b, "fresh", 1, 0o640)
	if names := listing(t, root); len(names) != 3 {
		t.Errorf("files: %q, want 3 (no temporary file left)", names)
	}
}

func checkInvalidKeys(t *testing.T, b blob.Bucket, root string) {
	for _, key := range []string{"", strings.Repeat("k", 256)} {
		_, _, err1 := b.Get(bg, key)
		err2 := b.Put(bg, key, []byte("x"))
		_, err3 := b.Delete(bg, key)
		_, _, err4 := b.Stat(bg, key)
		for i, err := range []error{err1, err2, err3, err4} {
			if !errors.Is(err, blob.ErrInvalidKey) {
				t.Errorf("call %d with a key of %d bytes: %v, want ErrInvalidKey", i+1, len(key), err)
			}
		}
	}
	longest := strings.Repeat("k", 255)
	mustPut(t, b, longest, "ok")
	wantGet(t, b, longest, "ok")
	if names := listing(t, root); len(names) != 1 {
		t.Errorf("files: %q, want 1", names)
	}
}

// escapees are keys that would reach outside a naive directory store.
var escapees = []string{
	"a/b/c", "../escape", "..", ".", "/etc/passwd", "x/../../y",
	`..\windows`, "%2E%2E", "a%2Fb", "./.",
}

func checkContainment(t *testing.T, b blob.Bucket, root string) {
	for _, key := range escapees {
		mustPut(t, b, key, "data of "+key)
	}
	for _, key := range escapees {
		wantGet(t, b, key, "data of "+key)
	}
	if names := listing(t, root); len(names) != len(escapees) {
		t.Errorf("bucket holds %q, want %d files", names, len(escapees))
	}
	if beside, err := os.ReadDir(filepath.Dir(root)); err != nil || len(beside) != 1 {
		t.Errorf("beside the bucket: %v, %v; want the bucket alone", beside, err)
	}
	for _, key := range escapees {
		if existed, err := b.Delete(bg, key); err != nil || !existed {
			t.Errorf("Delete(%q) = (%v, %v)", key, existed, err)
		}
	}
	if names := listing(t, root); len(names) != 0 {
		t.Errorf("files left: %q", names)
	}
}

// hooked is a blocking implementation that calls before, then the Bucket
// it embeds.
type hooked struct {
	blob.Bucket
	before func(method string, ctx context.Context)
}

func (h hooked) Get(ctx context.Context, key string) ([]byte, bool, error) {
	h.before("Get", ctx)
	return h.Bucket.Get(ctx, key)
}

func (h hooked) Put(ctx context.Context, key string, data []byte, opts ...blob.PutOption) error {
	h.before("Put", ctx)
	return h.Bucket.Put(ctx, key, data, opts...)
}

func (h hooked) Delete(ctx context.Context, key string) (bool, error) {
	h.before("Delete", ctx)
	return h.Bucket.Delete(ctx, key)
}

func (h hooked) Stat(ctx context.Context, key string) (blob.Info, bool, error) {
	h.before("Stat", ctx)
	return h.Bucket.Stat(ctx, key)
}

// callAll calls every method of b with ctx and returns their errors.
func callAll(b blob.Bucket, ctx context.Context) []error {
	err1 := b.Put(ctx, "k", []byte("data"), blob.WithMode(0o600))
	_, _, err2 := b.Get(ctx, "k")
	_, err3 := b.Delete(ctx, "k")
	_, _, err4 := b.Stat(ctx, "k")
	return []error{err1, err2, err3, err4}
}

// refused checks that no call of callAll reached the implementation or the
// disk, and that each failed with want.
func refused(t *testing.T, errs []error, want error, reached *atomic.Int64, root string) {
	t.Helper()
	for i, err := range errs {
		if !errors.Is(err, want) {
			t.Errorf("call %d: %v, want %v", i+1, err, want)
		}
	}
	if n := reached.Load(); n != 0 {
		t.Errorf("the implementation was called %d times", n)
	}
	if names := listing(t, root); len(names) != 0 {
		t.Errorf("files written: %q", names)
	}
}

func TestCanceledContext(t *testing.T) {
	forEachForm(t, func(t *testing.T, e *env, fm form) {
		d, root := openDir(t)
		var reached atomic.Int64
		b := fm.wrap(t, e, hooked{d, func(string, context.Context) { reached.Add(1) }})
		ctx, cancel := context.WithCancel(bg)
		cancel()
		refused(t, callAll(b, ctx), context.Canceled, &reached, root)
	})
}

func TestClosedRuntime(t *testing.T) {
	forEachForm(t, func(t *testing.T, e *env, fm form) {
		d, root := openDir(t)
		var reached atomic.Int64
		b := fm.wrap(t, e, hooked{d, func(string, context.Context) { reached.Add(1) }})
		e.close(t)
		refused(t, callAll(b, bg), runtimes.ErrClosed, &reached, root)
	})
}

var errBoom = errors.New("boom")

func TestPanic(t *testing.T) {
	forEachForm(t, func(t *testing.T, e *env, fm form) {
		d, _ := openDir(t)
		b := fm.wrap(t, e, hooked{d, func(string, context.Context) { panic(errBoom) }})
		for i, err := range callAll(b, bg) {
			var pe *runtimes.PanicError
			if !errors.As(err, &pe) || !errors.Is(err, errBoom) || !bytes.Contains(pe.Stack, []byte("blob_test.hooked")) {
				t.Errorf("call %d: %v, want a *PanicError of errBoom with its stack", i+1, err)
			}
		}
	})
}

// TestPanicInCallbackImplementation panics in a hand-written callback
// implementation, under the blocking form: Wait returns a *PanicError.
func TestPanicInCallbackImplementation(t *testing.T) {
	forEachRuntime(t, func(t *testing.T, e *env) {
		b := blob.NewBucketBlocking(forward{seen: func(string, context.Context) { panic(errBoom) }}, e.rt)
		for i, err := range callAll(b, bg) {
			var pe *runtimes.PanicError
			if !errors.As(err, &pe) || !errors.Is(err, errBoom) {
				t.Errorf("call %d: %v, want a *PanicError of errBoom", i+1, err)
			}
		}
	})
}

// deadlines records whether each method's context had a deadline, and
// checks that it was no later than the spec's 30s from the call.
type deadlines struct {
	t     *testing.T
	begin time.Time
	seen  chan string
}

func (dl *deadlines) record(method string, ctx context.Context) {
	d, ok := ctx.Deadline()
	if ok && (d.Before(dl.begin) || d.After(time.Now().Add(30*time.Second))) {
		dl.t.Errorf("%s: deadline %v is not within 30s of the call", method, d)
	}
	if ok {
		dl.seen <- method
	}
}

// check fails t unless exactly Get and Put saw a deadline.
func (dl *deadlines) check() {
	close(dl.seen)
	var got []string
	for m := range dl.seen {
		got = append(got, m)
	}
	if strings.Join(got, " ") != "Put Get" {
		dl.t.Errorf("methods with a deadline: %q, want Put and Get", got)
	}
}

func TestTimeout(t *testing.T) {
	forEachForm(t, func(t *testing.T, e *env, fm form) {
		d, _ := openDir(t)
		dl := &deadlines{t: t, begin: time.Now(), seen: make(chan string, 4)}
		callAll(fm.wrap(t, e, hooked{d, dl.record}), bg)
		dl.check()
	})
}

// TestWaitTimeout checks that the wait path itself gives the callback
// implementation the spec's deadline.
func TestWaitTimeout(t *testing.T) {
	forEachRuntime(t, func(t *testing.T, e *env) {
		d, _ := openDir(t)
		dl := &deadlines{t: t, begin: time.Now(), seen: make(chan string, 4)}
		impl := forward{inner: blob.NewBucketAsync(d, e.rt), seen: dl.record}
		callAll(blob.NewBucketBlocking(impl, e.rt), bg)
		dl.check()
	})
}

// stalled is a callback implementation whose Get completes only when the
// test calls the done it hands over.
type stalled struct {
	forward
	dones chan func([]byte, bool, error)
}

func (s stalled) Get(_ context.Context, _ string, done func([]byte, bool, error)) { s.dones <- done }

// TestWaitGivesUp checks that the blocking form returns when its context
// ends before the completion, and that the late completion is discarded.
func TestWaitGivesUp(t *testing.T) {
	forEachRuntime(t, func(t *testing.T, e *env) {
		s := stalled{dones: make(chan func([]byte, bool, error), 1)}
		b := blob.NewBucketBlocking(s, e.rt)
		ctx, cancel := context.WithTimeout(bg, 20*time.Millisecond)
		defer cancel()
		data, found, err := b.Get(ctx, "k")
		if !errors.Is(err, context.DeadlineExceeded) || data != nil || found {
			t.Errorf("Get = (%q, %v, %v), want DeadlineExceeded", data, found, err)
		}
		recv(t, s.dones)([]byte("late"), true, nil) // discarded, no misuse
	})
}
