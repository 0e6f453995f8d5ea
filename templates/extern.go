package templates

import (
	"go/ast"

	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
)

// An Extern is an interface of another spec that a result or stream item
// can name as a handle: of another spec of the same package (Path "",
// named bare: File), or of the generated code of a package the spec
// imports (Path its import path, named qualified: vfs.File). The forms
// reach it only through its exported API: the blocking interface Name,
// the callback interface NameAsync and the constructors NewNameAsync and
// NewNameBlocking.
type Extern struct {
	Path, Name string
}

// SetExterns records the interfaces of other specs the unit's handles may
// name. An interface of the spec itself takes precedence.
func (u *Unit) SetExterns(list []Extern) {
	u.externs = map[Extern]*spec.Interface{}
	for _, e := range list {
		u.externs[e] = &spec.Interface{Name: e.Name}
	}
}

// extern returns the Extern that result or stream item p names, and the
// stand-in interface Handle returns for it.
func (u *Unit) extern(p *spec.Param) (Extern, *spec.Interface) {
	var e Extern
	switch x := p.Type.(type) {
	case *ast.Ident:
		e = Extern{Name: x.Name}
	case *ast.SelectorExpr:
		q, ok := x.X.(*ast.Ident)
		if !ok {
			return e, nil
		}
		for _, imp := range u.Spec.Imports {
			if imp.Name == q.Name {
				e = Extern{Path: imp.Path, Name: x.Sel.Name}
			}
		}
	}
	return e, u.externs[e]
}

// externOf returns the Extern p names when p is a handle of another
// spec's interface.
func (u *Unit) externOf(p *spec.Param) (Extern, bool) {
	if p.Variadic || u.local(p) != nil {
		return Extern{}, false
	}
	e, it := u.extern(p)
	return e, it != nil
}

// qual renders name as declared beside e.
func (e Extern) qual(name string) *jen.Statement {
	if e.Path == "" {
		return jen.Id(name)
	}
	return jen.Qual(e.Path, name)
}

// HasExtern reports whether some result or stream item of the spec is a
// handle of another spec's interface: the common part then emits the
// unit's HandleFunc.
func (u *Unit) HasExtern() bool {
	for _, it := range u.Spec.Interfaces {
		for _, m := range it.Methods {
			for _, p := range append(append([]*spec.Param{}, m.Results...), streamOf(m)...) {
				if _, ok := u.externOf(p); ok {
					return true
				}
			}
		}
	}
	return false
}

// HandleFunc names the generic helper that converts a handle of another
// spec's interface with one of its constructors, keeping a nil one nil:
// shimgenFsHandle for fs.shim.yaml.
func (u *Unit) HandleFunc() string { return u.handleFunc }

// externConv renders made(v, rt) through the unit's HandleFunc:
// shimgenFsHandle(v, rt, vfs.NewFileAsync).
func (u *Unit) externConv(e Extern, ctor string, v, rt jen.Code) *jen.Statement {
	return jen.Id(u.handleFunc).Call(v, rt, e.qual(ctor))
}

// EmitHandleFunc emits the unit's HandleFunc:
//
//	// shimgenFsHandle returns made(h, rt), the other form of handle h on
//	// rt, or the zero T for a nil h.
//	func shimgenFsHandle[H, T any](h H, rt *runtimes.Runtime, made func(H, *runtimes.Runtime) T) T {
//		if any(h) == nil {
//			var zero T
//			return zero
//		}
//		return made(h, rt)
//	}
func (u *Unit) EmitHandleFunc(f *jen.File) {
	f.Line()
	f.Commentf("%s returns made(h, rt), the other form of handle h, an", u.handleFunc)
	f.Comment("interface of another spec, on rt, or the zero T for a nil h.")
	f.Func().Id(u.handleFunc).Types(jen.List(jen.Id("H"), jen.Id("T")).Any()).Params(
		jen.Id("h").Id("H"), jen.Id("rt").Add(Runtime()),
		jen.Id("made").Func().Params(jen.Id("H"), Runtime()).Id("T"),
	).Id("T").Block(
		jen.If(jen.Any().Call(jen.Id("h")).Op("==").Nil()).Block(
			jen.Var().Id("zero").Id("T"),
			jen.Return(jen.Id("zero")),
		),
		jen.Return(jen.Id("made").Call(jen.Id("h"), jen.Id("rt"))),
	)
}
