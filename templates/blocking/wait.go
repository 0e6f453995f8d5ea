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
	e.F.Line()
	e.F.Commentf("%s is the blocking form of a callback implementation.", e.N.BlockingType())
	e.F.Type().Id(e.N.BlockingType()).Struct(
		jen.Id("impl").Id(e.N.Async),
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
	recv := t.Fresh("b", e.Taken)
	w := t.Fresh("w", e.Taken)
	wait := jen.Id(recv).Dot("rt").Dot("Wait").Call(jen.Id("ctx"), t.Timeout(e.N, m), jen.Id(w))
	body := []jen.Code{jen.Id(w).Op(":=").Op("&").Id(e.N.WaitType(m)).Values(jen.Dict{jen.Id("impl"): jen.Id(recv).Dot("impl")})}
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
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(e.N.BlockingType())).Id(m.Name).
		Params(e.U.Params(m, true)...).Add(e.U.Results(m)).Block(body...)
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
	name := e.N.WaitType(m)
	fields := e.U.StateFields(m, jen.Qual(t.RuntimesPath, "Wait"), jen.Id("impl").Id(e.N.Async))
	e.F.Line()
	e.F.Commentf("%s is one %s call of the blocking form: Invoke calls the callback", name, m.Name)
	e.F.Comment("implementation with complete as its done; the first completion wins,")
	e.F.Comment("unless the caller already gave up.")
	e.F.Type().Id(name).Struct(fields...)

	recv := t.Fresh("w", e.Taken)
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(name)).Id("Invoke").Params(t.Ctx()).Block(
		jen.Id(recv).Dot("impl").Dot(m.Name).Call(append(t.Args(m, recv, false), jen.Id(recv).Dot("complete"))...),
	)
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(name)).Id("complete").Params(e.U.ResultParams(m)...).Block(
		jen.If(jen.Id(recv).Dot("Claim").Call()).Block(append(t.Store(recv, "res", m.Results), jen.Id(recv).Dot("Finish").Call(jen.Id("err")))...),
	)
}
