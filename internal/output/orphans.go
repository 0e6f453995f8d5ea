package output

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/shimgen/shimgen/gen"
)

// Orphans returns the files of d that generating every spec of d (whose
// outputs are files) removes: regular files, not among files, with the
// generated header and a generated name, whose "// source:" line names a
// spec file of d that generates exactly that name and no longer exists,
// or that files were generated from and no longer include (a spec that
// dropped its from keeps no NAME_adapt.go).
// Anything else - a hand-written file with a similar name, another tool's
// file, a file naming a spec that is still there - is never an orphan. An
// orphan's Spec is the gone spec as users see it (in d's display path),
// its Data its content.
func (d Dir) Orphans(files []gen.File) ([]gen.File, error) {
	entries, err := os.ReadDir(d.Abs)
	if err != nil {
		return nil, err
	}
	var out []gen.File
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !gen.IsOutputName(name) || slices.ContainsFunc(files, func(f gen.File) bool { return path.Base(f.Path) == name }) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(d.Abs, name))
		if err != nil {
			return nil, err
		}
		if src := d.goneSource(name, data, files); src != "" {
			out = append(out, gen.File{Path: path.Join(d.Display, name), Spec: path.Join(d.Display, src), Data: data})
		}
	}
	return out, nil
}

// goneSource returns the spec that the file name of d, with content data,
// was generated from if that file is an orphan (see Orphans), else "".
func (d Dir) goneSource(name string, data []byte, files []gen.File) string {
	if !gen.IsGenerated(data) {
		return ""
	}
	src := gen.SourceOf(data)
	if src == "" || !filepath.IsLocal(src) || strings.ContainsAny(src, `/\`) || gen.OutputStem(src) == src {
		return ""
	}
	if !slices.Contains(gen.OutputNames(src), name) {
		return ""
	}
	if slices.ContainsFunc(files, func(f gen.File) bool { return path.Base(f.Spec) == src }) {
		return src // generated now, without this file
	}
	if _, err := os.Lstat(filepath.Join(d.Abs, src)); !errors.Is(err, fs.ErrNotExist) {
		return ""
	}
	return src
}

// remove deletes the orphan o unless it was replaced by something other
// than a regular file since Orphans read it; removed reports whether it
// did.
func (d Dir) remove(o gen.File) (removed bool, err error) {
	name := filepath.Join(d.Abs, path.Base(o.Path))
	if info, err := os.Lstat(name); err != nil || !info.Mode().IsRegular() {
		return false, nil // replaced since it was read: leave it alone
	}
	return true, os.Remove(name)
}
