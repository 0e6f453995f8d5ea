package templates

import (
	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
)

// An interface that embeds others gets adapter types that embed the
// embedded interfaces' adapter types of the same kind (bucketAsync embeds
// readerAsync), so their methods are promoted and no method is generated
// twice. Go does not promote a method that two embedded fields provide at
// the same depth; such a method is forwarded explicitly (see Forwarded).

// Embedded returns the interfaces iface embeds, in spec order.
func Embedded(iface *spec.Interface) []*spec.Interface {
	var out []*spec.Interface
	for _, e := range iface.Embeds {
		if e.Iface != nil {
			out = append(out, e.Iface)
		}
	}
	return out
}

// Forward is a method an adapter type declares to call the one of an
// embedded adapter, Via, because Go would not promote it.
type Forward struct {
	Method *spec.Method
	Via    *spec.Interface
}

// Forwarded returns the methods of iface's method set that its adapter
// types must forward: those not declared by iface that two or more
// embedded adapters provide at the shallowest depth they are found.
func Forwarded(iface *spec.Interface) []Forward {
	var out []Forward
	for _, m := range iface.MethodSet() {
		if own(iface, m.Name) {
			continue
		}
		best, via, ties := -1, (*spec.Interface)(nil), 0
		for _, e := range Embedded(iface) {
			d := depth(e, m.Name)
			switch {
			case d < 0:
			case best < 0 || d < best:
				best, via, ties = d, e, 1
			case d == best:
				ties++
			}
		}
		if ties > 1 {
			out = append(out, Forward{m, via})
		}
	}
	return out
}

// own reports whether iface declares a method named name.
func own(iface *spec.Interface, name string) bool {
	for _, m := range iface.Methods {
		if m.Name == name {
			return true
		}
	}
	return false
}

// depth is the depth at which iface's adapter types provide method name:
// 0 when they declare it (as their own or forwarded), else one more than
// the embedded adapter that promotes it, or -1 when they do not have it.
func depth(iface *spec.Interface, name string) int {
	if own(iface, name) {
		return 0
	}
	for _, f := range Forwarded(iface) {
		if f.Method.Name == name {
			return 0
		}
	}
	best := -1
	for _, e := range Embedded(iface) {
		if d := depth(e, name); d >= 0 && (best < 0 || d+1 < best) {
			best = d + 1
		}
	}
	return best
}

// EmbeddedFields renders the embedded adapter fields of an adapter type:
// the type of each embedded interface that typeOf names (readerAsync).
func EmbeddedFields(iface *spec.Interface, typeOf func(Names) string) []jen.Code {
	var out []jen.Code
	for _, e := range Embedded(iface) {
		out = append(out, jen.Id(typeOf(NamesOf(e))))
	}
	return out
}

// AdapterValues renders the fields of an adapter composite literal: impl
// and rt, and each embedded adapter built the same way, recursively:
//
//	impl: impl, rt: rt, readerAsync: readerAsync{impl: impl, rt: rt}
func AdapterValues(iface *spec.Interface, typeOf func(Names) string, impl, rt jen.Code) jen.Dict {
	d := jen.Dict{jen.Id("impl"): impl, jen.Id("rt"): rt}
	for _, e := range Embedded(iface) {
		name := typeOf(NamesOf(e))
		d[jen.Id(name)] = jen.Id(name).Values(AdapterValues(e, typeOf, impl, rt))
	}
	return d
}

// EmbedNames renders the embedded interfaces of an interface declaration,
// each as nameOf names it (Reader, or ReaderAsync).
func EmbedNames(g *jen.Group, iface *spec.Interface, nameOf func(Names) string) {
	for _, e := range Embedded(iface) {
		g.Id(nameOf(NamesOf(e)))
	}
	if len(iface.Embeds) > 0 && len(iface.Methods) > 0 {
		g.Line()
	}
}

// ForwardTaken is the set of names a forwarding method's receiver must
// avoid: ParamNames over iface's whole method set.
func ForwardTaken(iface *spec.Interface) map[string]bool {
	return ParamNames(&spec.Interface{Methods: iface.MethodSet()})
}
