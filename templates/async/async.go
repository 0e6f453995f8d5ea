// Package async emits the callback form of a spec (file NAME_async.go): each
// interface with a completion callback per method, and the constructor that
// derives it from a blocking implementation. It writes Go with
// github.com/dave/jennifer, not text templates.
package async

import (
	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
	t "github.com/shimgen/shimgen/templates"
)

// Form is the callback form.
type Form struct{}

// Name implements templates.Form.
func (Form) Name() string { return "callback" }

// Suffix implements templates.Form.
func (Form) Suffix() string { return "_async.go" }

// Locals implements templates.Form: every method takes ctx and done, and a
// streaming one each; the step functions bind err.
func (Form) Locals(k spec.MethodKind) []string {
	if k.Streams() {
		return []string{"ctx", "done", "each", "err"}
	}
	return []string{"ctx", "done", "err"}
}

// Declares implements templates.Form.
func (Form) Declares(iface *spec.Interface) []t.Decl {
	n := t.NamesOf(iface)
	out := []t.Decl{{Name: n.Async, API: true}, {Name: n.NewAsync}, {Name: n.AsyncType}, {Name: n.AsyncOf}}
	for _, m := range iface.Methods {
		switch {
		case m.Kind == spec.Unary:
			out = append(out, t.Decl{Name: n.CallType(m)}, t.Decl{Name: n.StepFunc(m)})
		case m.Kind.Sends():
			out = append(out, t.Decl{Name: n.CallType(m)})
		}
	}
	return out
}

// Emit implements templates.Form.
func (Form) Emit(u *t.Unit, f *jen.File) error {
	u.NameGuard(f, "callback")
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
	e.asyncType()
	for _, m := range e.Iface.Methods {
		e.method(m)
	}
	for _, fw := range t.Forwarded(e.Iface) {
		e.forward(fw)
	}
	if e.U.IsHandleTarget(e.Iface) {
		t.HandleHelper(e.F, e.N.AsyncOf, e.N.Blocking, e.N.Async, e.N.NewAsync, "callback")
	}
}

// ifaceDecl emits the callback interface:
//
//	// BucketAsync is the callback form of Bucket.
//	// …
//	type BucketAsync interface {
//		// Get returns the blob stored under key.
//		Get(ctx context.Context, key string, done func(data []byte, found bool, err error))
//	}
func (e *emitter) ifaceDecl() {
	e.F.Line()
	n := e.N
	e.F.Commentf("%s is the callback form of %s.", n.Async, n.Blocking)
	e.F.Comment("")
	e.F.Comment("Each method returns at once and calls done exactly once with the results,")
	e.F.Comment("on the completion context of the runtime behind the implementation (for an")
	e.F.Comment("event loop, on the loop goroutine). A variadic parameter of the blocking")
	e.F.Comment("form is a slice here, since it cannot precede done.")
	if t.HasStream(e.Iface) {
		e.F.Comment("")
		e.F.Comment("A streaming method calls each for every item, in order (returning false")
		e.F.Comment("stops the stream), then done exactly once, on the same completion context.")
		e.F.Comment("An implementation can pace its items with runtimes.FlowOf(ctx).")
	}
	if t.HasSend(e.Iface) {
		e.F.Comment("")
		e.F.Comment("A method that streams items from the caller returns its runtimes.Sender")
		e.F.Comment("at once: Send hands it one item without blocking, Ready and OnReady tell")
		e.F.Comment("when there is room, and CloseSend ends the items; ctx cancels the call.")
	}
	e.F.Type().Id(n.Async).InterfaceFunc(func(g *jen.Group) {
		t.EmbedNames(g, e.Iface, func(n t.Names) string { return n.Async })
		for i, m := range e.Iface.Methods {
			if i > 0 && t.MethodDoc(m) != "" {
				g.Line()
			}
			t.Comments(g, t.MethodDoc(m))
			g.Id(m.Name).Params(e.U.AsyncParams(m)...).Add(e.U.AsyncResults(m))
		}
	})
}

// constructor emits NewBucketAsync:
//
//	func NewBucketAsync(impl Bucket, rt *runtimes.Runtime) BucketAsync {
//		if impl == nil || rt == nil {
//			panic("NewBucketAsync: nil implementation or runtime")
//		}
//		return &bucketAsync{impl: impl, rt: rt}
//	}
//
// An interface that embeds others builds their adapters first (see
// templates.NewAdapter).
func (e *emitter) constructor() {
	e.F.Line()
	n := e.N
	e.F.Commentf("%s returns the callback form of a blocking implementation.", n.NewAsync)
	e.F.Comment("Each call runs impl on rt's executor and delivers done on rt's completion")
	e.F.Comment("context; see package runtimes for the rules on ctx, panics and closing.")
	body := append([]jen.Code{
		jen.If(jen.Id("impl").Op("==").Nil().Op("||").Id("rt").Op("==").Nil()).Block(
			jen.Panic(jen.Lit(n.NewAsync + ": nil implementation or runtime")),
		),
	}, t.NewAdapter(e.Iface, asyncType, jen.Id("impl"), jen.Id("rt"))...)
	e.F.Func().Id(n.NewAsync).Params(jen.Id("impl").Id(n.Blocking), jen.Id("rt").Add(t.Runtime())).Id(n.Async).Block(body...)
}

// asyncType emits
//
//	// bucketAsync is the callback form of a blocking implementation.
//	// A unary call keeps its state in a struct that one function runs on the
//	// executor and completes on the completion context, as Get does with
//	// bucketGetCall and bucketGetStep.
//	type bucketAsync struct {
//		impl Bucket
//		rt   *runtimes.Runtime
//	}
//
// with the adapters of the embedded interfaces embedded first (readerAsync).
func (e *emitter) asyncType() {
	e.F.Line()
	e.F.Commentf("%s is the callback form of a blocking implementation.", e.N.AsyncType)
	if m := t.FirstUnary(e.Iface); m != nil {
		e.F.Comment("A unary call keeps its state in a struct that one function runs on the")
		e.F.Commentf("executor and completes on the completion context, as %s does with", m.Name)
		e.F.Commentf("%s and %s.", e.N.CallType(m), e.N.StepFunc(m))
	}
	e.F.Type().Id(e.N.AsyncType).Struct(append(t.EmbeddedFields(e.Iface, asyncType),
		jen.Id("impl").Id(e.N.Blocking),
		jen.Id("rt").Add(t.Runtime()),
	)...)
}

// asyncType names the callback adapter type of an interface.
func asyncType(n t.Names) string { return n.AsyncType }

// forward emits a method two embedded adapters would both promote, calling
// the first's:
//
//	func (a *fileAsync) Close(ctx context.Context, done func(err error)) {
//		a.readerAsync.Close(ctx, done)
//	}
func (e *emitter) forward(fw t.Forward) {
	m := fw.Method
	recv := t.Fresh("a", t.ForwardTaken(e.Iface))
	args := append([]jen.Code{jen.Id("ctx")}, t.Idents(m.Params)...)
	if m.Kind.Streams() {
		args = append(args, jen.Id("each"))
	}
	args = append(args, jen.Id("done"))
	call := jen.Id(recv).Dot(t.NamesOf(fw.Via).AsyncType).Dot(m.Name).Call(args...)
	if m.Kind.Sends() {
		call = jen.Return(call)
	}
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(e.N.AsyncType)).Id(m.Name).Params(e.U.AsyncParams(m)...).
		Add(e.U.AsyncResults(m)).Block(call)
}
