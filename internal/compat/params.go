package compat

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shimgen/shimgen/spec"
)

// side is one version of a parameter (or result) list, with the spec that
// resolves its qualifiers.
type side struct {
	file   *spec.File
	params []*spec.Param
}

// sig is the identity of the i-th parameter: its canonical type, and
// whether it is variadic.
func (s side) sig(i int) string {
	p := s.params[i]
	t := canonical(s.file, p.Type)
	if p.Variadic {
		return "..." + t
	}
	return t
}

// finding is a change found in a list, before it gets its subject.
type finding struct {
	pos spec.Pos
	msg string
}

// listChanges compares the old and the new parameters (noun "parameter")
// or results (noun "result") of a method declared at at.
func listChanges(noun string, old, new side, at spec.Pos) []finding {
	n := min(len(old.params), len(new.params))
	same := 0
	for same < n && old.sig(same) == new.sig(same) {
		same++
	}
	switch {
	case len(old.params) == len(new.params) && same == n:
		return reordered(noun, old, new)
	case len(old.params) == len(new.params):
		return typeChanges(noun, old, new)
	case same == n && len(new.params) > n:
		return added(noun, new.params[n:])
	case same == n:
		return removed(noun, old.params[n:], at)
	}
	return []finding{{at, fmt.Sprintf("%ss changed from (%s) to (%s)", noun, listText(old.params), listText(new.params))}}
}

// reordered reports lists of identical types whose names were permuted:
// callers still compile but now pass their arguments (or read results) in
// the wrong places, so the names are the only sign of the change.
func reordered(noun string, old, new side) []finding {
	on, nn := names(old.params), names(new.params)
	if slices.Equal(on, nn) || !slices.Equal(sorted(on), sorted(nn)) {
		return nil
	}
	return []finding{{new.params[0].Pos, fmt.Sprintf("%ss reordered from (%s) to (%s)", noun, listText(old.params), listText(new.params))}}
}

// typeChanges reports each position of two lists of one length where the
// parameter differs.
func typeChanges(noun string, old, new side) []finding {
	var fs []finding
	for i, p := range new.params {
		if old.sig(i) != new.sig(i) {
			fs = append(fs, finding{p.Pos, paramChange(noun, old, new, i)})
		}
	}
	return fs
}

// paramChange describes how the i-th parameter changed.
func paramChange(noun string, old, new side, i int) string {
	o, n := old.params[i], new.params[i]
	if j := slices.IndexFunc(old.params, func(q *spec.Param) bool { return q.Name == n.Name }); j >= 0 && j != i && old.sig(j) == new.sig(i) {
		return fmt.Sprintf("%s %q moved from position %d to %d", noun, n.Name, j+1, i+1)
	}
	if canonical(old.file, o.Type) == canonical(new.file, n.Type) {
		if n.Variadic {
			return fmt.Sprintf("%s %q is now variadic (...%s)", noun, n.Name, n.TypeText)
		}
		return fmt.Sprintf("%s %q is no longer variadic (%s)", noun, n.Name, n.TypeText)
	}
	return fmt.Sprintf("%s %q: %s", noun, n.Name, typeChange(old.file, o, new.file, n))
}

// typeChange describes a changed type: by its text, or, when the text is
// the same, by the import paths its qualifiers now resolve to.
func typeChange(of *spec.File, o *spec.Param, nf *spec.File, n *spec.Param) string {
	if typeText(o) != typeText(n) {
		return fmt.Sprintf("type changed from %s to %s", typeText(o), typeText(n))
	}
	var moved []string
	for _, q := range qualifiers(n.Type) {
		op, _ := of.ImportPath(q)
		np, _ := nf.ImportPath(q)
		if op != np && !slices.Contains(moved, q) {
			moved = append(moved, q)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "type %s changed: ", typeText(n))
	for i, q := range moved {
		if i > 0 {
			b.WriteString(", ")
		}
		op, _ := of.ImportPath(q)
		np, _ := nf.ImportPath(q)
		fmt.Fprintf(&b, "%q now imports %s (was %s)", q, orNone(np), orNone(op))
	}
	return b.String()
}

func orNone(path string) string {
	if path == "" {
		return "nothing"
	}
	return fmt.Sprintf("%q", path)
}

func added(noun string, ps []*spec.Param) []finding {
	fs := make([]finding, len(ps))
	for i, p := range ps {
		fs[i] = finding{p.Pos, fmt.Sprintf("%s %q (%s) added", noun, p.Name, typeText(p))}
	}
	return fs
}

func removed(noun string, ps []*spec.Param, at spec.Pos) []finding {
	fs := make([]finding, len(ps))
	for i, p := range ps {
		fs[i] = finding{at, fmt.Sprintf("%s %q (%s) removed", noun, p.Name, typeText(p))}
	}
	return fs
}

// typeText is a parameter's type as written, with "..." when variadic.
func typeText(p *spec.Param) string {
	if p.Variadic {
		return "..." + p.TypeText
	}
	return p.TypeText
}

// listText writes a list as "name type, name type".
func listText(ps []*spec.Param) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.Name + " " + typeText(p)
	}
	return strings.Join(parts, ", ")
}

func names(ps []*spec.Param) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	return out
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
