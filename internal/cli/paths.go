package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/shimgen/shimgen/gen"
	"github.com/shimgen/shimgen/internal/output"
)

// target is one directory to process.
type target struct {
	abs     string   // absolute directory
	display string   // slash path shown to users, relative to the working directory
	only    []string // spec base names; empty means every spec of the directory
}

// resolve turns command-line paths into directories, sorted by display path.
// A spec file selects just that spec; a directory or a dir/... pattern
// selects every spec in it (and lets check report orphaned files).
func resolve(paths []string) ([]target, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	byDir := map[string]*target{}
	for _, p := range paths {
		if err := resolveOne(p, byDir); err != nil {
			return nil, err
		}
	}
	return sorted(byDir), nil
}

// sorted returns the targets of byDir, sorted by display path.
func sorted(byDir map[string]*target) []target {
	out := make([]target, 0, len(byDir))
	for _, t := range byDir {
		sort.Strings(t.only)
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].display < out[j].display })
	return out
}

func resolveOne(p string, byDir map[string]*target) error {
	if root, ok := strings.CutSuffix(filepath.ToSlash(p), "/..."); ok {
		return walk(filepath.FromSlash(root), p, byDir)
	}
	info, err := os.Stat(p)
	if err != nil {
		return fmt.Errorf("%s: no such spec file or directory", p)
	}
	if info.IsDir() {
		if !selected(p) {
			return fmt.Errorf("%s: no %s files in directory (and no generated files whose spec is gone)", display(p), "*"+gen.SpecSuffix)
		}
		return add(byDir, p, "")
	}
	return add(byDir, filepath.Dir(p), filepath.Base(p))
}

// walk adds every directory under root that holds specs or orphans,
// skipping the directories the go command skips (testdata, vendor, names
// starting with "." or "_"). Like the go command it does not descend into symlinked
// directories, so it never reaches outside the tree; root itself, named by
// the user, may be a symlink.
func walk(root, pattern string, byDir map[string]*target) error {
	found := false
	if info, err := os.Lstat(root); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		root += string(filepath.Separator) // WalkDir then resolves the link
	}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if name := d.Name(); p != root && (name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			return filepath.SkipDir
		}
		if selected(p) {
			found = true
			return add(byDir, p, "")
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("%s: %w", pattern, err)
	}
	if !found {
		return fmt.Errorf("%s: matched no %s files (and no generated files whose spec is gone)", pattern, "*"+gen.SpecSuffix)
	}
	return nil
}

// selected reports whether a directory path or pattern selects dir: it
// holds specs, or generated files whose spec is gone (which generate
// removes and check reports, even when no spec is left).
func selected(dir string) bool { return hasSpecs(dir) || hasOrphans(dir) }

func hasSpecs(dir string) bool {
	m, _ := filepath.Glob(filepath.Join(dir, "*"+gen.SpecSuffix))
	return len(m) > 0
}

// hasOrphans reports whether dir holds generated files whose spec is gone.
func hasOrphans(dir string) bool {
	orphans, err := output.Dir{Abs: dir, Display: display(dir)}.Orphans(nil)
	return err == nil && len(orphans) > 0
}

// add records dir (all specs when spec is "").
func add(byDir map[string]*target, dir, spec string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	t, ok := byDir[abs]
	if !ok {
		t = &target{abs: abs, display: display(dir)}
		byDir[abs] = t
	}
	switch {
	case spec == "":
		t.only = nil
		t.display = display(dir)
		byDir[abs] = &target{abs: abs, display: t.display}
	case ok && t.only == nil:
		// the whole directory is already selected
	default:
		t.only = append(t.only, spec)
	}
	return nil
}

// display is how a directory is shown: relative to the working directory,
// slash-separated.
func display(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, abs); err == nil {
				dir = rel
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(dir))
}
