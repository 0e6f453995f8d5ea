package gen

import (
	"fmt"
	"go/ast"
	"go/types"
	"maps"
	"slices"

	"github.com/shimgen/shimgen/spec"
)

// TypeLoader loads the type names of imported packages, for resolving the
// types specs name. Generate calls it at most once per package of specs,
// with the sorted import paths their qualified types use, and only when a
// spec names a type that is not predeclared.
type TypeLoader interface {
	LoadTypes(paths []string) (map[string]PackageTypes, error)
}

// PackageTypes is what a TypeLoader found for one import path.
type PackageTypes struct {
	// Names are the exported type names the package declares.
	Names []string
	// Err says why the package could not be loaded (it does not exist, it
	// does not compile), or is nil.
	Err error
	// Types is the package's type information, when the loader has it: the
	// spec's types that use the package are then type-checked (see
	// checkTypes), the others only resolved.
	Types *types.Package
	// Specs are the shimgen specs of the package's directory, when the
	// loader found it: their interfaces are handles (see Extern) even
	// before their code is generated.
	Specs []Input
}

// typeRef is one type name a spec uses.
type typeRef struct {
	file    *spec.File
	param   *spec.Param
	subject string
	pos     spec.Pos
	qual    string // "" for a name of the spec's own package
	name    string
}

// resolved is what resolveTypes found: the packages the specs import, as
// loaded, and the parameters whose types name something unknown.
type resolved struct {
	imported map[string]PackageTypes
	bad      map[*spec.Param]bool
}

// resolveTypes checks every type name the specs use, files's, against
// what the package declares, the interfaces of others too; see
// Package.Types.
func resolveTypes(p Package, files, others []*spec.File) (spec.ErrorList, resolved, error) {
	refs := typeRefs(files)
	res := resolved{bad: map[*spec.Param]bool{}}
	if p.Types == nil || len(refs) == 0 {
		return nil, res, nil
	}
	std, rest := splitStd(importPaths(refs))
	res.imported = std
	if len(rest) > 0 {
		loaded, err := p.Types.LoadTypes(rest)
		if err != nil {
			return nil, res, fmt.Errorf("%s: loading the packages the specs import: %w", p.Dir, err)
		}
		maps.Copy(res.imported, loaded)
	}
	r := resolver{local: localTypes(p, slices.Concat(files, others)), imported: res.imported, reported: map[string]bool{},
		specIfaces: specInterfaces(res.imported), bad: res.bad}
	for _, ref := range refs {
		if e := r.check(ref); e != nil {
			r.errs = append(r.errs, e)
			res.bad[ref.param] = true
		}
	}
	return r.errs, res, nil
}

// typeRefs lists the non-predeclared type names the specs use, in order.
func typeRefs(files []*spec.File) []typeRef {
	var refs []typeRef
	for _, f := range files {
		for _, iface := range f.Interfaces {
			for _, m := range iface.Methods {
				subject := fmt.Sprintf("interface %q: method %q: ", iface.Name, m.Name)
				for _, p := range m.Items() {
					refs = append(refs, paramRefs(f, subject, p)...)
				}
			}
		}
	}
	return refs
}

// paramRefs lists the type names p's type uses.
func paramRefs(f *spec.File, subject string, p *spec.Param) []typeRef {
	var refs []typeRef
	walkType(p.Type, func(qual, name *ast.Ident) {
		ref := typeRef{file: f, param: p, subject: subject, pos: p.PosOf(name), name: name.Name}
		if qual != nil {
			ref.qual, ref.pos = qual.Name, p.PosOf(qual)
		} else if types.Universe.Lookup(name.Name) != nil {
			return // predeclared
		}
		refs = append(refs, ref)
	})
	return refs
}

// walkType calls visit for every type name in the type expression e, with
// its qualifier or nil. The names of fields, parameters and methods inside
// e are not types, and array lengths are literals.
func walkType(e ast.Expr, visit func(qual, name *ast.Ident)) {
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			visit(nil, n)
		case *ast.SelectorExpr:
			if x, ok := n.X.(*ast.Ident); ok {
				visit(x, n.Sel)
			}
			return false
		case *ast.Field:
			walkType(n.Type, visit)
			return false
		}
		return true
	})
}

// importPaths returns the sorted import paths the refs' qualifiers name.
func importPaths(refs []typeRef) []string {
	var paths []string
	for _, ref := range refs {
		if path, ok := ref.file.ImportPath(ref.qual); ok && ref.qual != "" && path != "" {
			paths = append(paths, path)
		}
	}
	slices.Sort(paths)
	return slices.Compact(paths)
}

// localTypes returns the type names of the generated package: those its Go
// files declare and the interfaces the specs generate.
func localTypes(p Package, files []*spec.File) []string {
	names := slices.Clone(p.Declared)
	for _, f := range files {
		for _, iface := range f.Interfaces {
			for _, d := range p.Forms.Declares(iface) {
				if d.API {
					names = append(names, d.Name)
				}
			}
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// resolver checks type references.
type resolver struct {
	local    []string
	imported map[string]PackageTypes
	reported map[string]bool // import paths whose failure was reported
	errs     spec.ErrorList
	// specIfaces are the interfaces the specs of each imported package
	// declare; bad is resolved.bad, where a reference to one that is not
	// generated yet is left to the compiler.
	specIfaces map[string]map[string]bool
	bad        map[*spec.Param]bool
}

// check returns the problem with ref, or nil.
func (r *resolver) check(ref typeRef) *spec.Error {
	if ref.qual == "" {
		if _, ok := slices.BinarySearch(r.local, ref.name); ok {
			return nil
		}
		return r.errorf(ref, "unknown type %q%s", ref.name, spec.DidYouMean(ref.name, r.local))
	}
	path, _ := ref.file.ImportPath(ref.qual)
	pkg := r.imported[path]
	switch {
	case path == "": // an import reported already (see spec.ParsePartial)
		return nil
	case r.specIfaces[path][ref.name] && !slices.Contains(pkg.Names, ref.name):
		r.bad[ref.param] = true // its spec declares it; not generated yet
		return nil
	case pkg.Err != nil:
		if r.reported[path] {
			return nil
		}
		r.reported[path] = true
		return r.errorf(ref, "package %q (%s): %v", path, ref.qual, pkg.Err)
	case !slices.Contains(pkg.Names, ref.name):
		return r.errorf(ref, "unknown type %s.%s: package %q has no such exported type%s",
			ref.qual, ref.name, path, spec.DidYouMean(ref.name, pkg.Names))
	}
	return nil
}

func (r *resolver) errorf(ref typeRef, format string, args ...any) *spec.Error {
	return &spec.Error{Pos: ref.pos, Msg: ref.subject + fmt.Sprintf(format, args...)}
}
