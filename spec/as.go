package spec

import (
	"fmt"
	"go/ast"
	"strings"
)

// methodAs checks each method's as (`as: io/fs.ReadDirFile`): the
// method returns handles of exactly one interface of the spec, and that
// interface has a from (the interface's own from is checked by
// originMarkers).
func (p *specParser) methodAs(ifaces []*Interface) {
	byName := map[string]*Interface{}
	for _, it := range ifaces {
		if it.Name != "" && byName[it.Name] == nil {
			byName[it.Name] = it
		}
	}
	for _, it := range ifaces {
		if it.From == nil {
			continue
		}
		for _, m := range it.Methods {
			if m.As != nil {
				p.checkMethodAs(it, m, byName)
			}
		}
	}
}

func (p *specParser) checkMethodAs(it *Interface, m *Method, byName map[string]*Interface) {
	subject := fmt.Sprintf("interface %s: method %s: ", quote(it.Name), quote(m.Name))
	var handles []string
	for _, r := range append(append([]*Param{}, m.Results...), m.Stream) {
		if r == nil || r.Variadic {
			continue
		}
		if id, ok := r.Type.(*ast.Ident); ok && byName[id.Name] != nil && !contains(handles, id.Name) {
			handles = append(handles, id.Name)
		}
	}
	switch {
	case len(handles) == 0:
		p.errorf(m.As.Pos, "%sas names the type the original method returns a handle as, but no result or stream item is an interface of the spec; remove as", subject)
	case len(handles) > 1:
		p.errorf(m.As.Pos, "%sas is ambiguous: the method returns handles of %s; set as on each interface instead", subject, strings.Join(handles, " and "))
	case byName[handles[0]].From == nil:
		p.errorf(m.As.Pos, "%sas: the handle's interface %s has no from, so the original method returns it as it is; remove as", subject, quote(handles[0]))
	}
}
