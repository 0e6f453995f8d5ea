package blocking

import (
	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
	t "github.com/shimgen/shimgen/templates"
)

// streamMethod emits one streaming method of the blocking form over a
// callback implementation; the embedded runtimes.StreamWait does the work,
// so the body names no package:
//
//	func (b *bucketBlocking) List(ctx context.Context, prefix string) iter.Seq2[Entry, error] {
//		w := &bucketListWait{impl: b.impl}
//		w.args.prefix = prefix
//		return w.Iterate(b.rt, ctx, bucketListTimeout, w)
//	}
func (e *emitter) streamMethod(m *spec.Method) {
	recv := t.Fresh("b", e.Taken)
	w := t.Fresh("w", e.Taken)
	body := append(t.NewStream(w, e.N.WaitType(m), recv, m), jen.Return(jen.Id(w).Dot("Iterate").Call(jen.Id(recv).Dot("rt"), jen.Id("ctx"), t.Timeout(e.N, m), jen.Id(w))))
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(e.N.BlockingType())).Id(m.Name).
		Params(e.U.Params(m, true)...).Add(e.U.Seq(m)).Block(body...)
}

// streamWait emits the per-call state of a streaming method in the blocking
// form and its Invoke:
//
//	type bucketListWait struct {
//		runtimes.StreamWait[Entry]
//		impl BucketAsync
//		args struct{ prefix string }
//	}
//
//	func (w *bucketListWait) Invoke(ctx context.Context, each func(Entry) bool, done func(error)) {
//		w.impl.List(ctx, w.args.prefix, each, done)
//	}
func (e *emitter) streamWait(m *spec.Method) {
	name := e.N.WaitType(m)
	e.F.Line()
	e.F.Commentf("%s is one %s call of the blocking form: Invoke calls the callback", name, m.Name)
	e.F.Comment("implementation, whose items Iterate yields.")
	e.F.Type().Id(name).Struct(e.U.StateFields(m, e.U.StreamBase(m, "StreamWait"), jen.Id("impl").Id(e.N.Async))...)

	recv := t.Fresh("w", e.Taken)
	args := append(t.Args(m, recv, false), jen.Id("each"), jen.Id("done"))
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(name)).Id("Invoke").
		Params(t.Ctx(), jen.Id("each").Add(e.U.EachType(m, false)), jen.Id("done").Func().Params(jen.Error())).
		Block(jen.Id(recv).Dot("impl").Dot(m.Name).Call(args...))
}

// streamDirect emits one streaming method of the direct form, which ranges
// over the blocking implementation through the callback form's per-call
// state:
//
//	func (d *bucketDirect) List(ctx context.Context, prefix string) iter.Seq2[Entry, error] {
//		c := &bucketListCall{impl: d.impl}
//		c.args.prefix = prefix
//		return c.Direct(d.rt, ctx, bucketListTimeout, c)
//	}
func (e *emitter) streamDirect(m *spec.Method) {
	recv := t.Fresh("d", e.Taken)
	c := t.Fresh("c", e.Taken)
	body := append(t.NewStream(c, e.N.CallType(m), recv, m), jen.Return(jen.Id(c).Dot("Direct").Call(jen.Id(recv).Dot("rt"), jen.Id("ctx"), t.Timeout(e.N, m), jen.Id(c))))
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(e.N.DirectType())).Id(m.Name).
		Params(e.U.Params(m, true)...).Add(e.U.Seq(m)).Block(body...)
}
