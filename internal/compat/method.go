package compat

import (
	"fmt"

	"github.com/shimgen/shimgen/spec"
)

// interfaceChanges compares two versions of an interface method by method,
// over their method sets (embedded methods included), and their embeds.
func interfaceChanges(o, n declared) []Change {
	cs := embedChanges(o, n)
	newMethods := map[string]*spec.Method{}
	for _, m := range n.MethodSet() {
		newMethods[m.Name] = m
	}
	oldMethods := map[string]bool{}
	for _, om := range o.MethodSet() {
		oldMethods[om.Name] = true
		nm, ok := newMethods[om.Name]
		if !ok {
			cs = append(cs, Change{Breaking, om.Pos, methodSubject(o.Interface, om), "method removed"})
			continue
		}
		for _, f := range methodChanges(o.file, om, n.file, nm) {
			cs = append(cs, Change{Breaking, f.pos, methodSubject(n.Interface, nm), f.msg})
		}
	}
	for _, nm := range n.MethodSet() {
		if !oldMethods[nm.Name] {
			cs = append(cs, Change{Implementers, nm.Pos, methodSubject(n.Interface, nm),
				"method added: implementations of the blocking and callback interfaces (mocks, other backends) must add it"})
		}
	}
	return cs
}

// methodChanges compares two versions of a method: its parameters, then its
// results or stream. of and nf are the specs declaring them.
func methodChanges(of *spec.File, om *spec.Method, nf *spec.File, nm *spec.Method) []finding {
	fs := listChanges("parameter", side{of, om.Params}, side{nf, nm.Params}, nm.Pos)
	switch {
	case om.NoError && !nm.NoError:
		fs = append(fs, finding{nm.Pos, "error result added to the blocking form (error: false removed)"})
	case !om.NoError && nm.NoError:
		fs = append(fs, finding{nm.Pos, "error result removed from the blocking form (error: false)"})
	}
	switch [2]spec.MethodKind{om.Kind, nm.Kind} {
	case [2]spec.MethodKind{spec.Unary, spec.ServerStream}:
		fs = append(fs, finding{nm.Stream.Pos, fmt.Sprintf("results (%s) replaced by a stream of %s", listText(om.Results), nm.Stream.TypeText)})
	case [2]spec.MethodKind{spec.ServerStream, spec.Unary}:
		fs = append(fs, finding{nm.Pos, fmt.Sprintf("stream of %s replaced by results (%s)", om.Stream.TypeText, listText(nm.Results))})
	case [2]spec.MethodKind{spec.ServerStream, spec.ServerStream}:
		if canonical(of, om.Stream.Type) != canonical(nf, nm.Stream.Type) {
			fs = append(fs, finding{nm.Stream.Pos, "stream item " + typeChange(of, om.Stream, nf, nm.Stream)})
		}
	case [2]spec.MethodKind{spec.Unary, spec.Unary}:
		fs = append(fs, listChanges("result", side{of, om.Results}, side{nf, nm.Results}, nm.Pos)...)
	default:
		panic(fmt.Sprintf("compat: no rule for a %v method becoming a %v one", om.Kind, nm.Kind))
	}
	return fs
}
