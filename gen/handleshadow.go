package gen

import (
	"fmt"
	"go/ast"

	"github.com/shimgen/shimgen/spec"
	"github.com/shimgen/shimgen/templates"
)

// handleShadowing reports the parameters of streaming methods whose items
// are handles that would hide a name the generated method body uses: the
// forms convert each item in a function literal inside the method, whose
// signature names bool, error and the item's type (a qualified one through
// its package name), all in the scope of the method's parameters.
func handleShadowing(units []*templates.Unit) spec.ErrorList {
	var errs spec.ErrorList
	for _, u := range units {
		for _, iface := range u.Spec.Interfaces {
			for _, m := range iface.Methods {
				if m.Stream == nil || u.Handle(m.Stream) == nil {
					continue
				}
				used := bodyNames(m.Stream)
				for _, p := range m.Params {
					if used[p.Name] {
						errs = append(errs, &spec.Error{Pos: p.Pos, Msg: fmt.Sprintf(
							"interface %q: method %q: parameter %q would shadow %s in the generated code that converts the stream's handles; rename it",
							iface.Name, m.Name, p.Name, what(p.Name))})
					}
				}
			}
		}
	}
	return errs
}

// bodyNames are the names a handle stream's conversion literal refers to.
func bodyNames(item *spec.Param) map[string]bool {
	used := map[string]bool{"bool": true, "error": true}
	if sel, ok := item.Type.(*ast.SelectorExpr); ok {
		if x, ok := sel.X.(*ast.Ident); ok {
			used[x.Name] = true
		}
	}
	return used
}

func what(name string) string {
	if name == "bool" || name == "error" {
		return "the predeclared type " + name
	}
	return "the package name " + name + " of the item's type"
}
