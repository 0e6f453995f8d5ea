package scaffold

import (
	"strings"

	"github.com/shimgen/shimgen/spec"
)

// removedUpstream is why a method of the spec being updated that its
// source no longer declares is commented out.
const removedUpstream = "no longer declared by its source (kept from the spec being updated: delete it, or uncomment it to keep it by hand)"

// Update re-scaffolds the interfaces as Write does, keeping what old, the
// spec being updated, adds: its package line (or its lack of one), an
// interface's and a method's doc, a method's timeout and as, parameter and
// result names where the types are unchanged, a
// method the source does not fit but the spec has (fixed by hand), and
// interfaces no source declares. A method the source no longer declares
// is commented out, not dropped.
func Update(old *spec.File, ifaces []*Interface, out Output, opt Options) (Spec, error) {
	if err := checkSources(ifaces, out); err != nil {
		return Spec{}, err
	}
	return build(ifaces, out, opt, old), nil
}

// keep applies old to the freshly translated list.
func keep(list []*iface, old *spec.File, q *qualifiers) []*iface {
	seen := map[string]bool{}
	for _, it := range list {
		seen[it.src.Name] = true
		if oi := findIface(old, it.src.Name); oi != nil {
			keepIface(it, oi, q)
		}
	}
	for _, oi := range old.Interfaces {
		if !seen[oi.Name] {
			list = append(list, keptIface(oi, q))
		}
	}
	keepImports(old, q)
	return list
}

// keepIface applies the old interface oi to it.
func keepIface(it *iface, oi *spec.Interface, q *qualifiers) {
	if oi.Doc != "" {
		it.doc = oi.Doc
	}
	seen := map[string]bool{}
	for i, m := range it.methods {
		seen[m.name] = true
		om := findMethod(oi, m.name)
		switch {
		case om == nil:
		case len(m.skip) > 0:
			it.methods[i] = fromSpec(om, q) // the spec fixed it by hand
			it.liveCount++
			it.from, it.as = "", "" // which the source's adapters cannot call
		default:
			keepMethod(m, om)
		}
	}
	for _, om := range oi.Methods {
		if !seen[om.Name] {
			m := fromSpec(om, nil)
			m.skip = []string{removedUpstream}
			it.methods = append(it.methods, m)
		}
	}
	if it.liveCount > 0 {
		it.skip = ""
	}
}

// keepMethod keeps om's doc, timeout, as and names in m.
func keepMethod(m *method, om *spec.Method) {
	if om.Doc != "" {
		m.doc = om.Doc
	}
	if om.Timeout > 0 {
		m.timeout = om.Timeout.String()
	}
	if om.As != nil {
		m.as = om.As.String()
	}
	keepNames(m.params, om.Params)
	keepNames(m.results, om.Results)
	if m.stream != nil && om.Stream != nil && m.stream.typ == om.Stream.TypeText {
		m.stream.name = om.Stream.Name
	}
	if m.send != nil && om.Send != nil && m.send.typ == om.Send.TypeText {
		m.send.name = om.Send.Name
	}
}

// keepNames takes the old names when every type is unchanged.
func keepNames(ps []param, old []*spec.Param) {
	if len(ps) != len(old) {
		return
	}
	for i, p := range ps {
		if p.typ != old[i].TypeText || p.variadic != old[i].Variadic {
			return
		}
	}
	for i := range ps {
		ps[i].name = old[i].Name
	}
}

// keptIface is an interface of the old spec that no source declares, as
// it is.
func keptIface(oi *spec.Interface, q *qualifiers) *iface {
	it := &iface{src: &Interface{Name: oi.Name}, doc: oi.Doc, kept: true}
	for _, om := range oi.Methods {
		it.methods = append(it.methods, fromSpec(om, q))
		it.liveCount++
	}
	return it
}

// fromSpec is a method as the spec has it; its qualifiers are marked used
// in q unless q is nil (a commented-out method).
func fromSpec(om *spec.Method, q *qualifiers) *method {
	m := &method{name: om.Name, doc: om.Doc, typed: true,
		params: specParams(om.Params), results: specParams(om.Results)}
	if om.Timeout > 0 {
		m.timeout = om.Timeout.String()
	}
	if om.Stream != nil {
		m.stream = &specParams([]*spec.Param{om.Stream})[0]
	}
	if om.Send != nil {
		m.send = &specParams([]*spec.Param{om.Send})[0]
	}
	if q != nil {
		q.markUsed(text(m.params) + " " + text(m.results))
		for _, item := range []*param{m.stream, m.send} {
			if item != nil {
				q.markUsed(item.typ)
			}
		}
	}
	return m
}

func specParams(ps []*spec.Param) []param {
	out := make([]param, len(ps))
	for i, p := range ps {
		out[i] = param{name: p.Name, typ: p.TypeText, variadic: p.Variadic}
	}
	return out
}

// keepImports declares the old spec's imports that the kept methods use
// and the new translation does not know.
func keepImports(old *spec.File, q *qualifiers) {
	for _, imp := range old.Imports {
		if q.taken[imp.Name] == "" && q.pending[imp.Name] {
			q.taken[imp.Name], q.byPath[imp.Path] = imp.Path, imp.Name
			q.live[imp.Name] = true
		}
	}
}

func findIface(f *spec.File, name string) *spec.Interface {
	for _, it := range f.Interfaces {
		if it.Name == name {
			return it
		}
	}
	return nil
}

func findMethod(it *spec.Interface, name string) *spec.Method {
	for _, m := range it.Methods {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// markUsed marks live the qualifiers that types written as text use;
// those it does not know yet are remembered as pending.
func (q *qualifiers) markUsed(text string) {
	for _, word := range strings.FieldsFunc(text, func(r rune) bool { return !isIdentRune(r) && r != '.' }) {
		name, _, found := strings.Cut(word, ".")
		if !found || name == "" {
			continue
		}
		if q.taken[name] != "" {
			q.live[name] = true
		} else {
			q.pending[name] = true
		}
	}
}

func isIdentRune(r rune) bool {
	return r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r > 0x7f
}
