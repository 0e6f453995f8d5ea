package compat

import "fmt"

// embedChanges reports the embeds of o that n no longer has: the blocking
// and callback interfaces stop embedding the generated ones, which breaks
// code that converts between them or names the embedded field. An added
// embed adds methods, which the method sets report.
func embedChanges(o, n declared) []Change {
	kept := map[string]bool{}
	for _, e := range n.Embeds {
		kept[e.Name] = true
	}
	var cs []Change
	for _, e := range o.Embeds {
		if !kept[e.Name] {
			cs = append(cs, Change{Breaking, n.Pos, ifaceSubject(n.Interface), fmt.Sprintf("embedded interface %s removed", e.Name)})
		}
	}
	return cs
}
