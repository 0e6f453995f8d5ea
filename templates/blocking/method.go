package blocking

import (
	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
	t "github.com/shimgen/shimgen/templates"
)

// blockingMethod emits one method of the blocking form over a callback
// implementation; a runtimes helper does the work:
//
//	func (b *bucketBlocking) Get(ctx context.Context, key string) (data []byte, found bool, err error) {
//		return runtimes.Await2(b.rt, ctx, bucketGetTimeout, b.impl, key, BucketAsync.Get)
//	}
//
//	func (b *bucketBlocking) List(ctx context.Context, prefix string) iter.Seq2[Entry, error] {
//		return runtimes.AwaitStream(b.rt, ctx, 0, b.impl, prefix, BucketAsync.List)
//	}
func (e *emitter) blockingMethod(m *spec.Method) {
	recv := t.Fresh("b", e.Taken)
	fn := jen.Id(e.N.Async).Dot(m.Name)
	if !t.InvokesDirectly(m) {
		fn = jen.Id(e.N.InvokeFunc(m))
	}
	call := e.U.Helper("Await", m).Call(
		jen.Id(recv).Dot("rt"), jen.Id("ctx"), t.Timeout(e.N, m), jen.Id(recv).Dot("impl"), t.ArgsValue(e.N, m), fn,
	)
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(e.N.BlockingType)).Id(m.Name).
		Params(e.U.Params(m, true)...).Add(e.U.Results(m)).Block(e.ret(m, call)...)
}

// ret returns what a helper returns, unpacking packed results:
//
//	r, err := runtimes.Await1(…)
//	return r.a, r.b, r.c, r.d, r.e, err
func (e *emitter) ret(m *spec.Method, call jen.Code) []jen.Code {
	if !t.PacksResults(m) {
		return []jen.Code{jen.Return(call)}
	}
	r := t.Fresh("r", e.Taken)
	return []jen.Code{
		jen.List(jen.Id(r), jen.Id("err")).Op(":=").Add(call),
		jen.Return(append(t.Selectors(r, m.Results), jen.Id("err"))...),
	}
}

// invokeFunc emits the function that calls method m of a callback
// implementation with its parameters packed:
//
//	func bucketPutInvoke(impl BucketAsync, ctx context.Context, a bucketPutArgs, done func(error)) {
//		impl.Put(ctx, a.key, a.data, a.opts, done)
//	}
//
// With more than MaxResults results, done takes them packed:
//
//	func bucketWideInvoke(impl BucketAsync, ctx context.Context, a string, done func(bucketWideResults, error)) {
//		impl.Wide(ctx, a, func(a string, b int, …, err error) {
//			done(bucketWideResults{a, b, …}, err)
//		})
//	}
func (e *emitter) invokeFunc(m *spec.Method) {
	name := e.N.InvokeFunc(m)
	impl, a := t.Fresh("impl", e.Taken), t.Fresh("a", e.Taken)
	params := []jen.Code{jen.Id(impl).Id(e.N.Async), t.Ctx(), jen.Id(a).Add(e.U.ArgsParam(e.N, m))}
	args := t.Unpack(m, a, false)
	switch {
	case m.Kind == spec.ServerStream:
		params = append(params, jen.Id("each").Add(e.U.EachType(m, false)), jen.Id("done").Func().Params(jen.Error()))
		args = append(args, jen.Id("each"), jen.Id("done"))
	case m.Kind != spec.Unary:
		e.U.Fail(t.Unsupported(m))
	case !t.PacksResults(m):
		params = append(params, jen.Id("done").Add(e.U.DoneType(m)))
		args = append(args, jen.Id("done"))
	default:
		params = append(params, jen.Id("done").Func().Params(jen.Id(e.N.ResultsType(m)), jen.Error()))
		args = append(args, jen.Func().Params(e.U.ResultParams(m)...).Block(
			jen.Id("done").Call(jen.Id(e.N.ResultsType(m)).Values(t.Idents(m.Results)...), jen.Id("err")),
		))
	}
	e.F.Line()
	e.F.Commentf("%s calls %s of a callback implementation with packed parameters.", name, m.Name)
	e.F.Func().Id(name).Params(params...).Block(jen.Id(impl).Dot(m.Name).Call(args...))
}
