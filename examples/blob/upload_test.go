package blob_test

import (
	"bytes"
	"context"
	"errors"
	"iter"
	"slices"
	"testing"

	"github.com/shimgen/shimgen/examples/blob"
	"github.com/shimgen/shimgen/runtimes"
)

// chunksOf splits data into n-byte chunks.
func chunksOf(data []byte, n int) [][]byte {
	var out [][]byte
	for len(data) > n {
		out = append(out, data[:n])
		data = data[n:]
	}
	return append(out, data)
}

func checkUpload(t *testing.T, b blob.Bucket, root string) {
	data := bytes.Repeat([]byte("0123456789"), 1000)
	mustPut(t, b, "k", "old")
	n, err := b.Upload(bg, "k", slices.Values(chunksOf(data, 7)))
	if err != nil || n != int64(len(data)) {
		t.Fatalf("Upload = %d, %v; want %d", n, err, len(data))
	}
	wantGet(t, b, "k", string(data))
	wantStat(t, b, "k", int64(len(data)), 0o644)
	if n, err := b.Upload(bg, "empty", slices.Values([][]byte(nil))); err != nil || n != 0 {
		t.Errorf("empty Upload = %d, %v", n, err)
	}
	wantGet(t, b, "empty", "")
	if _, err := b.Upload(bg, "", slices.Values(chunksOf(data, 7))); !errors.Is(err, blob.ErrInvalidKey) {
		t.Errorf("Upload without key: %v, want %v", err, blob.ErrInvalidKey)
	}
	if names := listing(t, root); !slices.Equal(names, []string{"empty", "k"}) {
		t.Errorf("files %q, want the two blobs and no temporary file", names)
	}
}

// TestUploadCanceled cancels an upload midway, through every form on every
// runtime: the blob keeps its old content and no temporary file is left.
func TestUploadCanceled(t *testing.T) {
	forEachForm(t, func(t *testing.T, e *env, fm form) {
		d, root := openDir(t)
		mustPut(t, d, "k", "old")
		ctx, cancel := context.WithCancel(bg)
		// The chunks never end by themselves: the cancellation must end
		// them, which it does once the implementation's context sees it
		// (a derived context may learn of it a little later).
		chunks := func(yield func([]byte) bool) {
			for i := 0; ; i++ {
				if i == 3 {
					cancel()
				}
				if !yield([]byte("new")) {
					return
				}
			}
		}
		if _, err := fm.wrap(t, e, d).Upload(ctx, "k", iter.Seq[[]byte](chunks)); !errors.Is(err, context.Canceled) {
			t.Errorf("Upload: %v, want %v", err, context.Canceled)
		}
		wantGet(t, d, "k", "old")
		e.close(t)
		if names := listing(t, root); !slices.Equal(names, []string{"k"}) {
			t.Errorf("files %q, want only the blob", names)
		}
	})
}

// TestUploadEarlyEnd: an implementation that fails before reading ends the
// call, and the caller's next Send says so.
func TestUploadEarlyEnd(t *testing.T) {
	forEachRuntime(t, func(t *testing.T, e *env) {
		d, _ := openDir(t)
		c := track[int64](e)
		s := blob.NewBucketAsync(d, e.rt).Upload(bg, "", c.done)
		if _, err := c.waitSent(t); !errors.Is(err, blob.ErrInvalidKey) {
			t.Errorf("Upload: %v, want %v", err, blob.ErrInvalidKey)
		}
		if err := s.Send([]byte("x")); !errors.Is(err, runtimes.ErrStreamDone) {
			t.Errorf("Send after the end: %v, want %v", err, runtimes.ErrStreamDone)
		}
		s.CloseSend()
	})
}
