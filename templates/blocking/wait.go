package blocking

import (
	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
	t "github.com/shimgen/shimgen/templates"
)

// blockingType emits the blocking form over a callback implementation:
//
//	type bucketBlocking struct {
//		impl BucketAsync
//		rt   *runtimes.Runtime
//	}
func (e *emitter) blockingType() {
	e.f.Line()
	e.f.Commentf("%s is the blocking form of a callback implementation.", e.n.BlockingType())
	e.f.Type().Id(e.n.BlockingType()).Struct(
		jen.Id("impl").Id(e.n.Async),
		jen.Id("rt").Add(t.Runtime()),
	)
}

// blockingMethod emits one method of the blocking form over a callback
// implementation:
//
//	func (b *bucketBlocking) Get(ctx context.Context, key string) (data []byte, found bool, err error) {
//		w := &bucketGetWait{impl: b.impl}
//		w.args.key = key
//		err = b.rt.Wait(ctx, bucketGetTimeout, w)
//		return w.res.data, w.res.found, err
//	}
func (e *emitter) blockingMethod(m *spec.Method) {
	recv := t.Fresh("b", e.taken)
	w := t.Fresh("w", e.taken)
	wait := jen.Id(recv).Dot("rt").Dot("Wait").Call(jen.Id("ctx"), t.Timeout(e.n, m), jen.Id(w))
	body := []jen.Code{jen.Id(w).Op(":=").Op("&").Id(e.n.WaitType(m)).Values(jen.Dict{jen.Id("impl"): jen.Id(recv).Dot("impl")})}
	body = append(body, t.Store(w, "args", m.Params)...)
	if len(m.Results) == 0 {
		body = append(body, jen.Return(wait))
	} else {
		results := []jen.Code{}
		for _, p := range m.Results {
			results = append(results, jen.Id(w).Dot("res").Dot(p.Name))
		}
		body = append(body, jen.Id("err").Op("=").Add(wait), jen.Return(append(results, jen.Id("err"))...))
	}
	e.f.Line()
	e.f.Func().Params(jen.Id(recv).Op("*").Id(e.n.BlockingType())).Id(m.Name).
		Params(e.u.Params(m, true)...).Add(e.u.Results(m)).Block(body...)
}

// waitType emits the per-call state of the blocking form and its methods:
//
//	type bucketGetWait struct {
//		runtimes.Wait
//		impl BucketAsync
//		args struct{ key string }
//		res  struct{ data []byte; found bool }
//	}
//
//	func (w *bucketGetWait) Invoke(ctx context.Context) {
//		w.impl.Get(ctx, w.args.key, w.complete)
//	}
//
//	func (w *bucketGetWait) complete(data []byte, found bool, err error) {
//		if w.Claim() {
//			w.res.data, w.res.found = data, found
//			w.Finish(err)
//		}
//	}
func (e *emitter) waitType(m *spec.Method) {
	name := e.n.WaitType(m)
	fields := []jen.Code{jen.Qual(t.RuntimesPath, "Wait"), jen.Id("impl").Id(e.n.Async)}
	if len(m.Params) > 0 {
		fields = append(fields, jen.Id("args").Struct(e.u.Fields(m.Params)...))
	}
	if len(m.Results) > 0 {
		fields = append(fields, jen.Id("res").Struct(e.u.Fields(m.Results)...))
	}
	e.f.Line()
	e.f.Commentf("%s is one %s call of the blocking form: Invoke calls the callback", name, m.Name)
	e.f.Comment("implementation with complete as its done; the first completion wins,")
	e.f.Comment("unless the caller already gave up.")
	e.f.Type().Id(name).Struct(fields...)

	recv := t.Fresh("w", e.taken)
	e.f.Line()
	e.f.Func().Params(jen.Id(recv).Op("*").Id(name)).Id("Invoke").Params(t.Ctx()).Block(
		jen.Id(recv).Dot("impl").Dot(m.Name).Call(append(t.Args(m, recv, false), jen.Id(recv).Dot("complete"))...),
	)
	e.f.Line()
	e.f.Func().Params(jen.Id(recv).Op("*").Id(name)).Id("complete").Params(e.u.ResultParams(m)...).Block(
		jen.If(jen.Id(recv).Dot("Claim").Call()).Block(append(t.Store(recv, "res", m.Results), jen.Id(recv).Dot("Finish").Call(jen.Id("err")))...),
	)
}
