package output

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
)

// writeFile replaces t's file with data atomically (a temporary file in the
// same directory, then a rename), with t's mode (an existing file's, kept).
// It does nothing when the content is already data. The temporary file
// never outlives the call: it is renamed or removed.
func writeFile(t target, data []byte) (changed bool, err error) {
	if t.old != nil && bytes.Equal(t.old, data) {
		return false, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(t.name), "."+filepath.Base(t.name)+".tmp*")
	if err != nil {
		return false, err
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if err := fill(tmp, data, t.mode); err != nil {
		return false, err
	}
	return true, os.Rename(tmp.Name(), t.name)
}

// fill writes data to f, sets its mode and closes it.
func fill(f *os.File, data []byte, mode fs.FileMode) error {
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(mode); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
