package async

import (
	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
	t "github.com/shimgen/shimgen/templates"
)

// streamMethod emits one streaming method of the callback form; the
// embedded runtimes.StreamCall does the work, so the body names no package:
//
//	func (a *bucketAsync) List(ctx context.Context, prefix string, each func(entry Entry) bool, done func(err error)) {
//		c := &bucketListCall{impl: a.impl}
//		c.args.prefix = prefix
//		c.Start(a.rt, ctx, bucketListTimeout, c, each, done)
//	}
func (e *emitter) streamMethod(m *spec.Method) {
	recv := t.Fresh("a", e.Taken)
	c := t.Fresh("c", e.Taken)
	body := append(t.NewStream(c, e.N.CallType(m), recv, m), jen.Id(c).Dot("Start").Call(
		jen.Id(recv).Dot("rt"), jen.Id("ctx"), t.Timeout(e.N, m), jen.Id(c), jen.Id("each"), jen.Id("done"),
	))
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(e.N.AsyncType())).Id(m.Name).
		Params(e.U.AsyncParams(m)...).Block(body...)
}

// streamCall emits the per-call state of a streaming method, which the
// direct form of the blocking file uses too, and its Open:
//
//	type bucketListCall struct {
//		runtimes.StreamCall[Entry]
//		impl Bucket
//		args struct{ prefix string }
//	}
//
//	func (c *bucketListCall) Open(ctx context.Context) iter.Seq2[Entry, error] {
//		return c.impl.List(ctx, c.args.prefix)
//	}
func (e *emitter) streamCall(m *spec.Method) {
	name := e.N.CallType(m)
	e.F.Line()
	e.F.Commentf("%s is one %s call of the callback form: Open calls the blocking", name, m.Name)
	e.F.Comment("implementation, whose items Start delivers to each.")
	e.F.Type().Id(name).Struct(e.U.StateFields(m, e.U.StreamBase(m, "StreamCall"), jen.Id("impl").Id(e.N.Blocking))...)

	recv := t.Fresh("c", e.Taken)
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(name)).Id("Open").Params(t.Ctx()).Add(e.U.Seq(m)).Block(
		jen.Return(jen.Id(recv).Dot("impl").Dot(m.Name).Call(t.Args(m, recv, true)...)),
	)
}
