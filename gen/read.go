package gen

import (
	"fmt"
	"io"
	"io/fs"
	"path"

	"github.com/shimgen/shimgen/spec"
)

// readSpec reads the spec name of fsys, shown as dir/name: a regular file
// (or a link to one) of which it reads at most one byte more than
// spec.MaxSize, so that Parse reports a spec too large while a FIFO, a
// device or an endless file can neither block nor exhaust memory.
func readSpec(fsys fs.FS, dir, name string) ([]byte, error) {
	shown := path.Join(dir, name)
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if err := regular(shown, info); err != nil {
		return nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil { // replaced since the first look?
		return nil, err
	}
	if err := regular(shown, info); err != nil {
		return nil, err
	}
	return io.ReadAll(io.LimitReader(f, spec.MaxSize+1))
}

// regular fails unless info is a regular file's.
func regular(shown string, info fs.FileInfo) error {
	if info.Mode().IsRegular() {
		return nil
	}
	return fmt.Errorf("%s: is %s, not a regular file; a spec must be a regular file", shown, modeKind(info.Mode()))
}

// modeKind names the kind of file a non-regular mode is.
func modeKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}
