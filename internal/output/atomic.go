package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// writeFile replaces t's file with data atomically (a temporary file in the
// same directory, then a rename). An existing file keeps its mode; a new
// one gets 0666 less the umask, as files the go command writes do. It does
// nothing when the content is already data. The temporary file never
// outlives the call: it is renamed or removed. An error names the output
// as users see it, never the temporary file.
func writeFile(t target, data []byte) (changed bool, err error) {
	if t.old != nil && bytes.Equal(t.old, data) {
		return false, nil
	}
	if err := replace(t, data); err != nil {
		return false, fmt.Errorf("%s: cannot write: %w", t.shown, bare(err))
	}
	return true, nil
}

// replace writes data to a temporary file and renames it over t's file.
func replace(t target, data []byte) error {
	perm := fs.FileMode(0o666) // the umask applies
	if t.old != nil {
		perm = 0o600 // until fill sets the old file's mode
	}
	tmp, err := createTemp(filepath.Dir(t.name), "."+filepath.Base(t.name)+".tmp", perm)
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if err := fill(tmp, data, t); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), t.name)
}

// createTemp creates a new file in dir, named prefix and a random number,
// with permissions perm less the umask (os.CreateTemp's are always 0600).
func createTemp(dir, prefix string, perm fs.FileMode) (*os.File, error) {
	for range 1000 {
		name := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, fmt.Errorf("no unused temporary file name in %s", dir)
}

// fill writes data to f, gives it the mode of the file it replaces, if
// any, and closes it.
func fill(f *os.File, data []byte, t target) error {
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if t.old != nil {
		if err := f.Chmod(t.mode); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

// bare drops the temporary file's name from a file operation's error.
func bare(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	}
	return err
}
