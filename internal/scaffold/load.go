package scaffold

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/packages"
)

// Interface is a loaded interface, with the doc comments the package's
// syntax gives it and its methods.
type Interface struct {
	Source  Source
	Name    string
	PkgPath string           // the import path of the declaring package
	Pkg     *types.Package   // the declaring package, whose declarations the docs link to
	Type    *types.Interface // nil for a concrete type
	// Concrete reports that the source is a concrete type, whose exported
	// methods (those of its pointer's method set) become the interface.
	Concrete bool
	// Methods are the methods to scaffold, in declaration order.
	Methods []*types.Func
	Doc     string
	// Docs maps the position of a method's name to its doc comment, for the
	// methods declared in the loaded package.
	Docs map[token.Pos]string
}

const loadMode = packages.NeedName | packages.NeedTypes | packages.NeedSyntax | packages.NeedImports

// Load loads each source's package from dir (the directory relative
// patterns are resolved in) and finds its interface. A package is loaded
// once however many sources name it.
func Load(dir string, srcs []Source) ([]*Interface, error) {
	pkgs := map[string]*packages.Package{}
	out := make([]*Interface, 0, len(srcs))
	for _, src := range srcs {
		if src.Name == "" {
			return nil, noInterface(dir, src)
		}
		pkg, ok := pkgs[src.Pattern]
		if !ok {
			var err error
			if pkg, err = loadPackage(dir, src); err != nil {
				return nil, err
			}
			pkgs[src.Pattern] = pkg
		}
		iface, err := find(pkg, src)
		if err != nil {
			return nil, err
		}
		foreignDocs(dir, pkg, iface, pkgs)
		out = append(out, iface)
	}
	return out, nil
}

// loadPackage loads the single package of src.Pattern, failing on any
// package error.
func loadPackage(dir string, src Source) (*packages.Package, error) {
	cfg := &packages.Config{Mode: loadMode, Dir: dir, Tests: false}
	pkgs, err := packages.Load(cfg, src.Pattern)
	if err != nil {
		return nil, fmt.Errorf("--from %s: %v", src, err)
	}
	if len(pkgs) != 1 {
		return nil, fmt.Errorf("--from %s: package %q matches %d packages, want one", src, src.Pattern, len(pkgs))
	}
	pkg := pkgs[0]
	if len(pkg.Errors) > 0 {
		return nil, fmt.Errorf("--from %s: cannot load package %q: %v", src, src.Pattern, joinErrors(pkg.Errors))
	}
	return pkg, nil
}

func joinErrors(list []packages.Error) error {
	errs := make([]error, len(list))
	for i, e := range list {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// find looks the interface up in the package scope.
func find(pkg *packages.Package, src Source) (*Interface, error) {
	obj := pkg.Types.Scope().Lookup(src.Name)
	if obj == nil {
		return nil, fmt.Errorf("--from %s: package %s has no type %s%s", src, pkg.PkgPath, src.Name, exportedHint(pkg, src.Name))
	}
	tn, ok := obj.(*types.TypeName)
	if !ok {
		return nil, fmt.Errorf("--from %s: %s.%s is a %s, not an interface type", src, pkg.PkgPath, src.Name, kindOf(obj))
	}
	docs, typeDocs := collectDocs(pkg.Syntax)
	in := &Interface{Source: src, Name: src.SpecName(), PkgPath: pkg.PkgPath, Pkg: pkg.Types, Doc: typeDocs[tn.Pos()], Docs: docs}
	if it, ok := tn.Type().Underlying().(*types.Interface); ok {
		in.Type, in.Methods = it, interfaceMethods(it)
		return in, nil
	}
	in.Concrete, in.Methods = true, exportedMethods(tn.Type())
	if len(in.Methods) == 0 {
		return nil, fmt.Errorf("--from %s: %s.%s is %s, not an interface type, and *%[3]s has no exported methods", src, pkg.PkgPath, src.Name, tn.Type().Underlying())
	}
	return in, nil
}

// exportedHint suggests the declared name when only its case differs.
func exportedHint(pkg *packages.Package, name string) string {
	for _, n := range pkg.Types.Scope().Names() {
		if strings.EqualFold(n, name) {
			return fmt.Sprintf(" (did you mean %s?)", n)
		}
	}
	return ""
}

func kindOf(obj types.Object) string {
	switch obj.(type) {
	case *types.Func:
		return "func"
	case *types.Var:
		return "var"
	case *types.Const:
		return "const"
	}
	return "declaration"
}

// collectDocs maps the positions of method names (in interfaces and
// declarations) and of type names to their doc comments.
func collectDocs(files []*ast.File) (methods, typeDocs map[token.Pos]string) {
	methods, typeDocs = map[token.Pos]string{}, map[token.Pos]string{}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.GenDecl:
				typeSpecDocs(n, typeDocs)
			case *ast.InterfaceType:
				methodDocs(n, methods)
			case *ast.FuncDecl:
				if n.Recv != nil && n.Doc != nil {
					methods[n.Name.Pos()] = n.Doc.Text()
				}
			}
			return true
		})
	}
	return methods, typeDocs
}

func typeSpecDocs(d *ast.GenDecl, docs map[token.Pos]string) {
	if d.Tok != token.TYPE {
		return
	}
	for _, s := range d.Specs {
		ts := s.(*ast.TypeSpec)
		doc := ts.Doc
		if doc == nil && len(d.Specs) == 1 {
			doc = d.Doc
		}
		docs[ts.Name.Pos()] = doc.Text()
	}
}

func methodDocs(t *ast.InterfaceType, docs map[token.Pos]string) {
	for _, f := range t.Methods.List {
		if len(f.Names) == 1 && f.Doc != nil {
			docs[f.Names[0].Pos()] = f.Doc.Text()
		}
	}
}
