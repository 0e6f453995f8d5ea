package memfs

import (
	"context"
	"errors"
	"iter"
	"slices"
	"strings"
	"sync"
)

// ErrNotExist is returned by Open for a name that has no file.
var ErrNotExist = errors.New("memfs: file does not exist")

// ErrClosed is returned by the methods of a closed file.
var ErrClosed = errors.New("memfs: file closed")

// Mem is the blocking implementation of FS; it is safe for concurrent use.
type Mem struct {
	mu    sync.Mutex
	files map[string][]byte
}

// New returns a Mem holding files, by name.
func New(files map[string]string) *Mem {
	m := &Mem{files: map[string][]byte{}}
	for name, data := range files {
		m.files[name] = []byte(data)
	}
	return m
}

// Open implements FS.
func (m *Mem) Open(ctx context.Context, name string) (File, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.files[name]; !ok {
		return nil, ErrNotExist
	}
	return &file{fs: m, name: name}, nil
}

// Walk implements FS.
func (m *Mem) Walk(ctx context.Context, prefix string) iter.Seq2[File, error] {
	return func(yield func(File, error) bool) {
		m.mu.Lock()
		var names []string
		for name := range m.files {
			if strings.HasPrefix(name, prefix) {
				names = append(names, name)
			}
		}
		m.mu.Unlock()
		slices.Sort(names)
		for _, name := range names {
			if !yield(&file{fs: m, name: name}, nil) {
				return
			}
		}
	}
}

// file is an open file of a Mem.
type file struct {
	fs     *Mem
	name   string
	mu     sync.Mutex
	off    int
	closed bool
}

func (f *file) Name(ctx context.Context) string { return f.name }

func (f *file) Read(ctx context.Context, n int) ([]byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return nil, ErrClosed
	}
	f.fs.mu.Lock()
	data := f.fs.files[f.name]
	f.fs.mu.Unlock()
	end := min(f.off+n, len(data))
	out := slices.Clone(data[f.off:end])
	f.off = end
	return out, nil
}

func (f *file) Write(ctx context.Context, data []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return ErrClosed
	}
	f.fs.mu.Lock()
	f.fs.files[f.name] = append(f.fs.files[f.name], data...)
	f.fs.mu.Unlock()
	return nil
}

func (f *file) Close(ctx context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return ErrClosed
	}
	f.closed = true
	return nil
}
