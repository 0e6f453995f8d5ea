package async

import (
	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
	t "github.com/shimgen/shimgen/templates"
)

// A client or bidirectional stream of the callback form keeps its call in a
// state struct whose methods the runtimes helper calls: the implementation
// runs where the runtime runs work and pulls the sent items, and the state's
// methods are declared at package level, where no parameter of the method
// can hide the packages their types name.

// sendMethod emits a client stream over a blocking implementation:
//
//	func (a *bucketAsync) Upload(ctx context.Context, key string, done func(written int64, err error)) runtimes.Sender[[]byte] {
//		c := &bucketUploadCall{impl: a.impl, done: done, key: key}
//		return runtimes.StartSend(a.rt, ctx, &bucketUploadMethod, c.run, c.end)
//	}
func (e *emitter) sendMethod(m *spec.Method) {
	recv, c := t.Fresh("a", e.Taken), t.Fresh("c", e.Taken)
	state := t.NewState(e.N.CallType(m), m, jen.Id(e.Field("impl")), jen.Id(recv).Dot("impl"), jen.Id("done"), jen.Id("done"))
	start := jen.Qual(t.RuntimesPath, "StartSend").Call(
		jen.Id(recv).Dot("rt"), jen.Id("ctx"), t.Descriptor(e.N, m),
		jen.Id(c).Dot(e.Field("run")), jen.Id(c).Dot(e.Field("end")),
	)
	e.startMethod(m, recv, c, state, start)
}

// sendState emits the state of one client stream call and its methods:
//
//	type bucketUploadCall struct {
//		impl    Bucket
//		done    func(written int64, err error)
//		key     string
//		written int64
//	}
//
//	func (c *bucketUploadCall) run(ctx context.Context, items iter.Seq[[]byte]) (err error) {
//		c.written, err = c.impl.Upload(ctx, c.key, items)
//		return err
//	}
//
//	func (c *bucketUploadCall) end(err error) { c.done(c.written, err) }
func (e *emitter) sendState(m *spec.Method) {
	name, c, items := e.N.CallType(m), t.Fresh("c", e.Taken), t.Fresh("items", e.Taken)
	head := []jen.Code{jen.Id(e.Field("impl")).Id(e.N.Blocking), jen.Id("done").Add(e.U.DoneType(m))}
	e.F.Line()
	e.F.Type().Id(name).Struct(e.U.StateFields(m, false, head...)...)

	res := t.Selectors(c, m.Results)
	call := jen.Id(c).Dot(e.Field("impl")).Dot(m.Name).Call(e.stateArgs(m, c, items)...)
	body := []jen.Code{jen.Return(call)}
	if len(res) > 0 {
		body = []jen.Code{jen.List(append(res, jen.Id("err"))...).Op("=").Add(call), jen.Return(jen.Id("err"))}
	}
	e.F.Line()
	e.F.Func().Params(jen.Id(c).Op("*").Id(name)).Id(e.Field("run")).
		Params(t.Ctx(), jen.Id(items).Add(e.U.SendSeq(m))).Params(jen.Id("err").Error()).Block(body...)
	e.F.Line()
	e.F.Func().Params(jen.Id(c).Op("*").Id(name)).Id(e.Field("end")).Params(jen.Id("err").Error()).Block(
		jen.Id(c).Dot("done").Call(append(res, jen.Id("err"))...),
	)
}

// bidiMethod emits a bidirectional stream over a blocking implementation:
//
//	func (a *cacheAsync) Watch(ctx context.Context, prefix string, each func(change Change) bool, done func(err error)) runtimes.Sender[Watch] {
//		c := &cacheWatchCall{impl: a.impl, prefix: prefix}
//		return runtimes.StartBidi(a.rt, ctx, &cacheWatchMethod, c.open, each, done)
//	}
func (e *emitter) bidiMethod(m *spec.Method) {
	recv, c := t.Fresh("a", e.Taken), t.Fresh("c", e.Taken)
	state := t.NewState(e.N.CallType(m), m, jen.Id(e.Field("impl")), jen.Id(recv).Dot("impl"))
	start := jen.Qual(t.RuntimesPath, "StartBidi").Call(
		jen.Id(recv).Dot("rt"), jen.Id("ctx"), t.Descriptor(e.N, m),
		jen.Id(c).Dot(e.Field("open")), jen.Id("each"), jen.Id("done"),
	)
	e.startMethod(m, recv, c, state, start)
}

// bidiState emits the state of one bidirectional stream call:
//
//	type cacheWatchCall struct {
//		impl   Cache
//		prefix string
//	}
//
//	func (c *cacheWatchCall) open(ctx context.Context, items iter.Seq[Watch]) iter.Seq2[Change, error] {
//		return c.impl.Watch(ctx, c.prefix, items)
//	}
func (e *emitter) bidiState(m *spec.Method) {
	name, c, items := e.N.CallType(m), t.Fresh("c", e.Taken), t.Fresh("items", e.Taken)
	e.F.Line()
	e.F.Type().Id(name).Struct(append([]jen.Code{jen.Id(e.Field("impl")).Id(e.N.Blocking)}, e.U.Fields(m.Params)...)...)
	e.F.Line()
	e.F.Func().Params(jen.Id(c).Op("*").Id(name)).Id(e.Field("open")).
		Params(t.Ctx(), jen.Id(items).Add(e.U.SendSeq(m))).Add(e.U.Seq(m)).Block(
		jen.Return(jen.Id(c).Dot(e.Field("impl")).Dot(m.Name).Call(e.stateArgs(m, c, items)...)),
	)
}

// startMethod emits a method of the callback form that makes its call's
// state c and returns what the runtimes helper start returns.
func (e *emitter) startMethod(m *spec.Method, recv, c string, state, start jen.Code) {
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(e.N.AsyncType)).Id(m.Name).
		Params(e.U.AsyncParams(m)...).Add(e.U.AsyncResults(m)).Block(
		jen.Id(c).Op(":=").Add(state),
		jen.Return(start),
	)
}

// stateArgs passes a state's arguments and the sent items on to the
// blocking implementation, spreading a variadic parameter.
func (e *emitter) stateArgs(m *spec.Method, c, items string) []jen.Code {
	out := append([]jen.Code{jen.Id("ctx")}, t.Selectors(c, m.Params)...)
	if m.Variadic() {
		out[len(out)-1].(*jen.Statement).Op("...")
	}
	return append(out, jen.Id(items))
}
