package blocking

import (
	"github.com/dave/jennifer/jen"

	t "github.com/shimgen/shimgen/templates"
)

// forward emits a method of adapter type typ that two embedded adapters
// would both promote, calling the one of field via:
//
//	func (b *fileBlocking) Close(ctx context.Context) error {
//		return b.readerBlocking.Close(ctx)
//	}
func (e *emitter) forward(fw t.Forward, typ, via string) {
	m := fw.Method
	recv := t.Fresh("b", t.ForwardTaken(e.Iface))
	call := jen.Id(recv).Dot(via).Dot(m.Name).Call(t.Spread(m)...)
	var body jen.Code = jen.Return(call)
	if m.NoError && len(m.Results) == 0 {
		body = call
	}
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(typ)).Id(m.Name).
		Params(e.U.Params(m, true)...).Add(e.U.Results(m)).Block(body)
}
