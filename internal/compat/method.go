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

// methodChanges compares two versions of a method: its parameters, its
// sent items, then its results or stream. of and nf are the specs
// declaring them.
func methodChanges(of *spec.File, om *spec.Method, nf *spec.File, nm *spec.Method) []finding {
	fs := listChanges("parameter", side{of, om.Params}, side{nf, nm.Params}, nm.Pos)
	switch {
	case om.NoError && !nm.NoError:
		fs = append(fs, finding{nm.Pos, "error result added to the blocking form (error: false removed)"})
	case !om.NoError && nm.NoError:
		fs = append(fs, finding{nm.Pos, "error result removed from the blocking form (error: false)"})
	}
	fs = append(fs, sendChanges(of, om, nf, nm)...)
	return append(fs, returnChanges(of, om, nf, nm)...)
}

// sendChanges compares the items two versions of a method send: the kind
// of method changes when one sends and the other does not. The name of the
// sent item is no API (it names a parameter of a func type, and the
// blocking form's iterator parameter), so only its type is compared.
func sendChanges(of *spec.File, om *spec.Method, nf *spec.File, nm *spec.Method) []finding {
	switch {
	case om.Send == nil && nm.Send == nil:
		return nil
	case om.Send == nil:
		return []finding{{nm.Send.Pos, fmt.Sprintf("sends items of %s now: %s became %s", nm.Send.TypeText, kindNoun(om.Kind), kindNoun(nm.Kind))}}
	case nm.Send == nil:
		return []finding{{nm.Pos, fmt.Sprintf("no longer sends items of %s: %s became %s", om.Send.TypeText, kindNoun(om.Kind), kindNoun(nm.Kind))}}
	case canonical(of, om.Send.Type) != canonical(nf, nm.Send.Type):
		return []finding{{nm.Send.Pos, "sent item " + typeChange(of, om.Send, nf, nm.Send)}}
	}
	return nil
}

// returnChanges compares what two versions of a method return: results
// (unary methods and client streams) or a stream (server and
// bidirectional streams).
func returnChanges(of *spec.File, om *spec.Method, nf *spec.File, nm *spec.Method) []finding {
	switch [2]bool{om.Kind.Streams(), nm.Kind.Streams()} {
	case [2]bool{false, true}:
		return []finding{{nm.Stream.Pos, fmt.Sprintf("results (%s) replaced by a stream of %s", listText(om.Results), nm.Stream.TypeText)}}
	case [2]bool{true, false}:
		return []finding{{nm.Pos, fmt.Sprintf("stream of %s replaced by results (%s)", om.Stream.TypeText, listText(nm.Results))}}
	case [2]bool{true, true}:
		if canonical(of, om.Stream.Type) != canonical(nf, nm.Stream.Type) {
			return []finding{{nm.Stream.Pos, "stream item " + typeChange(of, om.Stream, nf, nm.Stream)}}
		}
		return nil
	}
	return listChanges("result", side{of, om.Results}, side{nf, nm.Results}, nm.Pos)
}

// kindNoun names a method of kind k with its article: "a unary method",
// "a client stream".
func kindNoun(k spec.MethodKind) string {
	if k == spec.Unary {
		return "a unary method"
	}
	return "a " + k.String()
}
