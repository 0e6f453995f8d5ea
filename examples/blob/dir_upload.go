package blob

import (
	"context"
	"fmt"
	"iter"
	"os"
)

// Upload stores the chunks under key: they are written to a temporary file
// in the bucket's directory, which replaces the blob only once every chunk
// is written and synced. An invalid key fails before a chunk is read.
func (d *Dir) Upload(ctx context.Context, key string, chunks iter.Seq[[]byte]) (written int64, err error) {
	p, err := d.path(key)
	if err != nil {
		return 0, err
	}
	tmp, err := os.CreateTemp(d.root, ".upload-*")
	if err != nil {
		return 0, fmt.Errorf("blob: upload %q: %w", key, err)
	}
	defer os.Remove(tmp.Name())
	written, err = copyChunks(ctx, tmp, chunks)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		return 0, fmt.Errorf("blob: upload %q: %w", key, err)
	}
	return written, nil
}

// copyChunks writes the chunks to f, stopping when ctx ends: the sequence
// of a cancelled call ends early, and the upload must then fail rather
// than store a prefix.
func copyChunks(ctx context.Context, f *os.File, chunks iter.Seq[[]byte]) (int64, error) {
	var n int64
	for c := range chunks {
		m, err := f.Write(c)
		n += int64(m)
		if err != nil {
			return n, err
		}
	}
	return n, ctx.Err()
}
