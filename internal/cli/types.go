package cli

import (
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/shimgen/shimgen/gen"
)

// loadTypes gives every read package its TypeLoader. The packages the
// specs import are loaded once per Go module, for all of its directories
// together: one go list for the run in the usual case of one module. The
// standard library's need no loading (gen knows them from its table), so
// a run whose specs name only builtin, local and standard-library types
// starts no go command at all.
func loadTypes(results []result) {
	groups := map[string][]*result{}
	for i := range results {
		if r := &results[i]; r.err == nil {
			root := moduleRoot(r.abs)
			groups[root] = append(groups[root], r)
		}
	}
	roots := slices.Sorted(maps.Keys(groups))
	parallel(len(roots), func(i int) { loadModule(roots[i], groups[roots[i]]) })
}

// loadModule loads, with one go list run in root, the packages every
// result of rs needs.
func loadModule(root string, rs []*result) {
	var paths []string
	for _, r := range rs {
		paths = append(paths, gen.ImportPaths(r.pkg)...)
	}
	slices.Sort(paths)
	paths = slices.Compact(paths)
	loaded := gen.Loaded{}
	if len(paths) > 0 {
		loaded.Types, loaded.Err = gen.ExportLoader{Dir: root}.LoadTypes(paths)
	}
	for _, r := range rs {
		r.pkg.Types = loaded
	}
}

// moduleRoot returns the directory of the go.mod that governs dir, or dir
// when there is none (the go command then says what is wrong).
func moduleRoot(dir string) string {
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}
