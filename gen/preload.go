package gen

import (
	"fmt"
	"slices"

	"github.com/shimgen/shimgen/spec"
)

// ImportPaths returns the import paths, sorted, of the packages outside
// the standard library whose types the specs of p name: what Generate will
// ask p.Types for. A caller that generates many packages can load them all
// at once and hand each package a Loaded.
func ImportPaths(p Package) []string {
	files, partial, _ := parseSpecs(p.Specs)
	return slices.DeleteFunc(importPaths(typeRefs(slices.Concat(files, partial))), spec.IsStdlibPackage)
}

// Loaded is a TypeLoader over packages loaded beforehand (see ImportPaths):
// Types as a TypeLoader returned them, or Err, why loading them failed.
type Loaded struct {
	Types map[string]PackageTypes
	Err   error
}

// LoadTypes implements TypeLoader.
func (l Loaded) LoadTypes(paths []string) (map[string]PackageTypes, error) {
	if l.Err != nil {
		return nil, l.Err
	}
	out := make(map[string]PackageTypes, len(paths))
	for _, p := range paths {
		pt, ok := l.Types[p]
		if !ok {
			pt = PackageTypes{Err: fmt.Errorf("not loaded beforehand (an internal error: ImportPaths did not list it)")}
		}
		out[p] = pt
	}
	return out, nil
}
