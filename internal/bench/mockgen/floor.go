package main

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/tools/go/ast/astutil"
)

// floorPkg is the package that measures the floor: what the generated API
// costs with nothing behind it.
const floorPkg = "floor"

func (l layout) floorDir() string { return filepath.Join(l.module, floorPkg) }

// writeFloor writes package floor from shimgen's output in package shim:
// the same files with every adapter method's body replaced by panic(0) and
// the unexported declarations only those bodies use (per-call state types,
// their step and invoke functions) removed. What remains is what issue 11
// keeps fixed: both interfaces with their docs, the constructors, and the
// adapter types with one method per interface method, so its size and
// build time are the least any design with this API can cost.
func writeFloor(l layout) error {
	names := append(append([]string(nil), shimOutputs...), "record.go", roundFile)
	if err := os.MkdirAll(l.floorDir(), 0o755); err != nil {
		return err
	}
	for _, name := range names {
		src, err := os.ReadFile(filepath.Join(l.shimDir(), name))
		if err != nil {
			return err
		}
		out, err := floorSource(name, src)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(l.floorDir(), name), out, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// floorSource rewrites one file of package shim for package floor.
func floorSource(name string, src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	f.Name.Name = floorPkg
	methods := receivers(f)
	var decls []ast.Decl
	for _, d := range f.Decls {
		if keep(d, methods) {
			decls = append(decls, d)
		}
	}
	f.Decls = decls
	f.Comments = keptComments(f)
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		if !astutil.UsesImport(f, path) {
			astutil.DeleteImport(fset, f, path)
		}
	}
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// receivers returns the names of the types that have exported methods in
// f: the adapters. The state of a streaming call may have methods too,
// unexported ones, and goes with the other per-call state.
func receivers(f *ast.File) map[string]bool {
	out := map[string]bool{}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && fd.Name.IsExported() {
			t := fd.Recv.List[0].Type
			if star, ok := t.(*ast.StarExpr); ok {
				t = star.X
			}
			out[t.(*ast.Ident).Name] = true
		}
	}
	return out
}

// keep reports whether d stays in the floor, emptying a method's body.
func keep(d ast.Decl, methods map[string]bool) bool {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv != nil && d.Name.IsExported() {
			d.Body.List = []ast.Stmt{&ast.ExprStmt{X: &ast.CallExpr{
				Fun:  ast.NewIdent("panic"),
				Args: []ast.Expr{&ast.BasicLit{Kind: token.INT, Value: "0"}},
			}}}
			return true
		}
		return d.Recv == nil && d.Name.IsExported()
	case *ast.GenDecl:
		if d.Tok != token.TYPE {
			return true
		}
		ts := d.Specs[0].(*ast.TypeSpec)
		return ts.Name.IsExported() || methods[ts.Name.Name]
	}
	return true
}

// keptComments drops the comments that were inside removed declarations
// or bodies, keeping the file's header and the kept declarations' docs.
func keptComments(f *ast.File) []*ast.CommentGroup {
	var spans [][2]token.Pos
	for _, d := range f.Decls {
		end := d.End()
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil {
			end = fd.Body.Lbrace // the body is new
		}
		spans = append(spans, [2]token.Pos{d.Pos(), end})
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Doc != nil {
			spans = append(spans, [2]token.Pos{fd.Doc.Pos(), fd.Doc.End()})
		}
		if gd, ok := d.(*ast.GenDecl); ok && gd.Doc != nil {
			spans = append(spans, [2]token.Pos{gd.Doc.Pos(), gd.Doc.End()})
		}
	}
	var out []*ast.CommentGroup
	for _, c := range f.Comments {
		if c.Pos() < f.Package || inside(c, spans) {
			out = append(out, c)
		}
	}
	return out
}

func inside(c *ast.CommentGroup, spans [][2]token.Pos) bool {
	for _, s := range spans {
		if c.Pos() >= s[0] && c.End() <= s[1] {
			return true
		}
	}
	return false
}
