package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"net/url"
	"os"
	"slices"
	"strings"
)

// ErrNotFound ends a ReadChunks stream of a key that holds no blob.
var ErrNotFound = errors.New("blob: not found")

// ErrInvalidSize reports a ReadChunks chunk size below 1.
var ErrInvalidSize = errors.New("blob: invalid chunk size")

// Entry is one blob in a listing.
type Entry struct {
	Key  string
	Info Info
}

// List yields the blobs whose key starts with prefix, in key order. It reads
// the directory's names once, then describes each blob as it is yielded, so
// a blob deleted meanwhile is skipped.
func (d *Dir) List(ctx context.Context, prefix string) iter.Seq2[Entry, error] {
	return func(yield func(Entry, error) bool) {
		keys, err := d.keys(prefix)
		if err != nil {
			yield(Entry{}, err)
			return
		}
		for _, key := range keys {
			if err := ctx.Err(); err != nil {
				yield(Entry{}, err)
				return
			}
			info, found, err := d.Stat(ctx, key)
			switch {
			case err != nil:
				yield(Entry{}, err)
				return
			case !found:
				continue
			}
			if !yield(Entry{Key: key, Info: info}, nil) {
				return
			}
		}
	}
}

// keys returns the sorted keys of the blobs in the directory that start with
// prefix.
func (d *Dir) keys(prefix string) ([]string, error) {
	names, err := os.ReadDir(d.root)
	if err != nil {
		return nil, fmt.Errorf("blob: list: %w", err)
	}
	var keys []string
	for _, n := range names {
		if !n.Type().IsRegular() || strings.HasPrefix(n.Name(), ".") {
			continue // a Put in progress
		}
		key, err := url.PathUnescape(n.Name())
		if err == nil && strings.HasPrefix(key, prefix) {
			keys = append(keys, key)
		}
	}
	slices.Sort(keys)
	return keys, nil
}

// ReadChunks yields the blob stored under key in chunks of size bytes (the
// last one may be shorter). Each chunk is a new slice the consumer may keep.
// The file stays open until the stream ends, however it ends.
func (d *Dir) ReadChunks(ctx context.Context, key string, size int) iter.Seq2[[]byte, error] {
	return func(yield func([]byte, error) bool) {
		f, err := d.open(key, size)
		if err != nil {
			yield(nil, err)
			return
		}
		defer f.Close()
		for {
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				return
			}
			chunk := make([]byte, size)
			n, err := io.ReadFull(f, chunk)
			if n > 0 && !yield(chunk[:n], nil) {
				return
			}
			switch {
			case err == io.EOF || err == io.ErrUnexpectedEOF:
				return
			case err != nil:
				yield(nil, fmt.Errorf("blob: read %q: %w", key, err))
				return
			}
		}
	}
}

// open opens the file of key for ReadChunks.
func (d *Dir) open(key string, size int) (*os.File, error) {
	if size < 1 {
		return nil, fmt.Errorf("%w: %d", ErrInvalidSize, size)
	}
	p, err := d.path(key)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %q", ErrNotFound, key)
	}
	if err != nil {
		return nil, fmt.Errorf("blob: read %q: %w", key, err)
	}
	return f, nil
}
