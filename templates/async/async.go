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

// Emit writes the callback form of u's spec to f.
func Emit(u *t.Unit, f *t.Sink) error {
	f.Commentf("The callback form compiles only beside the blocking form generated from")
	f.Commentf("the same %s; run shimgen if this line fails to build.", u.Source)
	f.Const().Id("_").Op("=").Id(u.Guard)
	for _, iface := range u.Spec.Interfaces {
		e := emitter{u: u, f: f, iface: iface, n: t.NamesOf(iface), taken: t.ParamNames(iface)}
		e.emit()
	}
	f.Close()
	return u.Err()
}

type emitter struct {
	u     *t.Unit
	f     *t.Sink
	iface *spec.Interface
	n     t.Names
	taken map[string]bool
}

func (e *emitter) emit() {
	e.f.Break()
	e.ifaceDecl()
	e.constructor()
	e.asyncType()
	for _, m := range e.iface.Methods {
		e.f.Break()
		e.asyncMethod(m)
		e.callType(m)
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
	e.f.Line()
	n := e.n
	e.f.Commentf("%s is the callback form of %s.", n.Async, n.Blocking)
	e.f.Comment("")
	e.f.Comment("Each method returns at once and calls done exactly once with the results,")
	e.f.Comment("on the completion context of the runtime behind the implementation (for an")
	e.f.Comment("event loop, on the loop goroutine). A variadic parameter of the blocking")
	e.f.Comment("form is a slice here, since it cannot precede done.")
	e.f.Type().Id(n.Async).InterfaceFunc(func(g *jen.Group) {
		for i, m := range e.iface.Methods {
			if i > 0 && t.MethodDoc(m) != "" {
				g.Line()
			}
			t.GroupComments(g, t.MethodDoc(m))
			g.Id(m.Name).Params(e.u.AsyncParams(m)...)
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
func (e *emitter) constructor() {
	e.f.Line()
	n := e.n
	e.f.Commentf("%s returns the callback form of a blocking implementation.", n.NewAsync)
	e.f.Comment("Each call runs impl on rt's executor and delivers done on rt's completion")
	e.f.Comment("context; see package runtimes for the rules on ctx, panics and closing.")
	e.f.Func().Id(n.NewAsync).Params(jen.Id("impl").Id(n.Blocking), jen.Id("rt").Add(t.Runtime())).Id(n.Async).Block(
		jen.If(jen.Id("impl").Op("==").Nil().Op("||").Id("rt").Op("==").Nil()).Block(
			jen.Panic(jen.Lit(n.NewAsync+": nil implementation or runtime")),
		),
		jen.Return(jen.Op("&").Id(n.AsyncType()).Values(jen.Dict{jen.Id("impl"): jen.Id("impl"), jen.Id("rt"): jen.Id("rt")})),
	)
}

// asyncType emits
//
//	type bucketAsync struct {
//		impl Bucket
//		rt   *runtimes.Runtime
//	}
func (e *emitter) asyncType() {
	e.f.Line()
	e.f.Commentf("%s is the callback form of a blocking implementation.", e.n.AsyncType())
	e.f.Type().Id(e.n.AsyncType()).Struct(
		jen.Id("impl").Id(e.n.Blocking),
		jen.Id("rt").Add(t.Runtime()),
	)
}
