package templates

import (
	"fmt"
	"go/ast"
	"go/token"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
)

// Resolver maps a qualifier used in a spec type to its import path.
type Resolver func(qualifier string) (path string, ok bool)

// Type translates a validated spec type expression into jennifer code, so
// that qualified names go through jen.Qual and get their imports managed.
// It returns an error for an expression the spec package should have
// rejected; the emitters treat that as an internal error.
func Type(expr ast.Expr, resolve Resolver) (jen.Code, error) {
	t := typeWriter{resolve: resolve}
	c := t.expr(expr)
	return c, t.err
}

type typeWriter struct {
	resolve Resolver
	err     error
}

func (t *typeWriter) fail(e ast.Expr) jen.Code {
	if t.err == nil {
		t.err = fmt.Errorf("unsupported type expression %T", e)
	}
	return jen.Null()
}

func (t *typeWriter) expr(e ast.Expr) jen.Code {
	switch e := e.(type) {
	case *ast.Ident:
		return jen.Id(e.Name)
	case *ast.SelectorExpr:
		return t.qualified(e)
	case *ast.StarExpr:
		return jen.Op("*").Add(t.expr(e.X))
	case *ast.ParenExpr:
		return jen.Parens(t.expr(e.X))
	case *ast.ArrayType:
		return t.array(e)
	case *ast.MapType:
		return jen.Map(t.expr(e.Key)).Add(t.expr(e.Value))
	case *ast.ChanType:
		return t.chanType(e)
	case *ast.FuncType:
		return jen.Func().Add(t.signature(e))
	case *ast.InterfaceType:
		return t.iface(e)
	case *ast.StructType:
		return jen.Struct(t.fields(e.Fields, false)...)
	case *ast.IndexExpr:
		return jen.Add(t.expr(e.X)).Types(t.expr(e.Index))
	case *ast.IndexListExpr:
		return t.instance(e)
	case *ast.Ellipsis:
		return jen.Op("...").Add(t.expr(e.Elt))
	}
	return t.fail(e)
}

func (t *typeWriter) qualified(e *ast.SelectorExpr) jen.Code {
	x, ok := e.X.(*ast.Ident)
	if !ok {
		return t.fail(e)
	}
	path, ok := t.resolve(x.Name)
	if !ok {
		if t.err == nil {
			t.err = fmt.Errorf("unresolved qualifier %q", x.Name)
		}
		return jen.Null()
	}
	return jen.Qual(path, e.Sel.Name)
}

func (t *typeWriter) array(e *ast.ArrayType) jen.Code {
	if e.Len == nil {
		return jen.Index().Add(t.expr(e.Elt))
	}
	lit, ok := e.Len.(*ast.BasicLit)
	if !ok || lit.Kind != token.INT {
		return t.fail(e)
	}
	return jen.Index(jen.Op(lit.Value)).Add(t.expr(e.Elt))
}

func (t *typeWriter) chanType(e *ast.ChanType) jen.Code {
	switch e.Dir {
	case ast.SEND:
		return jen.Chan().Op("<-").Add(t.expr(e.Value))
	case ast.RECV:
		return jen.Op("<-").Chan().Add(t.expr(e.Value))
	}
	return jen.Chan().Add(t.expr(e.Value))
}

func (t *typeWriter) iface(e *ast.InterfaceType) jen.Code {
	if e.Methods != nil && len(e.Methods.List) > 0 {
		return t.fail(e)
	}
	return jen.Interface()
}

func (t *typeWriter) instance(e *ast.IndexListExpr) jen.Code {
	args := make([]jen.Code, len(e.Indices))
	for i, x := range e.Indices {
		args[i] = t.expr(x)
	}
	return jen.Add(t.expr(e.X)).Types(args...)
}

// signature renders the parameter and result lists of a func type.
func (t *typeWriter) signature(e *ast.FuncType) *jen.Statement {
	s := jen.Params(t.fields(e.Params, true)...)
	if e.Results != nil && len(e.Results.List) > 0 {
		s.Params(t.fields(e.Results, true)...)
	}
	return s
}

// fields renders a field list; names are kept as written.
func (t *typeWriter) fields(fl *ast.FieldList, params bool) []jen.Code {
	if fl == nil {
		return nil
	}
	var out []jen.Code
	for _, f := range fl.List {
		typ := jen.Add(t.expr(f.Type))
		if f.Tag != nil {
			typ.Op(tagLiteral(f.Tag.Value))
		}
		if len(f.Names) == 0 {
			out = append(out, typ)
			continue
		}
		for i, n := range f.Names {
			s := jen.Id(n.Name)
			if !params || i == len(f.Names)-1 {
				s.Add(typ)
			}
			out = append(out, s)
		}
	}
	return out
}

// tagLiteral is a struct tag as written, unless it is a raw string spanning
// lines: then it is the equivalent interpreted string, so that no line of
// the tag starts a line of the generated file (go generate reads any line
// starting with //go:generate as its directive, even inside a string).
func tagLiteral(lit string) string {
	if !strings.ContainsAny(lit, "\r\n") {
		return lit
	}
	v, err := strconv.Unquote(lit)
	if err != nil {
		return lit
	}
	return strconv.Quote(v)
}
