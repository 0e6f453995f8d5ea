package templates

import (
	"fmt"

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
	x := depthIndex{}
	var out []Forward
	for _, m := range iface.MethodSet() {
		if own(iface, m.Name) {
			continue
		}
		best, via, ties := -1, (*spec.Interface)(nil), 0
		for _, e := range Embedded(iface) {
			d, ok := x.depths(e)[m.Name]
			switch {
			case !ok:
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

// depthIndex holds, per interface, the depth at which its adapter types
// provide each method: 0 when they declare it (as their own or
// forwarded), else one more than the embedded adapter that promotes it.
type depthIndex map[*spec.Interface]map[string]int

func (x depthIndex) depths(iface *spec.Interface) map[string]int {
	if d, ok := x[iface]; ok {
		return d
	}
	d := map[string]int{}
	x[iface] = d // a valid spec has no cycle of embeds
	for _, m := range iface.Methods {
		d[m.Name] = 0
	}
	best, ties := map[string]int{}, map[string]int{}
	for _, e := range Embedded(iface) {
		for name, k := range x.depths(e) {
			if _, ok := d[name]; ok {
				continue
			}
			switch b, ok := best[name]; {
			case !ok || k+1 < b:
				best[name], ties[name] = k+1, 1
			case k+1 == b:
				ties[name]++
			}
		}
	}
	for name, b := range best {
		if ties[name] > 1 {
			b = 0 // forwarded
		}
		d[name] = b
	}
	return d
}

// EmbeddedFields renders the embedded adapter fields of an adapter type:
// a pointer to the type of each embedded interface that typeOf names
// (*readerAsync). Pointers let the adapters of a diamond share the one
// they both embed.
func EmbeddedFields(iface *spec.Interface, typeOf func(Names) string) []jen.Code {
	var out []jen.Code
	for _, e := range Embedded(iface) {
		out = append(out, jen.Op("*").Id(typeOf(NamesOf(e))))
	}
	return out
}

// NewAdapter renders the statements that build the adapter of iface that
// typeOf names over impl and rt and return it: one adapter per interface
// iface embeds, directly or not, each built once, embedded ones first.
//
//	e0 := &closerAsync{impl: impl, rt: rt}
//	e1 := &readerAsync{closerAsync: e0, impl: impl, rt: rt}
//	return &fileAsync{impl: impl, readerAsync: e1, rt: rt}
func NewAdapter(iface *spec.Interface, typeOf func(Names) string, impl, rt jen.Code) []jen.Code {
	vars := map[*spec.Interface]string{}
	var out []jen.Code
	literal := func(it *spec.Interface) jen.Code {
		d := jen.Dict{jen.Id("impl"): impl, jen.Id("rt"): rt}
		for _, e := range Embedded(it) {
			d[jen.Id(typeOf(NamesOf(e)))] = jen.Id(vars[e])
		}
		return jen.Op("&").Id(typeOf(NamesOf(it))).Values(d)
	}
	var build func(it *spec.Interface)
	build = func(it *spec.Interface) {
		for _, e := range Embedded(it) {
			if _, done := vars[e]; !done {
				build(e)
				vars[e] = fmt.Sprintf("e%d", len(vars))
				out = append(out, jen.Id(vars[e]).Op(":=").Add(literal(e)))
			}
		}
	}
	build(iface)
	return append(out, jen.Return(literal(iface)))
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
