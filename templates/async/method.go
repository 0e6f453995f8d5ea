package async

import (
	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
	t "github.com/shimgen/shimgen/templates"
)

// method emits one method of the callback form over a blocking
// implementation and what it needs.
func (e *emitter) method(m *spec.Method) {
	switch m.Kind {
	case spec.Unary:
		e.unaryMethod(m)
		e.callType(m)
		e.stepFunc(m)
	case spec.ServerStream:
		e.streamMethod(m)
	default:
		e.U.Fail(t.Unsupported(m))
	}
}

// unaryMethod emits
//
//	func (a *bucketAsync) Get(ctx context.Context, key string, done func(data []byte, found bool, err error)) {
//		c := &bucketGetCall{impl: a.impl, done: done, key: key}
//		a.rt.StartFunc(ctx, bucketGetTimeout, &c.call, c, bucketGetStep)
//	}
func (e *emitter) unaryMethod(m *spec.Method) {
	recv, c := t.Fresh("a", e.Taken), t.Fresh("c", e.Taken)
	body := []jen.Code{
		jen.Id(c).Op(":=").Add(t.NewState(e.N.CallType(m), m,
			jen.Id(e.Field("impl")), jen.Id(recv).Dot("impl"), jen.Id("done"), jen.Id("done"))),
		jen.Id(recv).Dot("rt").Dot("StartFunc").Call(
			jen.Id("ctx"), t.Timeout(e.N, m), jen.Op("&").Id(c).Dot(e.Field("call")), jen.Id(c), jen.Id(e.N.StepFunc(m)),
		),
	}
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(e.N.AsyncType)).Id(m.Name).
		Params(e.U.AsyncParams(m)...).Block(body...)
}

// callType emits the state of one call:
//
//	type bucketGetCall struct {
//		call  runtimes.Call
//		impl  Bucket
//		done  func(data []byte, found bool, err error)
//		key   string
//		data  []byte
//		found bool
//	}
func (e *emitter) callType(m *spec.Method) {
	name := e.N.CallType(m)
	e.F.Line()
	e.F.Type().Id(name).Struct(e.U.StateFields(m,
		jen.Id(e.Field("call")).Qual(t.RuntimesPath, "Call"),
		jen.Id(e.Field("impl")).Id(e.N.Blocking),
		jen.Id("done").Add(e.U.DoneType(m)),
	)...)
}

// stepFunc emits the function that drives the state:
//
//	func bucketGetStep(p any, ctx context.Context, err error) error {
//		c := p.(*bucketGetCall)
//		if ctx == nil {
//			c.done(c.data, c.found, err)
//			return nil
//		}
//		c.data, c.found, err = c.impl.Get(ctx, c.key)
//		return err
//	}
func (e *emitter) stepFunc(m *spec.Method) {
	name := e.N.StepFunc(m)
	res := t.Selectors("c", m.Results)
	call := jen.Id("c").Dot(e.Field("impl")).Dot(m.Name).Call(e.args(m)...)
	run := jen.Return(call)
	if len(m.Results) > 0 {
		run = jen.List(append(res, jen.Id("err"))...).Op("=").Add(call).Line().Return(jen.Id("err"))
	}
	e.F.Line()
	e.F.Func().Id(name).Params(jen.Id("p").Any(), t.Ctx(), jen.Id("err").Error()).Error().Block(
		jen.Id("c").Op(":=").Id("p").Assert(jen.Op("*").Id(e.N.CallType(m))),
		jen.If(jen.Id("ctx").Op("==").Nil()).Block(
			jen.Id("c").Dot("done").Call(append(res, jen.Id("err"))...),
			jen.Return(jen.Nil()),
		),
		run,
	)
}

// args passes the state's arguments on, spreading a variadic one.
func (e *emitter) args(m *spec.Method) []jen.Code {
	out := append([]jen.Code{jen.Id("ctx")}, t.Selectors("c", m.Params)...)
	if m.Variadic() {
		out[len(out)-1].(*jen.Statement).Op("...")
	}
	return out
}

// streamMethod emits a streaming method; a runtimes helper does the work:
//
//	func (a *bucketAsync) List(ctx context.Context, prefix string, each func(entry Entry) bool, done func(err error)) {
//		runtimes.StartStreamP1(a.rt, ctx, 0, a.impl, prefix, Bucket.List, each, done)
//	}
func (e *emitter) streamMethod(m *spec.Method) {
	recv := t.Fresh("a", e.Taken)
	args := append(t.HelperArgs(e.N, recv, m, false), jen.Id("each"), jen.Id("done"))
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(e.N.AsyncType)).Id(m.Name).
		Params(e.U.AsyncParams(m)...).Block(t.Helper("StartStream", m).Call(args...))
}
