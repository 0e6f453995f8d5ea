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
	e.F.Type().Id(e.N.DirectType).Struct(
		jen.Id("impl").Id(e.N.Blocking),
		jen.Id("rt").Add(t.Runtime()),
	)
}

// directMethod emits one method of the direct form:
//
//	func (d *bucketDirect) Get(ctx context.Context, key string) (data []byte, found bool, err error) {
//		return runtimes.Direct2(d.rt, ctx, bucketGetTimeout, d.impl, key, Bucket.Get)
//	}
func (e *emitter) directMethod(m *spec.Method) {
	recv := t.Fresh("d", e.Taken)
	fn := jen.Id(e.N.Blocking).Dot(m.Name)
	if !t.CallsDirectly(m) {
		fn = jen.Id(e.N.CallFunc(m))
	}
	call := e.U.Helper("Direct", m).Call(
		jen.Id(recv).Dot("rt"), jen.Id("ctx"), t.Timeout(e.N, m), jen.Id(recv).Dot("impl"), t.ArgsValue(e.N, m), fn,
	)
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(e.N.DirectType)).Id(m.Name).
		Params(e.U.Params(m, true)...).Add(e.U.Results(m)).Block(e.ret(m, call)...)
}
