package templates

import (
	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
)

// Form is one generated form of a spec: a file of its own beside the spec,
// the package-level identifiers it declares, the names its method bodies
// bind, and its emitter. The common part (templates/common) is a Form too:
// it holds what every form relies on, so that no form declares anything for
// another. gen keeps the registry of forms.
type Form interface {
	// Name is the form's name in messages: "blocking", "callback".
	Name() string
	// Suffix ends the name of the form's file: "_blocking.go".
	Suffix() string
	// Declares lists the package-level identifiers the form declares for
	// iface, in a stable order.
	Declares(iface *spec.Interface) []Decl
	// Locals lists the fixed names the form's code binds in the scope of a
	// method of kind k (parameters such as ctx and done). Each must be a
	// reserved name of that kind in spec's table.
	Locals(k spec.MethodKind) []string
	// Emit writes the form's declarations for u into f.
	Emit(u *Unit, f *jen.File) error
}

// Decl is one package-level identifier a form declares.
type Decl struct {
	Name string
	// API is true for an exported type that users, and so specs, may name
	// (the blocking and callback interfaces).
	API bool
}

// Optional is a Form that emits a file only for some specs (the adapt form,
// for specs whose interfaces say where they came from). A form that does
// not implement it emits a file for every spec.
type Optional interface {
	Form
	// Wants reports whether the form emits a file for f.
	Wants(f *spec.File) bool
}

// Wants reports whether form emits a file for f.
func Wants(form Form, f *spec.File) bool {
	o, ok := form.(Optional)
	return !ok || o.Wants(f)
}
