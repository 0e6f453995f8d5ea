package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/shimgen/shimgen/gen"
)

// Dir is a directory generated files go to.
type Dir struct {
	Abs     string // absolute path on disk
	Display string // slash path shown to users
}

// destination is where f goes on disk: a file of d whose name has the
// generated form. Anything else is an internal error, so that no spec
// content or name can make generate write elsewhere.
func (d Dir) destination(f gen.File) (string, error) {
	name := path.Base(f.Path)
	if f.Path != path.Join(d.Display, name) || !filepath.IsLocal(name) || strings.ContainsAny(name, `/\`) || !gen.IsOutputName(name) {
		return "", fmt.Errorf("%s: internal error: output %q is not a generated file name of directory %s", f.Spec, f.Path, d.Display)
	}
	return filepath.Join(d.Abs, name), nil
}

// lstat returns the Lstat of f's destination (nil if it does not exist);
// it fails if the name exists as anything but a regular file.
func (d Dir) lstat(f gen.File) (string, fs.FileInfo, error) {
	name, err := d.destination(f)
	if err != nil {
		return "", nil, err
	}
	info, err := os.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return name, nil, nil
	}
	if err != nil {
		return "", nil, err
	}
	return name, info, checkRegular(f.Path, info)
}

// CheckDestinations fails, as Write would, if a destination of files is
// not a generated file name of d, or exists as a symlink, a directory or
// another non-regular file. It writes nothing.
func (d Dir) CheckDestinations(files []gen.File) error {
	for _, f := range files {
		if _, _, err := d.lstat(f); err != nil {
			return err
		}
	}
	return nil
}

// checkRegular fails unless info, the Lstat of the output shown as display,
// is a regular file.
func checkRegular(display string, info fs.FileInfo) error {
	switch mode := info.Mode(); {
	case mode&fs.ModeSymlink != 0:
		return fmt.Errorf("%s: is a symbolic link; shimgen does not write through links (replace the link with a regular file, or remove it)", display)
	case mode.IsDir():
		return fmt.Errorf("%s: is a directory; refusing to replace it with a generated file (move it away, or rename the spec)", display)
	case !mode.IsRegular():
		return fmt.Errorf("%s: is not a regular file; refusing to replace it (move it away, or rename the spec)", display)
	}
	return nil
}
