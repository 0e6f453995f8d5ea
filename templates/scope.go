package templates

import (
	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
)

// Scope is what an emitter works with for one interface: the unit, the file
// it writes to, the interface, its generated names and the parameter names
// generated receivers and locals must avoid. Every form's emitter embeds
// it.
type Scope struct {
	U     *Unit
	F     *jen.File
	Iface *spec.Interface
	N     Names
	Taken map[string]bool
}

// NewScope prepares the scope of iface.
func NewScope(u *Unit, f *jen.File, iface *spec.Interface) Scope {
	return Scope{U: u, F: f, Iface: iface, N: NamesOf(iface), Taken: ParamNames(iface)}
}

// Field names a field of a call state that is not a parameter or result
// (the runtimes field, the implementation): name, or a fresh variant when
// the interface uses name for a parameter or result.
func (s Scope) Field(name string) string { return Fresh(name, s.Taken) }
