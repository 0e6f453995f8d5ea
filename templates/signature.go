package templates

import (
	"fmt"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
)

// Ctx is the implicit leading parameter of every method.
func Ctx() jen.Code { return jen.Id("ctx").Qual(ContextPath, "Context") }

// Runtime is the type of the runtime parameter of the constructors.
func Runtime() *jen.Statement { return jen.Op("*").Qual(RuntimesPath, "Runtime") }

// Params renders ctx and the method's parameters; blocking selects the
// blocking form, where a variadic parameter keeps its ... and the sent items
// of a client or bidirectional stream follow as an iterator
// (chunks iter.Seq[[]byte]), rather than the callback form, where a
// variadic parameter is a slice and the items go to the returned Sender.
func (u *Unit) Params(m *spec.Method, blocking bool) []jen.Code {
	out := []jen.Code{Ctx()}
	for _, p := range m.Params {
		out = append(out, jen.Id(p.Name).Add(u.Type(p, blocking)))
	}
	if blocking && m.Kind.Sends() {
		out = append(out, jen.Id(m.SendsName()).Add(u.SendSeq(m)))
	}
	return out
}

// SendItem renders the type of the item a client or bidirectional stream
// sends.
func (u *Unit) SendItem(m *spec.Method) jen.Code { return u.Type(m.Send, false) }

// SendSeq renders the blocking form of the sent items: iter.Seq[[]byte].
func (u *Unit) SendSeq(m *spec.Method) *jen.Statement {
	return jen.Qual(IterPath, "Seq").Types(u.SendItem(m))
}

// Sender renders the callback form's sending side: runtimes.Sender[[]byte].
func (u *Unit) Sender(m *spec.Method) *jen.Statement {
	return jen.Qual(RuntimesPath, "Sender").Types(u.SendItem(m))
}

// ResultParams renders the blocking form's results followed by err error
// (unless the method has `error: false`), named.
func (u *Unit) ResultParams(m *spec.Method) []jen.Code {
	out := make([]jen.Code, 0, len(m.Results)+1)
	for _, p := range m.Results {
		out = append(out, jen.Id(p.Name).Add(u.Type(p, false)))
	}
	if m.NoError {
		return out
	}
	return append(out, jen.Id("err").Error())
}

// DoneParams renders the parameters of a completion callback: the results,
// a handle as its callback interface, and err error, which the callback
// form keeps even for a method with `error: false`.
func (u *Unit) DoneParams(m *spec.Method) []jen.Code {
	out := make([]jen.Code, 0, len(m.Results)+1)
	for _, p := range m.Results {
		out = append(out, jen.Id(p.Name).Add(u.AsyncType(p)))
	}
	return append(out, jen.Id("err").Error())
}

// Results renders the blocking form's result list: "error" alone, the
// named results and err error, or a stream's iter.Seq2[T, error]; a
// method with `error: false` has its named results only, or none.
func (u *Unit) Results(m *spec.Method) jen.Code {
	switch m.Kind {
	case spec.Unary, spec.ClientStream:
		switch {
		case len(m.Results) == 0 && m.NoError:
			return jen.Null()
		case len(m.Results) == 0:
			return jen.Error()
		}
		return jen.Params(u.ResultParams(m)...)
	case spec.ServerStream, spec.BidiStream:
		return u.Seq(m)
	}
	u.Fail(Unsupported(m))
	return jen.Null()
}

// AsyncResults renders the callback form's result: the Sender of a client
// or bidirectional stream, or nothing.
func (u *Unit) AsyncResults(m *spec.Method) jen.Code {
	if m.Kind.Sends() {
		return u.Sender(m)
	}
	return jen.Null()
}

// DoneType is the completion callback's type: func(results..., err error).
func (u *Unit) DoneType(m *spec.Method) *jen.Statement {
	return jen.Func().Params(u.DoneParams(m)...)
}

// AsyncParams renders the callback form's parameters: ctx, the parameters
// (a variadic one as a slice), each for a stream, and done.
func (u *Unit) AsyncParams(m *spec.Method) []jen.Code {
	out := u.Params(m, false)
	if m.Kind.Streams() {
		out = append(out, jen.Id("each").Add(u.EachType(m, true)))
	}
	return append(out, jen.Id("done").Add(u.DoneType(m)))
}

// Duration renders d in the largest time unit that divides it exactly:
// 2 * time.Second, 1500 * time.Millisecond.
func Duration(d time.Duration) jen.Code {
	units := []struct {
		name string
		d    time.Duration
	}{
		{"Hour", time.Hour}, {"Minute", time.Minute}, {"Second", time.Second},
		{"Millisecond", time.Millisecond}, {"Microsecond", time.Microsecond},
	}
	for _, unit := range units {
		if d%unit.d == 0 {
			return jen.Op(fmt.Sprint(int64(d/unit.d))).Op("*").Qual(TimePath, unit.name)
		}
	}
	return jen.Qual(TimePath, "Duration").Call(jen.Op(fmt.Sprint(int64(d))))
}

// AsyncFields renders struct fields for results as the callback side
// delivers them (a handle as its callback interface).
func (u *Unit) AsyncFields(ps []*spec.Param) []jen.Code {
	out := make([]jen.Code, len(ps))
	for i, p := range ps {
		out[i] = jen.Id(p.Name).Add(u.AsyncType(p))
	}
	return out
}

// Fields renders struct fields for params or results.
func (u *Unit) Fields(ps []*spec.Param) []jen.Code {
	out := make([]jen.Code, len(ps))
	for i, p := range ps {
		out[i] = jen.Id(p.Name).Add(u.Type(p, false))
	}
	return out
}

// HasStream reports whether any method of iface streams.
func HasStream(iface *spec.Interface) bool {
	for _, m := range iface.Methods {
		if m.Kind.Streams() {
			return true
		}
	}
	return false
}

// HasSend reports whether any method of iface is a client or
// bidirectional stream.
func HasSend(iface *spec.Interface) bool {
	for _, m := range iface.Methods {
		if m.Kind.Sends() {
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

// EachType renders the item callback of a stream, func(entry Entry) bool
// (a handle as its callback interface),
// with the item's name when named is true and as func(Entry) bool otherwise.
func (u *Unit) EachType(m *spec.Method, named bool) *jen.Statement {
	item := u.AsyncType(m.Stream)
	if named {
		item = jen.Id(m.Stream.Name).Add(item)
	}
	return jen.Func().Params(item).Bool()
}
