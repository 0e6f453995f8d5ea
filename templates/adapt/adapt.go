// Package adapt emits the adapters between a spec's interfaces and the Go
// interfaces they were scaffolded from (file NAME_adapt.go): for an
// interface with `from: io/fs.FS`, FSFromFSFS turns an fs.FS into the
// blocking form and FSFSFromFS turns the blocking form back into an fs.FS.
// Methods marked `ctx: added` call the original without ctx (and get the
// adapter's ctx the other way); `error: carried` takes the error from the
// last result's Err() (and gives one back with SetErr). A spec with no
// from emits no file. It writes Go with github.com/dave/jennifer.
package adapt

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
	t "github.com/shimgen/shimgen/templates"
)

// Form is the adapt form.
type Form struct{}

// Name implements templates.Form.
func (Form) Name() string { return "adapt" }

// Suffix implements templates.Form.
func (Form) Suffix() string { return "_adapt.go" }

// Locals implements templates.Form: the adapters bind ctx.
func (Form) Locals(spec.MethodKind) []string { return []string{"ctx"} }

// Wants implements templates.Optional: only a spec whose interfaces say
// where they came from has adapters.
func (Form) Wants(f *spec.File) bool {
	for _, iface := range f.Interfaces {
		if iface.From != nil {
			return true
		}
	}
	return false
}

// Declares implements templates.Form.
func (Form) Declares(iface *spec.Interface) []t.Decl {
	if iface.From == nil {
		return nil
	}
	n := namesOf(iface)
	return []t.Decl{{Name: n.from, API: true}, {Name: n.to, API: true},
		{Name: n.fromType}, {Name: n.toType}, {Name: n.fromOf}, {Name: n.toOf}}
}

// Emit implements templates.Form.
func (Form) Emit(u *t.Unit, f *jen.File) error {
	u.NameGuard(f, "adapt")
	for _, iface := range u.Spec.Interfaces {
		if iface.From == nil {
			continue
		}
		e := emitter{Scope: t.NewScope(u, f, iface), n: namesOf(iface), taken: methodSetNames(iface)}
		e.fromOriginal()
		e.toOriginal()
	}
	return u.Err()
}

// emitter writes the adapters of one interface.
type emitter struct {
	t.Scope
	n     names
	taken map[string]bool // the parameter and result names of the method set
}

// methodSetNames are the names the method set's parameters and results
// use, which receivers and fields avoid.
func methodSetNames(iface *spec.Interface) map[string]bool {
	taken := map[string]bool{"ctx": true, "err": true}
	for _, m := range iface.MethodSet() {
		for _, p := range m.Items() {
			taken[p.Name] = true
		}
	}
	return taken
}

// unsupported records a method kind the form has no case for.
func (e emitter) unsupported(m *spec.Method) {
	e.U.Fail(fmt.Errorf("adapt: %w", t.Unsupported(m)))
}
