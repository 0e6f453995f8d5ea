package scaffold

import (
	"fmt"
	"go/token"

	"golang.org/x/tools/go/packages"
)

// foreignDocs adds to in.Docs the docs of the methods in's interface gets
// from interfaces of other packages it embeds (io.Closer in afero.File),
// which the syntax of in's own package does not hold: their packages are
// loaded (once, in cache) and the methods matched by position. Docs are
// best effort: a package that does not load leaves its methods without.
func foreignDocs(dir string, pkg *packages.Package, in *Interface, cache map[string]*packages.Package) {
	for _, fn := range in.Methods {
		if _, ok := in.Docs[fn.Pos()]; ok || fn.Pkg() == nil || fn.Pkg().Path() == pkg.PkgPath {
			continue
		}
		docs := docsByPosition(dir, fn.Pkg().Path(), cache)
		if d, ok := docs[position(pkg.Fset, fn.Pos())]; ok {
			in.Docs[fn.Pos()] = d
		}
	}
}

// docsByPosition loads the package at path (once) and maps the positions
// of its method names to their docs.
func docsByPosition(dir, path string, cache map[string]*packages.Package) map[string]string {
	p, ok := cache["docs:"+path]
	if !ok {
		pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax, Dir: dir}, path)
		if err == nil && len(pkgs) == 1 {
			p = pkgs[0]
		}
		cache["docs:"+path] = p
	}
	out := map[string]string{}
	if p == nil {
		return out
	}
	methods, _ := collectDocs(p.Syntax)
	for pos, d := range methods {
		out[position(p.Fset, pos)] = d
	}
	return out
}

// position is pos as file:line, comparable across loads (export data
// keeps no columns).
func position(fset *token.FileSet, pos token.Pos) string {
	p := fset.Position(pos)
	return fmt.Sprintf("%s:%d", p.Filename, p.Line)
}
