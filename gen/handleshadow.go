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
// its package name), all in the scope of the method's parameters. A method
// whose results are handles of an imported package's spec converts them in
// the method body too, through the package name, in the scope of its
// parameters and results. And a method converting handles of other specs
// has no parameter or result named like the spec's helper that does (see
// templates.Unit.HandleFunc). It also reports handles of other specs where
// a client or bidirectional stream cannot pass them (see externSends).
func handleShadowing(units []*templates.Unit) spec.ErrorList {
	var errs spec.ErrorList
	for _, u := range units {
		for _, iface := range u.Spec.Interfaces {
			for _, m := range iface.Methods {
				errs = append(errs, externSends(u, iface, m)...)
				errs = append(errs, resultShadowing(u, iface, m)...)
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

// resultShadowing reports the parameters and results of method m that
// would hide the unit's helper converting handles of other specs, or the
// package name of a result that is a handle of an imported package's
// spec, both of which the method bodies name.
func resultShadowing(u *templates.Unit, iface *spec.Interface, m *spec.Method) spec.ErrorList {
	var errs spec.ErrorList
	quals := map[string]bool{}
	for _, r := range m.Results {
		if q := qualifierOf(r); q != "" && u.Handle(r) != nil && u.LocalHandle(r) == nil {
			quals[q] = true
		}
	}
	for _, group := range []struct {
		noun string
		ps   []*spec.Param
	}{{"parameter", m.Params}, {"result", m.Results}} {
		for _, p := range group.ps {
			switch {
			case u.HasExtern() && p.Name == u.HandleFunc():
				errs = append(errs, &spec.Error{Pos: p.Pos, Msg: fmt.Sprintf(
					"interface %q: method %q: %s %q would shadow an identifier the generated code uses; rename it", iface.Name, m.Name, group.noun, p.Name)})
			case quals[p.Name]:
				errs = append(errs, &spec.Error{Pos: p.Pos, Msg: fmt.Sprintf(
					"interface %q: method %q: %s %q would shadow the package name %s of a result's type in the generated code that converts the method's handles; rename it",
					iface.Name, m.Name, group.noun, p.Name, p.Name)})
			}
		}
	}
	return errs
}

// externSends reports the results of a client stream and the stream item
// of a bidirectional stream m that are handles of another spec's
// interface: the forms cannot pass them as handles yet, as spec reports
// for the spec's own interfaces.
func externSends(u *templates.Unit, iface *spec.Interface, m *spec.Method) spec.ErrorList {
	if !m.Kind.Sends() {
		return nil
	}
	var errs spec.ErrorList
	check := func(noun string, p *spec.Param) {
		if p == nil || u.Handle(p) == nil || u.LocalHandle(p) != nil {
			return
		}
		errs = append(errs, &spec.Error{Pos: p.PosAt(0), Msg: fmt.Sprintf(
			"interface %q: method %q: %s %q has type %s, an interface of another spec: a %s cannot pass it as a handle yet; use another type, such as a name or an ID the implementation resolves",
			iface.Name, m.Name, noun, p.Name, p.TypeText, m.Kind)})
	}
	check("sent item", m.Send)
	for _, r := range m.Results {
		check("result", r)
	}
	check("stream item", m.Stream)
	return errs
}

// bodyNames are the names a handle stream's conversion literal refers to.
func bodyNames(item *spec.Param) map[string]bool {
	used := map[string]bool{"bool": true, "error": true}
	if q := qualifierOf(item); q != "" {
		used[q] = true
	}
	return used
}

// qualifierOf returns the package name of p's type when it is a qualified
// name (vfs in vfs.File), else "".
func qualifierOf(p *spec.Param) string {
	if sel, ok := p.Type.(*ast.SelectorExpr); ok {
		if x, ok := sel.X.(*ast.Ident); ok {
			return x.Name
		}
	}
	return ""
}

func what(name string) string {
	if name == "bool" || name == "error" {
		return "the predeclared type " + name
	}
	return "the package name " + name + " of the item's type"
}
