// Package blocking emits the blocking form of a spec (file NAME_blocking.go):
// each interface as plain Go methods, the constructor that derives it from a
// callback implementation, and the guard constant the callback form checks.
// It writes Go with github.com/dave/jennifer, not text templates.
package blocking

import (
	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
	t "github.com/shimgen/shimgen/templates"
)

// Emit renders the blocking form of u's spec.
func Emit(u *t.Unit) (*jen.File, error) {
	f := u.NewFile()
	guard(f, u)
	timeouts(f, u)
	for _, iface := range u.Spec.Interfaces {
		e := emitter{u: u, f: f, iface: iface, n: t.NamesOf(iface), taken: t.ParamNames(iface)}
		e.emit()
	}
	return f, u.Err()
}

// guard emits
//
//	const shimgenBlob1a2b3c4d = runtimes.Generated1
//
// which the callback form names: a blocking and a callback file generated
// from different versions of the spec do not compile together, and neither
// compiles against a runtimes module that does not speak this generator's
// contract.
func guard(f *jen.File, u *t.Unit) {
	f.Commentf("%s ties this file to the callback form generated from the", u.Guard)
	f.Commentf("same %s. If the build fails on it, run shimgen to regenerate both.", u.Source)
	f.Const().Id(u.Guard).Op("=").Qual(t.RuntimesPath, "Generated1")
}

// timeouts emits one constant per method with a timeout:
//
//	const bucketGetTimeout = 2 * time.Second
func timeouts(f *jen.File, u *t.Unit) {
	var defs []jen.Code
	for _, iface := range u.Spec.Interfaces {
		n := t.NamesOf(iface)
		for _, m := range iface.Methods {
			if m.Timeout > 0 {
				defs = append(defs, jen.Id(n.TimeoutConst(m)).Op("=").Add(t.Duration(m.Timeout)))
			}
		}
	}
	if len(defs) == 0 {
		return
	}
	f.Comment("Per-call deadlines from " + u.Source + ", applied by both forms.")
	f.Const().Defs(defs...)
}

type emitter struct {
	u     *t.Unit
	f     *jen.File
	iface *spec.Interface
	n     t.Names
	taken map[string]bool
}

func (e *emitter) emit() {
	e.ifaceDecl()
	e.constructor()
	e.blockingType()
	for _, m := range e.iface.Methods {
		e.blockingMethod(m)
		e.waitType(m)
	}
	e.directType()
	for _, m := range e.iface.Methods {
		e.directMethod(m)
	}
}
