package common

import (
	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
	t "github.com/shimgen/shimgen/templates"
)

// openFunc emits the function that calls packed streaming method m of a
// blocking implementation, for the callback form and the collapsed
// blocking form:
//
//	func bucketScanOpen(impl Bucket, ctx context.Context, a bucketScanArgs) iter.Seq2[Entry, error] {
//		return impl.Scan(ctx, a.a, a.b, a.c, a.d, a.e)
//	}
func (e *emitter) openFunc(m *spec.Method) {
	name := e.N.OpenFunc(m)
	impl, a := t.Fresh("impl", e.Taken), t.Fresh("a", e.Taken)
	e.F.Line()
	e.F.Commentf("%s calls %s of a blocking implementation with packed parameters.", name, m.Name)
	e.F.Func().Id(name).Params(
		jen.Id(impl).Id(e.N.Blocking), t.Ctx(), jen.Id(a).Id(e.N.ArgsType(m)),
	).Add(e.U.Seq(m)).Block(jen.Return(jen.Id(impl).Dot(m.Name).Call(t.Unpack(m, a, true)...)))
}
