// Package blocking emits the blocking form of a spec (file NAME_blocking.go):
// each interface as plain Go methods, the constructor that derives it from a
// callback implementation, and the collapsed form that a round trip through
// both forms yields. It writes Go with github.com/dave/jennifer, not text
// templates.
package blocking

import (
	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
	t "github.com/shimgen/shimgen/templates"
)

// Form is the blocking form.
type Form struct{}

// Name implements templates.Form.
func (Form) Name() string { return "blocking" }

// Suffix implements templates.Form.
func (Form) Suffix() string { return "_blocking.go" }

// Locals implements templates.Form: every method binds ctx and err; the
// done literals bind err, the stream adapters each and done.
func (Form) Locals(k spec.MethodKind) []string {
	if k.Streams() {
		return []string{"ctx", "done", "each", "err"}
	}
	return []string{"ctx", "done", "err"}
}

// Declares implements templates.Form.
func (Form) Declares(iface *spec.Interface) []t.Decl {
	n := t.NamesOf(iface)
	out := []t.Decl{{Name: n.Blocking, API: true}, {Name: n.NewBlocking}, {Name: n.BlockingType}, {Name: n.DirectType}, {Name: n.BlockingOf}, {Name: n.DirectOf}}
	for _, m := range iface.Methods {
		switch {
		case m.Kind == spec.Unary:
			out = append(out, t.Decl{Name: n.WaitType(m)}, t.Decl{Name: n.InvokeFunc(m)})
		case t.Packed(m):
			out = append(out, t.Decl{Name: n.InvokeFunc(m)})
		case m.Kind.Sends():
			out = append(out, t.Decl{Name: n.WaitType(m)}, t.Decl{Name: n.DirectCall(m)})
		}
	}
	return out
}

// Emit implements templates.Form.
func (Form) Emit(u *t.Unit, f *jen.File) error {
	u.NameGuard(f, "blocking")
	for _, iface := range u.Spec.Interfaces {
		e := emitter{t.NewScope(u, f, iface)}
		e.emit()
	}
	return u.Err()
}

type emitter struct {
	t.Scope
}

func (e *emitter) emit() {
	e.ifaceDecl()
	e.constructor()
	e.implType()
	for _, m := range e.Iface.Methods {
		e.method(m)
	}
	e.directType()
	for _, m := range e.Iface.Methods {
		e.directMethod(m)
	}
	for _, fw := range t.Forwarded(e.Iface) {
		e.forward(fw, e.N.BlockingType, t.NamesOf(fw.Via).BlockingType)
		e.forward(fw, e.N.DirectType, t.NamesOf(fw.Via).DirectType)
	}
	if e.U.IsHandleTarget(e.Iface) {
		t.HandleHelper(e.F, e.N.BlockingOf, e.N.Async, e.N.Blocking, e.N.NewBlocking, "blocking")
		t.DirectHelper(e.F, e.Iface, directType)
	}
}

// implType emits the adapter type over a callback implementation:
//
//	// bucketBlocking is the blocking form of a callback implementation.
//	// A unary call keeps its state in a struct that one function hands to the
//	// callback implementation with a done that completes the wait once, as
//	// Get does with bucketGetWait and bucketGetInvoke.
//	type bucketBlocking struct {
//		impl BucketAsync
//		rt   *runtimes.Runtime
//	}
func (e *emitter) implType() {
	e.F.Line()
	e.F.Commentf("%s is the blocking form of a callback implementation.", e.N.BlockingType)
	if m := t.FirstUnary(e.Iface); m != nil {
		e.F.Comment("A unary call keeps its state in a struct that one function hands to the")
		e.F.Comment("callback implementation with a done that completes the wait once, as")
		e.F.Commentf("%s does with %s and %s.", m.Name, e.N.WaitType(m), e.N.InvokeFunc(m))
	}
	e.F.Type().Id(e.N.BlockingType).Struct(append(t.EmbeddedFields(e.Iface, blockingType),
		jen.Id("impl").Id(e.N.Async),
		jen.Id("rt").Add(t.Runtime()),
	)...)
}

// blockingType and directType name the blocking adapter types of an
// interface, over a callback and over a blocking implementation.
func blockingType(n t.Names) string { return n.BlockingType }
func directType(n t.Names) string   { return n.DirectType }
