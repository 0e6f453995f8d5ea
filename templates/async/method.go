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
	case spec.ClientStream:
		e.sendMethod(m)
		e.sendState(m)
	case spec.BidiStream:
		e.bidiMethod(m)
		e.bidiState(m)
	default:
		e.U.Fail(t.Unsupported(m))
	}
}

// unaryMethod emits
//
//	func (a *bucketAsync) Get(ctx context.Context, key string, done func(data []byte, found bool, err error)) {
//		c := &bucketGetCall{impl: a.impl, done: done, key: key}
//		a.rt.StartFunc(ctx, &bucketGetMethod, &c.call, c, bucketGetStep)
//	}
func (e *emitter) unaryMethod(m *spec.Method) {
	recv, c := t.Fresh("a", e.Taken), t.Fresh("c", e.Taken)
	fields := []jen.Code{jen.Id(e.Field("impl")), jen.Id(recv).Dot("impl"), jen.Id("done"), jen.Id("done")}
	if e.U.HasHandle(m) {
		fields = append(fields, jen.Id(e.Field("rt")), jen.Id(recv).Dot("rt"))
	}
	body := []jen.Code{
		jen.Id(c).Op(":=").Add(t.NewState(e.N.CallType(m), m, fields...)),
		jen.Id(recv).Dot("rt").Dot("StartFunc").Call(
			jen.Id("ctx"), t.Descriptor(e.N, m), jen.Op("&").Id(c).Dot(e.Field("call")), jen.Id(c), jen.Id(e.N.StepFunc(m)),
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
//		…
//	}
//
// A method with a handle result also keeps the runtime (rt), which the
// handle's callback form runs on:
//
//	type fsOpenCall struct {
//		call runtimes.Call
//		impl Fs
//		rt   *runtimes.Runtime
//		done func(f FileAsync, err error)
//		name string
//		f    File
//		data  []byte
//		found bool
//	}
func (e *emitter) callType(m *spec.Method) {
	name := e.N.CallType(m)
	e.F.Line()
	head := []jen.Code{
		jen.Id(e.Field("call")).Qual(t.RuntimesPath, "Call"),
		jen.Id(e.Field("impl")).Id(e.N.Blocking),
	}
	if e.U.HasHandle(m) {
		head = append(head, jen.Id(e.Field("rt")).Add(t.Runtime()))
	}
	head = append(head, jen.Id("done").Add(e.U.DoneType(m)))
	e.F.Type().Id(name).Struct(e.U.StateFields(m, false, head...)...)
}

// stepFunc emits the function that drives the state:
//
//	func bucketGetStep(p any, ctx context.Context, err error) error {
//		c := p.(*bucketGetCall)
//		if ctx == nil {
//			c.done(c.data, c.found, err) // a handle as fileAsyncOf(c.f, c.rt)
//			return nil
//		}
//		c.data, c.found, err = c.impl.Get(ctx, c.key)
//		return err
//	}
//
// A method with `error: false` assigns its results alone and returns nil.
// The names p and c are chosen clear of the qualifiers the result types
// use, since the conversion of an imported package's handle names its
// package.
func (e *emitter) stepFunc(m *spec.Method) {
	name, p, c := e.N.StepFunc(m), t.Fresh("p", e.Taken), t.Fresh("c", e.Taken)
	res := t.Selectors(c, m.Results)
	delivered := make([]jen.Code, 0, len(res)+1)
	for i, r := range m.Results {
		delivered = append(delivered, e.U.ToAsync(r, res[i], jen.Id(c).Dot(e.Field("rt"))))
	}
	e.F.Line()
	e.F.Func().Id(name).Params(jen.Id(p).Any(), t.Ctx(), jen.Id("err").Error()).Error().Block(
		jen.Id(c).Op(":=").Id(p).Assert(jen.Op("*").Id(e.N.CallType(m))),
		jen.If(jen.Id("ctx").Op("==").Nil()).Block(
			jen.Id(c).Dot("done").Call(append(delivered, jen.Id("err"))...),
			jen.Return(jen.Nil()),
		),
		e.run(m, c, res),
	)
}

// run renders the call of the blocking implementation of state c in a
// step function and its return.
func (e *emitter) run(m *spec.Method, c string, res []jen.Code) jen.Code {
	call := jen.Id(c).Dot(e.Field("impl")).Dot(m.Name).Call(e.args(m, c)...)
	switch {
	case m.NoError && len(res) == 0:
		return jen.Add(call).Line().Return(jen.Nil())
	case m.NoError:
		return jen.List(res...).Op("=").Add(call).Line().Return(jen.Nil())
	case len(res) == 0:
		return jen.Return(call)
	}
	return jen.List(append(res, jen.Id("err"))...).Op("=").Add(call).Line().Return(jen.Id("err"))
}

// args passes the arguments of state c on, spreading a variadic one.
func (e *emitter) args(m *spec.Method, c string) []jen.Code {
	out := append([]jen.Code{jen.Id("ctx")}, t.Selectors(c, m.Params)...)
	if m.Variadic() {
		out[len(out)-1].(*jen.Statement).Op("...")
	}
	return out
}

// streamMethod emits a streaming method; a runtimes helper does the work:
//
//	func (a *bucketAsync) List(ctx context.Context, prefix string, each func(entry Entry) bool, done func(err error)) {
//		runtimes.StartStreamP1(a.rt, ctx, &bucketListMethod, a.impl, prefix, Bucket.List, each, done)
//	}
//
// A handle item reaches each in its callback form:
//
//	runtimes.StartStreamP1(a.rt, ctx, &fsWalkMethod, a.impl, dir, Fs.Walk, func(h File) bool {
//		return each(fileAsyncOf(h, a.rt))
//	}, done)
func (e *emitter) streamMethod(m *spec.Method) {
	recv := t.Fresh("a", e.Taken)
	each := jen.Id("each")
	if e.U.Handle(m.Stream) != nil {
		h := t.Fresh("h", e.Taken)
		each = jen.Func().Params(jen.Id(h).Add(e.U.Item(m))).Bool().Block(
			jen.Return(jen.Id("each").Call(e.U.ToAsync(m.Stream, jen.Id(h), jen.Id(recv).Dot("rt")))),
		)
	}
	args := append(t.HelperArgs(e.N, recv, m, false), each, jen.Id("done"))
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(e.N.AsyncType)).Id(m.Name).
		Params(e.U.AsyncParams(m)...).Block(t.Helper("StartStream", m).Call(args...))
}
