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

// Params renders ctx and the method's parameters; variadic selects whether a
// variadic parameter keeps its ... (blocking form) or becomes a slice.
func (u *Unit) Params(m *spec.Method, variadic bool) []jen.Code {
	out := []jen.Code{Ctx()}
	for _, p := range m.Params {
		out = append(out, jen.Id(p.Name).Add(u.Type(p, variadic)))
	}
	return out
}

// ResultParams renders the method's results followed by err error, named,
// as the parameters of a completion callback.
func (u *Unit) ResultParams(m *spec.Method) []jen.Code {
	out := make([]jen.Code, 0, len(m.Results)+1)
	for _, p := range m.Results {
		out = append(out, jen.Id(p.Name).Add(u.Type(p, false)))
	}
	return append(out, jen.Id("err").Error())
}

// Results renders the blocking form's result list: "error" alone, the
// named results and err error, or a stream's iter.Seq2[T, error].
func (u *Unit) Results(m *spec.Method) jen.Code {
	switch {
	case m.Stream != nil:
		return u.Seq(m)
	case len(m.Results) == 0:
		return jen.Error()
	}
	return jen.Params(u.ResultParams(m)...)
}

// DoneType is the completion callback's type: func(results..., err error).
func (u *Unit) DoneType(m *spec.Method) *jen.Statement {
	return jen.Func().Params(u.ResultParams(m)...)
}

// AsyncParams renders the callback form's parameters: ctx, the parameters
// (a variadic one as a slice), each for a stream, and done.
func (u *Unit) AsyncParams(m *spec.Method) []jen.Code {
	out := u.Params(m, false)
	if m.Stream != nil {
		out = append(out, jen.Id("each").Add(u.EachType(m, true)))
	}
	return append(out, jen.Id("done").Add(u.DoneType(m)))
}

// Timeout is the timeout argument for method m: its constant, or 0.
func Timeout(n Names, m *spec.Method) jen.Code {
	if m.Timeout <= 0 {
		return jen.Lit(0)
	}
	return jen.Id(n.TimeoutConst(m))
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

// Args renders the expressions that pass a method's parameters on from
// fields of a per-call struct (prefix "c.args."), spreading a variadic one
// when spread is true.
func Args(m *spec.Method, recv string, spread bool) []jen.Code {
	out := []jen.Code{jen.Id("ctx")}
	for _, p := range m.Params {
		a := jen.Id(recv).Dot("args").Dot(p.Name)
		if p.Variadic && spread {
			a.Op("...")
		}
		out = append(out, a)
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

// Store copies parameters (or results) of the same names into a field of a
// per-call struct:
//
//	c.args.key, c.args.data = key, data
func Store(recv, field string, ps []*spec.Param) []jen.Code {
	if len(ps) == 0 {
		return nil
	}
	lhs := make([]jen.Code, len(ps))
	rhs := make([]jen.Code, len(ps))
	for i, p := range ps {
		lhs[i] = jen.Id(recv).Dot(field).Dot(p.Name)
		rhs[i] = jen.Id(p.Name)
	}
	return []jen.Code{jen.List(lhs...).Op("=").List(rhs...)}
}

// StateFields renders the fields of a per-call state object: head (the
// embedded runtime type, the implementation…), then the arguments and the
// results as structs, each only when the method has some.
func (u *Unit) StateFields(m *spec.Method, head ...jen.Code) []jen.Code {
	fields := head
	if len(m.Params) > 0 {
		fields = append(fields, jen.Id("args").Struct(u.Fields(m.Params)...))
	}
	if len(m.Results) > 0 {
		fields = append(fields, jen.Id("res").Struct(u.Fields(m.Results)...))
	}
	return fields
}
