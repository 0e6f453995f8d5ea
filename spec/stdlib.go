package spec

import (
	"slices"
	"sort"
)

//go:generate go run ./internal/mkstdlib

// StdlibPath resolves name as the qualifier of a standard-library package.
//
// candidates lists the import paths of every standard-library package named
// name, sorted; it is empty when there is none. path is the only candidate
// when there is exactly one, and "" when name is unknown or ambiguous: for
// example "rand" has the candidates crypto/rand, math/rand and
// math/rand/v2, so a spec must declare which it means under imports.
//
// Packages under internal or vendor directories are not candidates. A
// package with a major-version suffix is named by the element before it
// (math/rand/v2 is "rand").
func StdlibPath(name string) (path string, candidates []string) {
	paths := stdlibTable[name]
	if len(paths) == 1 {
		return paths[0], slices.Clone(paths)
	}
	return "", slices.Clone(paths)
}

// stdlibNames returns the names of all standard-library packages, sorted.
var stdlibNames = func() []string {
	names := make([]string, 0, len(stdlibTable))
	for name := range stdlibTable {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}()

// ImportPath resolves a qualifier used in the spec's types: the spec's own
// imports first, else the standard-library package with that name when
// there is exactly one. ok is false when qualifier is neither.
func (f *File) ImportPath(qualifier string) (path string, ok bool) {
	for _, imp := range f.Imports {
		if imp.Name == qualifier {
			return imp.Path, true
		}
	}
	path, _ = StdlibPath(qualifier)
	return path, path != ""
}
