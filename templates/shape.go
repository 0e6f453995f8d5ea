package templates

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
)

// MaxResults is the largest number of results (besides err) that the
// runtimes helpers StartN, AwaitN and DirectN take one by one; it equals
// runtimes.MaxResults. A method with more passes them as one struct.
const MaxResults = 4

// Every generated method hands its call to one runtimes helper, with the
// parameters as one value (args) and a function that calls the
// implementation with them: a method expression such as Bucket.Get where
// its type fits, else a small generated adapter. These functions decide
// which, so all forms agree.

// PacksArgs reports whether method m's parameters travel as a generated
// struct (ArgsType): when it has two or more.
func PacksArgs(m *spec.Method) bool { return len(m.Params) >= 2 }

// PacksResults reports whether method m's results travel as a generated
// struct (ResultsType): when it has more than MaxResults.
func PacksResults(m *spec.Method) bool { return len(m.Results) > MaxResults }

// CallsDirectly reports whether a method expression of the blocking
// interface fits the helpers: one parameter, not variadic (the helpers pass
// a slice), and results passed one by one.
func CallsDirectly(m *spec.Method) bool {
	return len(m.Params) == 1 && !m.Params[0].Variadic && !PacksResults(m)
}

// InvokesDirectly reports whether a method expression of the callback
// interface fits the helpers: one parameter (the callback form takes a
// variadic one as a slice already) and results passed one by one.
func InvokesDirectly(m *spec.Method) bool {
	return len(m.Params) == 1 && !PacksResults(m)
}

// Helper names the runtimes helper a form calls for method m: the prefix
// (Start, Await, Direct) with the number of results, or Stream for a
// streaming method; with packed results, StartPacked or the helper for one
// result. It records an internal error for a kind it does not
// know.
func (u *Unit) Helper(prefix string, m *spec.Method) *jen.Statement {
	switch m.Kind {
	case spec.Unary:
		if PacksResults(m) && prefix == "Start" {
			return jen.Qual(RuntimesPath, "StartPacked")
		}
		n := len(m.Results)
		if PacksResults(m) {
			n = 1
		}
		return jen.Qual(RuntimesPath, fmt.Sprintf("%s%d", prefix, n))
	case spec.ServerStream:
		return jen.Qual(RuntimesPath, prefix+"Stream")
	}
	u.Fail(Unsupported(m))
	return jen.Null()
}

// Unsupported is the internal error of an emitter that meets a method kind
// it has no case for.
func Unsupported(m *spec.Method) error {
	return fmt.Errorf("method %s: unsupported method kind %v", m.Name, m.Kind)
}

// Idents renders the names of ps.
func Idents(ps []*spec.Param) []jen.Code {
	out := make([]jen.Code, len(ps))
	for i, p := range ps {
		out[i] = jen.Id(p.Name)
	}
	return out
}

// Selectors renders x.name for each of ps: r.data, r.found.
func Selectors(x string, ps []*spec.Param) []jen.Code {
	out := make([]jen.Code, len(ps))
	for i, p := range ps {
		out[i] = jen.Id(x).Dot(p.Name)
	}
	return out
}

// ArgsValue renders the parameters of m as the one value a helper takes:
// struct{}{}, the parameter itself, or bucketPutArgs{key, data, opts}.
func ArgsValue(n Names, m *spec.Method) jen.Code {
	switch {
	case len(m.Params) == 0:
		return jen.Struct().Values()
	case !PacksArgs(m):
		return jen.Id(m.Params[0].Name)
	}
	return jen.Id(n.ArgsType(m)).Values(Idents(m.Params)...)
}

// ArgsParam renders the type of that value: struct{}, the parameter's type
// (a slice for a variadic one) or the args struct.
func (u *Unit) ArgsParam(n Names, m *spec.Method) jen.Code {
	switch {
	case len(m.Params) == 0:
		return jen.Struct()
	case !PacksArgs(m):
		return u.Type(m.Params[0], false)
	}
	return jen.Id(n.ArgsType(m))
}

// Unpack renders the arguments of a call of m's implementation from the
// value a of ArgsParam's type: a.key, a.data, a.opts (spread with ... when
// spread is true and the last is variadic).
func Unpack(m *spec.Method, a string, spread bool) []jen.Code {
	out := []jen.Code{jen.Id("ctx")}
	for _, p := range m.Params {
		var v *jen.Statement
		if PacksArgs(m) {
			v = jen.Id(a).Dot(p.Name)
		} else {
			v = jen.Id(a)
		}
		if p.Variadic && spread {
			v.Op("...")
		}
		out = append(out, v)
	}
	return out
}

// Timeout is the timeout argument for method m: its constant, or 0.
func Timeout(n Names, m *spec.Method) jen.Code {
	if m.Timeout <= 0 {
		return jen.Lit(0)
	}
	return jen.Id(n.TimeoutConst(m))
}
