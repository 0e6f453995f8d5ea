package templates

import (
	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
)

// HasStream reports whether any method of iface streams.
func HasStream(iface *spec.Interface) bool {
	for _, m := range iface.Methods {
		if m.Stream != nil {
			return true
		}
	}
	return false
}

// Item renders the type of a streaming method's item.
func (u *Unit) Item(m *spec.Method) jen.Code { return u.Type(m.Stream, false) }

// Seq renders the blocking form of a stream: iter.Seq2[Entry, error].
func (u *Unit) Seq(m *spec.Method) *jen.Statement {
	return jen.Qual(IterPath, "Seq2").Types(u.Item(m), jen.Error())
}

// EachType renders the item callback of a stream, func(entry Entry) bool,
// with the item's name when named is true and as func(Entry) bool otherwise.
func (u *Unit) EachType(m *spec.Method, named bool) *jen.Statement {
	item := u.Item(m)
	if named {
		item = jen.Id(m.Stream.Name).Add(item)
	}
	return jen.Func().Params(item).Bool()
}

// StreamBase renders the runtime type a stream's per-call state embeds,
// runtimes.StreamCall[Entry] or runtimes.StreamWait[Entry].
func (u *Unit) StreamBase(m *spec.Method, name string) *jen.Statement {
	return jen.Qual(RuntimesPath, name).Types(u.Item(m))
}

// NewStream renders the start of a streaming method, which fills the call's
// state object typ in the local c:
//
//	c := &bucketListCall{impl: a.impl}
//	c.args.prefix = prefix
func NewStream(c, typ, recv string, m *spec.Method) []jen.Code {
	alloc := jen.Id(c).Op(":=").Op("&").Id(typ).Values(jen.Dict{jen.Id("impl"): jen.Id(recv).Dot("impl")})
	return append([]jen.Code{alloc}, Store(c, "args", m.Params)...)
}
