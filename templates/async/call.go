package async

import (
	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
	t "github.com/shimgen/shimgen/templates"
)

// asyncMethod emits one method of the callback form:
//
//	func (a *bucketAsync) Get(ctx context.Context, key string, done func(data []byte, found bool, err error)) {
//		c := &bucketGetCall{impl: a.impl, done: done}
//		c.args.key = key
//		a.rt.Start(ctx, bucketGetTimeout, c)
//	}
func (e *emitter) asyncMethod(m *spec.Method) {
	recv := t.Fresh("a", e.Taken)
	c := t.Fresh("c", e.Taken)
	body := []jen.Code{
		jen.Id(c).Op(":=").Op("&").Id(e.N.CallType(m)).Values(jen.Dict{
			jen.Id("impl"): jen.Id(recv).Dot("impl"),
			jen.Id("done"): jen.Id("done"),
		}),
	}
	body = append(body, t.Store(c, "args", m.Params)...)
	body = append(body, jen.Id(recv).Dot("rt").Dot("Start").Call(jen.Id("ctx"), t.Timeout(e.N, m), jen.Id(c)))
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(e.N.AsyncType())).Id(m.Name).
		Params(e.U.AsyncParams(m)...).Block(body...)
}

// callType emits the per-call state of the callback form and its methods:
//
//	type bucketGetCall struct {
//		runtimes.Call
//		impl Bucket
//		done func(data []byte, found bool, err error)
//		args struct{ key string }
//		res  struct{ data []byte; found bool }
//	}
//
//	func (c *bucketGetCall) Run(ctx context.Context) (err error) {
//		c.res.data, c.res.found, err = c.impl.Get(ctx, c.args.key)
//		return err
//	}
//
//	func (c *bucketGetCall) Complete(err error) {
//		c.done(c.res.data, c.res.found, err)
//	}
func (e *emitter) callType(m *spec.Method) {
	name := e.N.CallType(m)
	fields := e.U.StateFields(m,
		jen.Qual(t.RuntimesPath, "Call"),
		jen.Id("impl").Id(e.N.Blocking),
		jen.Id("done").Add(e.U.DoneType(m)),
	)
	e.F.Line()
	e.F.Commentf("%s is one %s call of the callback form: Run calls the blocking", name, m.Name)
	e.F.Comment("implementation and keeps its results, Complete hands them to done.")
	e.F.Type().Id(name).Struct(fields...)
	e.run(name, m)
	e.complete(name, m)
}

func (e *emitter) run(name string, m *spec.Method) {
	recv := t.Fresh("c", e.Taken)
	call := jen.Id(recv).Dot("impl").Dot(m.Name).Call(t.Args(m, recv, true)...)
	e.F.Line()
	sig := jen.Func().Params(jen.Id(recv).Op("*").Id(name)).Id("Run").Params(t.Ctx())
	if len(m.Results) == 0 {
		e.F.Add(sig.Error().Block(jen.Return(call)))
		return
	}
	var lhs []jen.Code
	for _, p := range m.Results {
		lhs = append(lhs, jen.Id(recv).Dot("res").Dot(p.Name))
	}
	e.F.Add(sig.Params(jen.Id("err").Error()).Block(
		jen.List(append(lhs, jen.Id("err"))...).Op("=").Add(call),
		jen.Return(jen.Id("err")),
	))
}

func (e *emitter) complete(name string, m *spec.Method) {
	recv := t.Fresh("c", e.Taken)
	args := []jen.Code{}
	for _, p := range m.Results {
		args = append(args, jen.Id(recv).Dot("res").Dot(p.Name))
	}
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(name)).Id("Complete").Params(jen.Id("err").Error()).Block(
		jen.Id(recv).Dot("done").Call(append(args, jen.Id("err"))...),
	)
}
