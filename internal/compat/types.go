package compat

import (
	"go/ast"
	"go/parser"
	"go/types"
	"strconv"

	"github.com/shimgen/shimgen/spec"
	"golang.org/x/tools/go/ast/astutil"
)

// aliases maps predeclared names to the type they are identical to.
var aliases = map[string]string{"byte": "uint8", "rune": "int32", "any": "interface{}"}

// canonical returns the identity of a type of f as text: the type written
// as types.ExprString writes it, with each qualifier replaced by its
// quoted import path, predeclared aliases replaced by what they stand for,
// parentheses and the parameter names of func types dropped. Two types of
// the generated code are identical exactly when their canonical texts are
// equal (up to unqualified names, which stand for the package's own types).
func canonical(f *spec.File, e ast.Expr) string {
	text := types.ExprString(e)
	x, err := parser.ParseExpr(text) // a private copy to rewrite
	if err != nil {
		return text
	}
	x = astutil.Apply(x, nil, func(c *astutil.Cursor) bool {
		normalize(f, c)
		return true
	}).(ast.Expr)
	return types.ExprString(x)
}

// normalize rewrites the node under c, whose children are already
// normalized.
func normalize(f *spec.File, c *astutil.Cursor) {
	switch n := c.Node().(type) {
	case *ast.ParenExpr:
		c.Replace(n.X)
	case *ast.FuncType:
		n.Params = unnamed(n.Params)
		n.Results = unnamed(n.Results)
	case *ast.Ident:
		normalizeIdent(f, c, n)
	}
}

// normalizeIdent resolves a qualifier to its import path and a predeclared
// alias to its type; names of fields and selected names stay.
func normalizeIdent(f *spec.File, c *astutil.Cursor, id *ast.Ident) {
	if c.Name() == "Names" || c.Name() == "Sel" {
		return
	}
	if _, ok := c.Parent().(*ast.SelectorExpr); ok {
		if path, ok := f.ImportPath(id.Name); ok {
			id.Name = strconv.Quote(path)
		}
		return
	}
	if t, ok := aliases[id.Name]; ok {
		id.Name = t
	}
}

// unnamed returns list with one unnamed field per name: the parameters of
// a func type as they count for its identity.
func unnamed(list *ast.FieldList) *ast.FieldList {
	if list == nil {
		return nil
	}
	out := &ast.FieldList{}
	for _, fd := range list.List {
		for range max(len(fd.Names), 1) {
			out.List = append(out.List, &ast.Field{Type: fd.Type})
		}
	}
	return out
}

// qualifiers returns the qualifiers a type uses, in order of appearance.
func qualifiers(e ast.Expr) []string {
	var qs []string
	ast.Inspect(e, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				qs = append(qs, id.Name)
			}
		}
		return true
	})
	return qs
}
