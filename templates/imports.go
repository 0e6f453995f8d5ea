package templates

import (
	"slices"

	"github.com/shimgen/shimgen/spec"
)

// generatorImports are the packages the forms' code itself may import, each
// under the name it declares.
var generatorImports = []struct{ path, name string }{
	{ContextPath, "context"}, {TimePath, "time"}, {IterPath, "iter"},
}

// importNames chooses the names the generated files of f import packages
// under, when the package's hand-written files declare the names
// (declared) at package level, where an import of the same name would not
// compile: the spec's imports and the standard-library packages its types
// name keep their qualifiers, and the generator's packages their own
// names, unless declared or taken by an earlier one; then they get a fresh
// name. It returns the name of the runtimes package, which also avoids the
// spec's names, and the renamed paths' names.
func importNames(f *spec.File, declared []string) (string, map[string]string) {
	taken := specNames(f)
	for _, d := range declared {
		taken[d] = true
	}
	isDeclared := func(name string) bool { _, ok := slices.BinarySearch(declared, name); return ok }
	renamed := map[string]string{}
	claim := func(path, name string) {
		if isDeclared(name) {
			name = Fresh(name, taken)
			renamed[path] = name
		}
		taken[name] = true
	}
	for _, q := range qualifiers(f) {
		if p, ok := f.ImportPath(q); ok && renamed[p] == "" {
			claim(p, q)
		}
	}
	runtimes := Fresh("runtimes", taken)
	taken[runtimes] = true
	for _, g := range generatorImports {
		if p, ok := f.ImportPath(g.name); ok && p != g.path || isDeclared(g.name) {
			renamed[g.path] = Fresh(g.name, taken)
			taken[renamed[g.path]] = true
		}
	}
	return runtimes, renamed
}

// qualifiers returns the qualifiers f declares and its types use, sorted.
func qualifiers(f *spec.File) []string {
	var out []string
	for _, imp := range f.Imports {
		out = append(out, imp.Name)
	}
	for _, iface := range f.Interfaces {
		out = append(out, spec.Qualifiers(iface)...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
