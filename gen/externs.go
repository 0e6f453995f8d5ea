package gen

import (
	"fmt"
	"go/types"
	"maps"
	"os"
	"slices"
	"sort"

	"github.com/shimgen/shimgen/spec"
	"github.com/shimgen/shimgen/templates"
)

// Handles across specs: a result or stream item can name an interface of
// another spec of the package (bare, as File) or of the generated code of
// a package a spec imports (qualified, as vfs.File). The forms reach such
// an interface through its exported API only (see templates.Extern), so
// what gen needs of the other specs is their interfaces' names: those of
// the package's specs, generated now or not (Package.Others), and those
// of an imported package's specs (PackageTypes.Specs, which the loader
// reads from the package's directory) or, without them, those its loaded
// types show as generated.

// parseOthers parses the specs of the package not being generated, keeping
// what can be read of each: their errors are not this run's.
func parseOthers(others []Input) []*spec.File {
	var out []*spec.File
	for _, in := range others {
		if f, _ := spec.ParsePartial(in.Name, in.Data); f != nil {
			out = append(out, f)
		}
	}
	return out
}

// setExterns gives each unit the interfaces of other specs its handles
// may name, reporting a hand-written declaration of the helper that
// converts them.
func setExterns(units []*templates.Unit, pkgSpecs []*spec.File, imported map[string]PackageTypes, hand handDecls) spec.ErrorList {
	var errs spec.ErrorList
	specIfaces := specInterfaces(imported)
	first := map[string]string{} // helper name → the spec that declares it
	for _, u := range units {
		u.SetExterns(externsOf(u.Spec, pkgSpecs, imported, specIfaces))
		if !u.HasExtern() {
			continue
		}
		pos := spec.Pos{File: u.Spec.Name, Line: 1, Col: 1}
		if d, ok := hand.byName[u.HandleFunc()]; ok {
			errs = append(errs, &spec.Error{Pos: pos, Msg: fmt.Sprintf(
				"the package's Go files already declare %s, the helper the generated code declares for this spec's handles of other specs; rename it", describeHand(d))})
		}
		if prev, ok := first[u.HandleFunc()]; ok {
			errs = append(errs, &spec.Error{Pos: pos, Msg: fmt.Sprintf(
				"this spec and %s both declare %s for their handles of other specs; rename one of the files", prev, u.HandleFunc())})
		}
		first[u.HandleFunc()] = u.Spec.Name
	}
	return errs
}

// externsOf lists the interfaces of other specs that f's handles may
// name: those of the package's other specs, and those of the packages f
// imports that their specs declare (specIfaces) or their loaded types show
// generated.
func externsOf(f *spec.File, pkgSpecs []*spec.File, imported map[string]PackageTypes, specIfaces map[string]map[string]bool) []templates.Extern {
	var out []templates.Extern
	for _, o := range pkgSpecs {
		if o == f {
			continue
		}
		for _, it := range o.Interfaces {
			if it.Name != "" {
				out = append(out, templates.Extern{Name: it.Name})
			}
		}
	}
	for _, imp := range f.Imports {
		pt, ok := imported[imp.Path]
		if !ok {
			continue
		}
		names := maps.Clone(specIfaces[imp.Path])
		if names == nil {
			names = map[string]bool{}
		}
		if pt.Types != nil {
			for _, name := range generatedInterfaces(pt.Types) {
				names[name] = true
			}
		}
		for _, name := range slices.Sorted(maps.Keys(names)) {
			out = append(out, templates.Extern{Path: imp.Path, Name: name})
		}
	}
	return out
}

// specInterfaces returns the names of the interfaces the specs of each
// imported package declare.
func specInterfaces(imported map[string]PackageTypes) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for path, pt := range imported {
		for _, f := range parseOthers(pt.Specs) {
			for _, it := range f.Interfaces {
				if it.Name != "" {
					if out[path] == nil {
						out[path] = map[string]bool{}
					}
					out[path][it.Name] = true
				}
			}
		}
	}
	return out
}

// dirSpecs reads the specs of directory dir, the package at importPath,
// or none when dir is "" or cannot be read.
func dirSpecs(importPath, dir string) []Input {
	if dir == "" {
		return nil
	}
	specs, err := otherSpecs(os.DirFS(dir), importPath, nil)
	if err != nil {
		return nil
	}
	return specs
}

// generatedInterfaces returns, sorted, the names N of the interfaces pkg
// declares with the API shimgen generates for one: the interface NAsync
// and the functions NewNAsync and NewNBlocking.
func generatedInterfaces(pkg *types.Package) []string {
	scope := pkg.Scope()
	isIface := func(name string) bool {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		return ok && types.IsInterface(tn.Type())
	}
	isFunc := func(name string) bool {
		_, ok := scope.Lookup(name).(*types.Func)
		return ok
	}
	var out []string
	for _, name := range scope.Names() {
		if isIface(name) && isIface(name+"Async") && isFunc("New"+name+"Async") && isFunc("New"+name+"Blocking") {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}
