package common

import (
	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
	t "github.com/shimgen/shimgen/templates"
)

// callFunc emits the function that calls method m of a blocking
// implementation with its parameters packed, for the callback form and the
// collapsed blocking form:
//
//	func bucketPutCall(impl Bucket, ctx context.Context, a bucketPutArgs) error {
//		return impl.Put(ctx, a.key, a.data, a.opts...)
//	}
//
// With more than MaxResults results it returns them packed:
//
//	func bucketWideCall(impl Bucket, ctx context.Context, a string) (r bucketWideResults, err error) {
//		r.a, r.b, r.c, r.d, r.e, err = impl.Wide(ctx, a)
//		return r, err
//	}
func (e *emitter) callFunc(m *spec.Method) {
	name := e.N.CallFunc(m)
	impl, a, r := t.Fresh("impl", e.Taken), t.Fresh("a", e.Taken), t.Fresh("r", e.Taken)
	call := jen.Id(impl).Dot(m.Name).Call(t.Unpack(m, a, true)...)
	sig := jen.Func().Id(name).Params(
		jen.Id(impl).Id(e.N.Blocking), t.Ctx(), jen.Id(a).Add(e.U.ArgsParam(e.N, m)),
	)
	e.F.Line()
	e.F.Commentf("%s calls %s of a blocking implementation with packed parameters.", name, m.Name)
	switch {
	case m.Kind == spec.ServerStream:
		e.F.Add(sig.Add(e.U.Seq(m)).Block(jen.Return(call)))
	case m.Kind != spec.Unary:
		e.U.Fail(t.Unsupported(m))
	case !t.PacksResults(m):
		e.F.Add(sig.Add(e.U.ResultTypes(m)).Block(jen.Return(call)))
	default:
		e.F.Add(sig.Params(jen.Id(r).Id(e.N.ResultsType(m)), jen.Id("err").Error()).Block(
			jen.List(append(t.Selectors(r, m.Results), jen.Id("err"))...).Op("=").Add(call),
			jen.Return(jen.Id(r), jen.Id("err")),
		))
	}
}
