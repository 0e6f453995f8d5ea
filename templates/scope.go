package templates

import "github.com/shimgen/shimgen/spec"

// Scope is what an emitter works with for one interface: the unit, the sink
// it writes to, the interface, its generated names and the parameter names
// generated receivers and locals must avoid. Both forms' emitters embed it.
type Scope struct {
	U     *Unit
	F     *Sink
	Iface *spec.Interface
	N     Names
	Taken map[string]bool
}

// NewScope prepares the scope of iface.
func NewScope(u *Unit, f *Sink, iface *spec.Interface) Scope {
	return Scope{U: u, F: f, Iface: iface, N: NamesOf(iface), Taken: ParamNames(iface)}
}
