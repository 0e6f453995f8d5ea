package gen

import (
	"go/ast"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"io/fs"
	"strings"
)

// GoDecl is one package-level declaration of a hand-written Go file.
type GoDecl struct {
	Name string
	// Kind is "type", "func", "var", "const" or "method".
	Kind string
	// Recv is, for a method, the name of its receiver's type.
	Recv string
	// Pos is where it is declared, as "file.go:3:6".
	Pos string
	// Package is the package clause of its file: only declarations of the
	// generated package count.
	Package string
	// For a type, TypeParams is its number of type parameters and Shape the
	// kind of type it is when that decides what it can be used as: "func",
	// "map", "slice" (none comparable) or "interface"; "" otherwise.
	TypeParams int
	Shape      string
}

// goDecls returns the package-level declarations of the directory's
// hand-written Go files: every file whatever its build constraints (the
// generated code must compile for every platform) and the test files, but
// for files that are never built (`//go:build ignore`), files that do not
// parse and what is not a regular file.
func goDecls(fsys fs.FS) ([]GoDecl, error) {
	names, err := fs.Glob(fsys, "*.go")
	if err != nil {
		return nil, err
	}
	var out []GoDecl
	for _, name := range names {
		if info, err := fs.Stat(fsys, name); err != nil || !info.Mode().IsRegular() {
			continue // not a Go file the go command reads: the directory's own problem
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		if IsGenerated(data) {
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, data, parser.SkipObjectResolution|parser.ParseComments)
		if err != nil || ignored(f) {
			continue
		}
		out = append(out, fileDecls(fset, f)...)
	}
	return out, nil
}

// ignored reports whether f's build constraint is the single tag ignore.
func ignored(f *ast.File) bool {
	for _, g := range f.Comments {
		if g.Pos() > f.Package {
			break
		}
		for _, c := range g.List {
			if expr, err := constraint.Parse(c.Text); err == nil && constraint.IsGoBuild(c.Text) {
				tag, ok := expr.(*constraint.TagExpr)
				return ok && tag.Tag == "ignore"
			}
		}
	}
	return false
}

// fileDecls lists the package-level declarations of f.
func fileDecls(fset *token.FileSet, f *ast.File) []GoDecl {
	var out []GoDecl
	add := func(id *ast.Ident, kind, recv string) *GoDecl {
		if id.Name == "_" || kind == "func" && id.Name == "init" {
			return nil
		}
		out = append(out, GoDecl{Name: id.Name, Kind: kind, Recv: recv, Pos: fset.Position(id.Pos()).String(), Package: f.Name.Name})
		return &out[len(out)-1]
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				add(d.Name, "func", "")
			} else if recv := recvName(d.Recv); recv != "" {
				add(d.Name, "method", recv)
			}
		case *ast.GenDecl:
			for _, sp := range d.Specs {
				switch sp := sp.(type) {
				case *ast.TypeSpec:
					if d := add(sp.Name, "type", ""); d != nil {
						d.TypeParams, d.Shape = sp.TypeParams.NumFields(), shapeOf(sp.Type)
					}
				case *ast.ValueSpec:
					for _, id := range sp.Names {
						add(id, strings.ToLower(d.Tok.String()), "")
					}
				}
			}
		}
	}
	return out
}

// recvName returns the name of the type of a method's receiver list.
func recvName(recv *ast.FieldList) string {
	if len(recv.List) != 1 {
		return ""
	}
	e := recv.List[0].Type
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.ParenExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.Ident:
			return t.Name
		default:
			return ""
		}
	}
}

// shapeOf is the Shape of a type declared as e.
func shapeOf(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.FuncType:
		return "func"
	case *ast.MapType:
		return "map"
	case *ast.ArrayType:
		if t.Len == nil {
			return "slice"
		}
	case *ast.InterfaceType:
		return "interface"
	case *ast.ParenExpr:
		return shapeOf(t.X)
	}
	return ""
}
