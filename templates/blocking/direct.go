package blocking

import (
	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
	t "github.com/shimgen/shimgen/templates"
)

// directType emits the blocking form over a blocking implementation, the
// result of a round trip through both forms:
//
//	type bucketDirect struct {
//		impl Bucket
//		rt   *runtimes.Runtime
//	}
func (e *emitter) directType() {
	e.F.Line()
	e.F.Commentf("%s calls a blocking implementation directly: it is what %s", e.N.DirectType, e.N.NewBlocking)
	e.F.Commentf("returns for a value made by %s. It keeps the runtime's rules", e.N.NewAsync)
	e.F.Comment("for closing, the loop goroutine, ctx, deadlines and panics, and skips")
	e.F.Comment("the hop through the executor.")
	e.F.Type().Id(e.N.DirectType).Struct(append(t.EmbeddedFields(e.Iface, directType),
		jen.Id("impl").Id(e.N.Blocking),
		jen.Id("rt").Add(t.Runtime()),
	)...)
}

// directMethod emits one method of the direct form.
func (e *emitter) directMethod(m *spec.Method) {
	switch m.Kind {
	case spec.Unary:
		e.directUnary(m)
	case spec.ClientStream:
		e.directSend(m)
		e.directSendState(m)
	case spec.ServerStream:
		e.directStream(m)
	case spec.BidiStream:
		e.directBidi(m)
		e.directBidiState(m)
	default:
		e.U.Fail(t.Unsupported(m))
	}
}

// directUnary emits
//
//	func (d *bucketDirect) Get(ctx context.Context, key string) (data []byte, found bool, err error) {
//		var pass runtimes.Pass
//		if ctx, err = d.rt.Admit(ctx, &bucketGetMethod, &pass); err != nil {
//			return
//		}
//		defer d.rt.Release(&pass, &err)
//		return d.impl.Get(ctx, key)
//	}
//
// Admit gives ctx the method's timeout. A method without results names its
// error result err, so the deferred Release can set it. One with
// `error: false` has none to set:
//
//	var pass runtimes.Pass
//	ctx, err := d.rt.Admit(ctx, &fileNameMethod, &pass)
//	if err != nil {
//		d.rt.Unreturned(err)
//		return
//	}
//	defer d.rt.ReleaseUnreturned(&pass)
func (e *emitter) directUnary(m *spec.Method) {
	recv, pass := t.Fresh("d", e.Taken), t.Fresh("pass", e.Taken)
	rt := jen.Id(recv).Dot("rt")
	admit := rt.Clone().Dot("Admit").Call(jen.Id("ctx"), t.Descriptor(e.N, m), jen.Op("&").Id(pass))
	body := []jen.Code{
		jen.Var().Id(pass).Qual(t.RuntimesPath, "Pass"),
		jen.If(jen.List(jen.Id("ctx"), jen.Id("err")).Op("=").Add(admit), jen.Id("err").Op("!=").Nil()).Block(jen.Return()),
		jen.Defer().Add(rt.Clone().Dot("Release").Call(jen.Op("&").Id(pass), jen.Op("&").Id("err"))),
	}
	if m.NoError {
		body = []jen.Code{
			jen.Var().Id(pass).Qual(t.RuntimesPath, "Pass"),
			jen.List(jen.Id("ctx"), jen.Id("err")).Op(":=").Add(admit),
			jen.If(jen.Id("err").Op("!=").Nil()).Block(
				rt.Clone().Dot("Unreturned").Call(jen.Id("err")), jen.Return()),
			jen.Defer().Add(rt.Clone().Dot("ReleaseUnreturned").Call(jen.Op("&").Id(pass))),
		}
	}
	body = append(body, e.directCall(m, recv)...)
	results := e.U.Results(m)
	if len(m.Results) == 0 && !m.NoError {
		results = jen.Params(jen.Id("err").Error())
	}
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(e.N.DirectType)).Id(m.Name).
		Params(e.U.Params(m, true)...).Add(results).Block(body...)
}

// directCall renders the call of the implementation and the return: the
// results as they are, or through the handles' DirectOf helpers:
//
//	f, err = d.impl.Open(ctx, name)
//	return fileDirectOf(f, d.rt), err
func (e *emitter) directCall(m *spec.Method, recv string) []jen.Code {
	call := jen.Id(recv).Dot("impl").Dot(m.Name).Call(t.Spread(m)...)
	switch {
	case m.NoError && len(m.Results) == 0:
		return []jen.Code{call}
	case !e.U.HasHandle(m):
		return []jen.Code{jen.Return(call)}
	}
	names, res := t.Idents(m.Results), make([]jen.Code, len(m.Results))
	for i, p := range m.Results {
		res[i] = e.U.ToDirect(p, jen.Id(p.Name), jen.Id(recv).Dot("rt"))
	}
	if !m.NoError {
		names, res = append(names, jen.Id("err")), append(res, jen.Id("err"))
	}
	return []jen.Code{jen.List(names...).Op("=").Add(call), jen.Return(res...)}
}

// directStream emits
//
//	func (d *bucketDirect) List(ctx context.Context, prefix string) iter.Seq2[Entry, error] {
//		return runtimes.DirectStreamP1(d.rt, ctx, &bucketListMethod, d.impl, prefix, Bucket.List)
//	}
//
// with a handle item put behind the runtime's rules (see mapSeq).
func (e *emitter) directStream(m *spec.Method) {
	recv := t.Fresh("d", e.Taken)
	seq := t.Helper("DirectStream", m).Call(t.HelperArgs(e.N, recv, m, false)...)
	body := []jen.Code{jen.Return(seq)}
	if e.U.Handle(m.Stream) != nil {
		body = e.mapSeq(m, seq, func(h jen.Code) jen.Code { return e.U.ToDirect(m.Stream, h, jen.Id(recv).Dot("rt")) })
	}
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(e.N.DirectType)).Id(m.Name).
		Params(e.U.Params(m, true)...).Add(e.U.Results(m)).Block(body...)
}
