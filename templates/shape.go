package templates

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
)

// MaxParams is the largest number of parameters (besides ctx) of a
// streaming method that the runtimes stream helpers take one by one; it
// equals runtimes.MaxParams. A streaming method with more passes them as
// one struct.
const MaxParams = 4

// A unary method's call is a plain struct generated for it (its state: the
// implementation, the arguments, the results) and one generated function
// that drives it through runtimes.StartFunc or runtimes.WaitFunc: no
// generics and no methods, which is what compiles fastest. A streaming
// method hands its call to a generic runtimes helper made for its number of
// parameters (StartStreamP2), with the implementation's method as a method
// expression such as Bucket.List; with more than MaxParams it is packed:
// its parameters travel as one value through small generated adapters.

// Packed reports whether method m is a streaming method whose parameters
// travel as one value.
func Packed(m *spec.Method) bool { return m.Kind == spec.ServerStream && len(m.Params) > MaxParams }

// Helper names the runtimes stream helper a form calls for method m:
// prefix (StartStream, AwaitStream, DirectStream) and the number of
// parameters, with V when a variadic one stays variadic (the callback form
// passes it as a slice, so AwaitStream has no such variant).
func Helper(prefix string, m *spec.Method) *jen.Statement {
	k, v := len(m.Params), ""
	if m.Variadic() && prefix != "AwaitStream" {
		v = "V"
	}
	if Packed(m) {
		k, v = 1, ""
	}
	return jen.Qual(RuntimesPath, fmt.Sprintf("%sP%d%s", prefix, k, v))
}

// ArgsValues renders the parameters of streaming method m as its helper
// takes them: one by one, or packed into bucketListArgs{prefix, …}.
func ArgsValues(n Names, m *spec.Method) []jen.Code {
	if !Packed(m) {
		return Idents(m.Params)
	}
	return []jen.Code{jen.Id(n.ArgsType(m)).Values(Idents(m.Params)...)}
}

// Unpack renders the arguments of a call of a packed method's
// implementation from the args struct a: a.key, a.data, a.opts (spread with
// ... when spread is true and the last is variadic).
func Unpack(m *spec.Method, a string, spread bool) []jen.Code {
	out := []jen.Code{jen.Id("ctx")}
	for _, p := range m.Params {
		v := jen.Id(a).Dot(p.Name)
		if p.Variadic && spread {
			v.Op("...")
		}
		out = append(out, v)
	}
	return out
}

// Spread renders ctx and a method's parameters as the arguments of a call
// of its blocking implementation, spreading a variadic one; the sent items
// of a client or bidirectional stream follow.
func Spread(m *spec.Method) []jen.Code {
	out := []jen.Code{jen.Id("ctx")}
	for _, p := range m.Params {
		a := jen.Id(p.Name)
		if p.Variadic {
			a.Op("...")
		}
		out = append(out, a)
	}
	if m.Kind.Sends() {
		out = append(out, jen.Id(m.SendsName()))
	}
	return out
}

// Selectors renders x.name for each of ps: c.key, c.data.
func Selectors(x string, ps []*spec.Param) []jen.Code {
	out := make([]jen.Code, len(ps))
	for i, p := range ps {
		out[i] = jen.Id(x).Dot(p.Name)
	}
	return out
}

// StateFields renders the fields of a unary call's state: head (the
// runtimes field, the implementation…; see Scope.Field), then the
// parameters and the results, under their own names; with async, results
// are held as the callback side delivers them (see AsyncFields).
func (u *Unit) StateFields(m *spec.Method, async bool, head ...jen.Code) []jen.Code {
	results := u.Fields(m.Results)
	if async {
		results = u.AsyncFields(m.Results)
	}
	return append(append(head, u.Fields(m.Params)...), results...)
}

// NewState renders &T{f: v, …, key: key, data: data}: a call state with
// the fields given (name, value pairs) and the method's parameters, on one
// line.
func NewState(typ string, m *spec.Method, fields ...jen.Code) jen.Code {
	vals := make([]jen.Code, 0, len(fields)/2+len(m.Params))
	for i := 0; i+1 < len(fields); i += 2 {
		vals = append(vals, jen.Add(fields[i]).Op(":").Add(fields[i+1]))
	}
	for _, p := range m.Params {
		vals = append(vals, jen.Id(p.Name).Op(":").Id(p.Name))
	}
	return jen.Op("&").Id(typ).Values(vals...)
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

// Descriptor is the argument that describes method m to the runtime (its
// names and its timeout): the address of its MethodVar.
func Descriptor(n Names, m *spec.Method) jen.Code {
	return jen.Op("&").Id(n.MethodVar(m))
}

// HelperArgs renders the arguments of a stream helper call: the runtime
// and the implementation of the receiver recv, ctx, the method's descriptor and the
// parameters, then the implementation's method as a method expression of
// its interface (the callback one when callback is true), or for a packed
// method its adapter.
func HelperArgs(n Names, recv string, m *spec.Method, callback bool) []jen.Code {
	var fn jen.Code
	switch {
	case Packed(m) && callback:
		fn = jen.Id(n.InvokeFunc(m))
	case Packed(m):
		fn = jen.Id(n.OpenFunc(m))
	case callback:
		fn = jen.Id(n.Async).Dot(m.Name)
	default:
		fn = jen.Id(n.Blocking).Dot(m.Name)
	}
	args := []jen.Code{jen.Id(recv).Dot("rt"), jen.Id("ctx"), Descriptor(n, m), jen.Id(recv).Dot("impl")}
	return append(append(args, ArgsValues(n, m)...), fn)
}

// FirstUnary returns the first unary method of iface, or nil: the forms
// describe their per-call state once, on their adapter type, with it as the
// example.
func FirstUnary(iface *spec.Interface) *spec.Method {
	for _, m := range iface.Methods {
		if m.Kind == spec.Unary {
			return m
		}
	}
	return nil
}
