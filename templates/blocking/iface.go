package blocking

import (
	"github.com/dave/jennifer/jen"

	t "github.com/shimgen/shimgen/templates"
)

// ifaceDecl emits the blocking interface:
//
//	// Bucket stores blobs by key.
//	type Bucket interface {
//		// Get returns the blob stored under key.
//		Get(ctx context.Context, key string) (data []byte, found bool, err error)
//	}
func (e *emitter) ifaceDecl() {
	e.F.Line()
	doc := e.Iface.Doc
	if doc == "" {
		doc = e.N.Blocking + " is the blocking form of the " + e.N.Blocking + " API."
	}
	t.Comments(e.F, doc)
	e.F.Type().Id(e.N.Blocking).InterfaceFunc(func(g *jen.Group) {
		t.EmbedNames(g, e.Iface, func(n t.Names) string { return n.Blocking })
		for i, m := range e.Iface.Methods {
			if i > 0 && t.MethodDoc(m) != "" {
				g.Line()
			}
			t.Comments(g, t.MethodDoc(m))
			g.Id(m.Name).Params(e.U.Params(m, true)...).Add(e.U.Results(m))
		}
	})
}

// constructor emits NewBucketBlocking. A callback implementation that is
// itself the callback form of a blocking one is unwrapped, so a round trip
// through both forms calls the blocking implementation directly:
//
//	func NewBucketBlocking(impl BucketAsync, rt *runtimes.Runtime) Bucket {
//		if impl == nil || rt == nil {
//			panic("NewBucketBlocking: nil implementation or runtime")
//		}
//		if a, ok := impl.(*bucketAsync); ok {
//			return &bucketDirect{impl: a.impl, rt: rt}
//		}
//		return &bucketBlocking{impl: impl, rt: rt}
//	}
//
// The adapters of embedded interfaces are built first (see
// templates.NewAdapter).
func (e *emitter) constructor() {
	e.F.Line()
	n := e.N
	e.F.Commentf("%s returns the blocking form of a callback implementation.", n.NewBlocking)
	e.F.Comment("Each method calls impl on rt's loop (or on the calling goroutine when rt")
	e.F.Comment("has no loop) and waits for its completion or for ctx to end. When impl")
	e.F.Commentf("was made by %s, its blocking implementation is called directly.", n.NewAsync)
	body := append([]jen.Code{
		jen.If(jen.Id("impl").Op("==").Nil().Op("||").Id("rt").Op("==").Nil()).Block(
			jen.Panic(jen.Lit(n.NewBlocking + ": nil implementation or runtime")),
		),
		jen.If(jen.List(jen.Id("a"), jen.Id("ok")).Op(":=").Id("impl").Assert(jen.Op("*").Id(n.AsyncType)), jen.Id("ok")).Block(
			t.NewAdapter(e.Iface, directType, jen.Id("a").Dot("impl"), jen.Id("rt"))...,
		),
	}, t.NewAdapter(e.Iface, blockingType, jen.Id("impl"), jen.Id("rt"))...)
	e.F.Func().Id(n.NewBlocking).Params(jen.Id("impl").Id(n.Async), jen.Id("rt").Add(t.Runtime())).Id(n.Blocking).Block(body...)
}
