package blob

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Errors returned by Dir.
var (
	// ErrInvalidKey reports a key that is empty or longer than 255 bytes.
	ErrInvalidKey = errors.New("blob: invalid key")
	// ErrExists reports a Put with IfAbsent on a key that holds a blob.
	ErrExists = errors.New("blob: key already exists")
)

// Info describes a stored blob.
type Info struct {
	Size    int64
	Mode    fs.FileMode
	ModTime time.Time
}

// PutOption adjusts a Put.
type PutOption func(*putOptions)

type putOptions struct {
	mode     fs.FileMode
	ifAbsent bool
}

// WithMode sets the file mode of the stored blob (default 0o644).
func WithMode(mode fs.FileMode) PutOption {
	return func(o *putOptions) { o.mode = mode.Perm() }
}

// IfAbsent makes Put fail with ErrExists instead of replacing a blob.
func IfAbsent() PutOption {
	return func(o *putOptions) { o.ifAbsent = true }
}

// Dir is a Bucket backed by a directory: one file per blob, named by the
// key's URL path escaping, so no key can name a file outside the directory.
// Dir is safe for concurrent use.
type Dir struct {
	root string
}

var _ Bucket = (*Dir)(nil)

// Open returns the bucket stored in directory root, creating the directory
// if needed.
func Open(root string) (*Dir, error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("blob: open: %w", err)
	}
	return &Dir{root: root}, nil
}

// path returns the file holding key.
func (d *Dir) path(key string) (string, error) {
	if key == "" || len(key) > 255 {
		return "", fmt.Errorf("%w: %q", ErrInvalidKey, key)
	}
	name := url.PathEscape(key)
	// PathEscape leaves "." and ".." alone; no file may be called that.
	name = strings.ReplaceAll(name, ".", "%2E")
	return filepath.Join(d.root, name), nil
}

// Get returns the blob stored under key.
func (d *Dir) Get(ctx context.Context, key string) (data []byte, found bool, err error) {
	p, err := d.path(key)
	if err != nil {
		return nil, false, err
	}
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	data, err = os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("blob: get %q: %w", key, err)
	}
	return data, true, nil
}

// Put stores data under key atomically.
func (d *Dir) Put(ctx context.Context, key string, data []byte, opts ...PutOption) error {
	p, err := d.path(key)
	if err != nil {
		return err
	}
	o := putOptions{mode: 0o644}
	for _, opt := range opts {
		opt(&o)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(d.root, ".put-*")
	if err != nil {
		return fmt.Errorf("blob: put %q: %w", key, err)
	}
	defer os.Remove(tmp.Name())
	if err := writeAndClose(tmp, data, o.mode); err != nil {
		return fmt.Errorf("blob: put %q: %w", key, err)
	}
	if o.ifAbsent {
		return d.link(tmp.Name(), p, key)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return fmt.Errorf("blob: put %q: %w", key, err)
	}
	return nil
}

// link publishes tmp as p only if p does not exist yet.
func (d *Dir) link(tmp, p, key string) error {
	err := os.Link(tmp, p)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%w: %q", ErrExists, key)
	}
	if err != nil {
		return fmt.Errorf("blob: put %q: %w", key, err)
	}
	return nil
}

func writeAndClose(f *os.File, data []byte, mode fs.FileMode) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Chmod(mode)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Delete removes the blob stored under key.
func (d *Dir) Delete(ctx context.Context, key string) (existed bool, err error) {
	p, err := d.path(key)
	if err != nil {
		return false, err
	}
	if err := ctx.Err(); err != nil {
		return false, err
	}
	err = os.Remove(p)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("blob: delete %q: %w", key, err)
	}
	return true, nil
}

// Stat describes the blob stored under key.
func (d *Dir) Stat(ctx context.Context, key string) (info Info, found bool, err error) {
	p, err := d.path(key)
	if err != nil {
		return Info{}, false, err
	}
	if err := ctx.Err(); err != nil {
		return Info{}, false, err
	}
	fi, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return Info{}, false, nil
	}
	if err != nil {
		return Info{}, false, fmt.Errorf("blob: stat %q: %w", key, err)
	}
	return Info{Size: fi.Size(), Mode: fi.Mode().Perm(), ModTime: fi.ModTime()}, true, nil
}
