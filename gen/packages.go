package gen

import (
	"errors"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/packages"
)

// PackagesLoader is the TypeLoader of the shimgen command: it loads the
// imported packages with golang.org/x/tools/go/packages, as the go command
// sees them from Dir (so the module's requirements and replacements count),
// reading their types from export data.
type PackagesLoader struct {
	Dir string
}

// LoadTypes implements TypeLoader.
func (l PackagesLoader) LoadTypes(paths []string) (map[string]PackageTypes, error) {
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes, Dir: l.Dir}
	pkgs, err := packages.Load(cfg, paths...)
	if err != nil {
		return nil, err
	}
	out := make(map[string]PackageTypes, len(paths))
	for _, pkg := range pkgs {
		out[pkg.ID] = packageTypes(pkg)
	}
	for _, path := range paths {
		if _, ok := out[path]; !ok {
			out[path] = PackageTypes{Err: errors.New("not found")}
		}
	}
	return out, nil
}

// packageTypes returns the exported type names of a loaded package, or why
// it could not be loaded.
func packageTypes(pkg *packages.Package) PackageTypes {
	if len(pkg.Errors) > 0 && (pkg.Types == nil || !pkg.Types.Complete() || pkg.Name == "") {
		return PackageTypes{Err: errors.New(pkg.Errors[0].Msg)}
	}
	var names []string
	scope := pkg.Types.Scope()
	for _, name := range scope.Names() {
		if _, ok := scope.Lookup(name).(*types.TypeName); ok && token.IsExported(name) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return PackageTypes{Names: names, Types: pkg.Types}
}
