package templates

import (
	"go/ast"

	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
)

// A handle is a result or stream item whose type is the bare name of an
// interface of the same spec (Open returning f File), or an interface of
// another spec (see Extern): the blocking form gives the blocking
// interface, the callback form the callback one, on the runtime of the
// adapter, and each adapter converts what its implementation returns with
// the handle's AsyncOf or BlockingOf helper, or for an Extern its
// constructors through the unit's HandleFunc.

// Handle returns the interface that result or stream item p names, or nil
// when p is no handle: for an Extern, a stand-in with only its name.
func (u *Unit) Handle(p *spec.Param) *spec.Interface {
	if it := u.local(p); it != nil {
		return it
	}
	if p.Variadic {
		return nil
	}
	_, it := u.extern(p)
	return it
}

// LocalHandle returns the interface of the spec itself that result or
// stream item p names, or nil.
func (u *Unit) LocalHandle(p *spec.Param) *spec.Interface { return u.local(p) }

func (u *Unit) local(p *spec.Param) *spec.Interface {
	id, ok := p.Type.(*ast.Ident)
	if !ok || p.Variadic {
		return nil
	}
	for _, it := range u.Spec.Interfaces {
		if it.Name == id.Name {
			return it
		}
	}
	return nil
}

// HasHandle reports whether a result or the stream item of m is a handle.
func (u *Unit) HasHandle(m *spec.Method) bool {
	for _, p := range append(append([]*spec.Param{}, m.Results...), streamOf(m)...) {
		if u.Handle(p) != nil {
			return true
		}
	}
	return false
}

func streamOf(m *spec.Method) []*spec.Param {
	if m.Stream == nil {
		return nil
	}
	return []*spec.Param{m.Stream}
}

// IsHandleTarget reports whether some result or stream item of the spec is
// a handle of iface: its forms then emit the AsyncOf and BlockingOf
// helpers.
func (u *Unit) IsHandleTarget(iface *spec.Interface) bool {
	for _, it := range u.Spec.Interfaces {
		for _, m := range it.Methods {
			for _, p := range append(append([]*spec.Param{}, m.Results...), streamOf(m)...) {
				if u.Handle(p) == iface {
					return true
				}
			}
		}
	}
	return false
}

// AsyncType renders the type of a result or stream item on the callback
// side: a handle's callback interface (FileAsync), else its type.
func (u *Unit) AsyncType(p *spec.Param) jen.Code {
	if e, ok := u.externOf(p); ok {
		return e.qual(e.Name + "Async")
	}
	if h := u.Handle(p); h != nil {
		return jen.Id(NamesOf(h).Async)
	}
	return u.Type(p, false)
}

// ToAsync renders v, a value of result or stream item p from a blocking
// implementation, as the callback side gets it: fileAsyncOf(v, rt) for a
// handle, else v.
func (u *Unit) ToAsync(p *spec.Param, v, rt jen.Code) jen.Code {
	if e, ok := u.externOf(p); ok {
		return u.externConv(e, "New"+e.Name+"Async", v, rt)
	}
	if h := u.Handle(p); h != nil {
		return jen.Id(NamesOf(h).AsyncOf).Call(v, rt)
	}
	return v
}

// ToBlocking renders v, a value of result or stream item p from a callback
// implementation, as the blocking side gets it: fileBlockingOf(v, rt) for
// a handle, else v.
func (u *Unit) ToBlocking(p *spec.Param, v, rt jen.Code) jen.Code {
	if e, ok := u.externOf(p); ok {
		return u.externConv(e, "New"+e.Name+"Blocking", v, rt)
	}
	if h := u.Handle(p); h != nil {
		return jen.Id(NamesOf(h).BlockingOf).Call(v, rt)
	}
	return v
}

// ToDirect renders v, a value of result or stream item p from a blocking
// implementation called directly, as the blocking form returns it:
// fileDirectOf(v, rt) for a handle, so that its methods keep the
// runtime's rules, else v. An Extern's goes through both its
// constructors, which its NewNameBlocking collapses to the same direct
// call.
func (u *Unit) ToDirect(p *spec.Param, v, rt jen.Code) jen.Code {
	if e, ok := u.externOf(p); ok {
		return u.externConv(e, "New"+e.Name+"Blocking", u.externConv(e, "New"+e.Name+"Async", v, rt), rt)
	}
	if h := u.Handle(p); h != nil {
		return jen.Id(NamesOf(h).DirectOf).Call(v, rt)
	}
	return v
}

// HandleHelper emits the helper converting a handle to the form to,
// keeping a nil handle nil:
//
//	// fileAsyncOf returns the callback form of handle h on rt, or nil.
//	func fileAsyncOf(h File, rt *runtimes.Runtime) FileAsync {
//		if h == nil {
//			return nil
//		}
//		return NewFileAsync(h, rt)
//	}
func HandleHelper(f *jen.File, name, from, to, ctor, form string) {
	handleHelper(f, name, from, to, form, jen.Return(jen.Id(ctor).Call(jen.Id("h"), jen.Id("rt"))))
}

// DirectHelper emits the helper that puts a blocking handle from a direct
// call behind the runtime's rules, as a round trip through both forms
// would, keeping a nil handle nil:
//
//	func fileDirectOf(h File, rt *runtimes.Runtime) File {
//		if h == nil {
//			return nil
//		}
//		return &fileDirect{impl: h, rt: rt}
//	}
func DirectHelper(f *jen.File, iface *spec.Interface, typeOf func(Names) string) {
	n := NamesOf(iface)
	handleHelper(f, n.DirectOf, n.Blocking, n.Blocking, "direct blocking",
		NewAdapter(iface, typeOf, jen.Id("h"), jen.Id("rt"))...)
}

func handleHelper(f *jen.File, name, from, to, form string, made ...jen.Code) {
	f.Line()
	f.Commentf("%s returns the %s form of handle h on rt, or nil for a nil one.", name, form)
	f.Func().Id(name).Params(jen.Id("h").Id(from), jen.Id("rt").Add(Runtime())).Id(to).Block(
		append([]jen.Code{jen.If(jen.Id("h").Op("==").Nil()).Block(jen.Return(jen.Nil()))}, made...)...,
	)
}
