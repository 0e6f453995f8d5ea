package stdadapt

import (
	"context"
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/shimgen/shimgen/runtimes"
)

// hiddenReadDirFS hides the generated callback form from the blocking form
// built over it, so that the round trip does not collapse into direct
// calls: every call goes through the runtime (on loop: completions on the
// loop goroutine).
type hiddenReadDirFS struct{ ReadDirFSAsync }

var files = fstest.MapFS{
	"a.txt":       {Data: []byte("a")},
	"dir/b.txt":   {Data: []byte("bb")},
	"dir/c/d.txt": {Data: []byte("ddd")},
}

// throughForms is files as an fs.ReadDirFS, through the blocking form,
// the callback form on rt and the blocking form again, hop by hop when
// collapse is false.
func throughForms(rt *runtimes.Runtime, collapse bool) fs.ReadDirFS {
	var async ReadDirFSAsync = NewReadDirFSAsync(ReadDirFSFromFSReadDirFS(files), rt)
	if !collapse {
		async = hiddenReadDirFS{async}
	}
	return FSReadDirFSFromReadDirFS(NewReadDirFSBlocking(async, rt), context.Background())
}

// TestFSThroughForms runs testing/fstest.TestFS on an fstest.MapFS fed to
// the callback form and plugged back as an fs.FS, on every runtime.
func TestFSThroughForms(t *testing.T) {
	for name, rt := range runtimesUnderTest(t) {
		for _, collapse := range []bool{false, true} {
			t.Run(name, func(t *testing.T) {
				if err := fstest.TestFS(throughForms(rt, collapse), "a.txt", "dir/b.txt", "dir/c/d.txt"); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}

// TestFSErrors: the original's errors cross unchanged; a regular file of
// the MapFS is no fs.ReadDirFile, and its ReadDir says so; a closed
// runtime's refusal is the error of the ctx-less method.
func TestFSErrors(t *testing.T) {
	for name, rt := range runtimesUnderTest(t) {
		t.Run(name, func(t *testing.T) {
			fsys := throughForms(rt, false)
			if _, err := fsys.Open("missing"); !errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("Open(missing) = %v, want fs.ErrNotExist", err)
			}
			f, err := fsys.Open("a.txt")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.(fs.ReadDirFile).ReadDir(-1); !errors.Is(err, errors.ErrUnsupported) {
				t.Fatalf("ReadDir of a regular file = %v, want errors.ErrUnsupported", err)
			}
			if err := rt.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
			if _, err := f.Read(make([]byte, 1)); !errors.Is(err, runtimes.ErrClosed) {
				t.Fatalf("Read after Close = %v, want runtimes.ErrClosed", err)
			}
			if _, err := fsys.Open("a.txt"); !errors.Is(err, runtimes.ErrClosed) {
				t.Fatalf("Open after Close = %v, want runtimes.ErrClosed", err)
			}
		})
	}
}

// TestFSAdapterCtx: a method the spec added ctx to gets the adapter's
// ctx: once it is canceled, calls through the forms fail with it.
func TestFSAdapterCtx(t *testing.T) {
	for name, rt := range runtimesUnderTest(t) {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			fsys := FSReadDirFSFromReadDirFS(NewReadDirFSBlocking(hiddenReadDirFS{NewReadDirFSAsync(ReadDirFSFromFSReadDirFS(files), rt)}, rt), ctx)
			if _, err := fs.ReadFile(fsys, "a.txt"); err != nil {
				t.Fatal(err)
			}
			cancel()
			if _, err := fsys.Open("a.txt"); !errors.Is(err, context.Canceled) {
				t.Fatalf("Open with the adapter's ctx canceled = %v, want context.Canceled", err)
			}
		})
	}
}
