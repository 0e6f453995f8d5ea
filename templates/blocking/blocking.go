// Package blocking emits the blocking form of a spec (file NAME_blocking.go):
// each interface as plain Go methods, the constructor that derives it from a
// callback implementation, and the guard constant the callback form checks.
// It writes Go with github.com/dave/jennifer, not text templates.
package blocking

import (
	"github.com/dave/jennifer/jen"

	t "github.com/shimgen/shimgen/templates"
)

// Emit writes the blocking form of u's spec to f.
func Emit(u *t.Unit, f *t.Sink) error {
	guard(f, u)
	timeouts(f, u)
	for _, iface := range u.Spec.Interfaces {
		e := emitter{t.NewScope(u, f, iface)}
		e.emit()
	}
	f.Close()
	return u.Err()
}

// guard emits
//
//	const shimgenBlob1a2b3c4d = runtimes.Generated1
//
// which the callback form names: a blocking and a callback file generated
// from different versions of the spec do not compile together, and neither
// compiles against a runtimes module that does not speak this generator's
// contract.
func guard(f *t.Sink, u *t.Unit) {
	f.Commentf("%s ties this file to the callback form generated from the", u.Guard)
	f.Commentf("same %s. If the build fails on it, run shimgen to regenerate both.", u.Source)
	f.Const().Id(u.Guard).Op("=").Qual(t.RuntimesPath, "Generated1")
}

// timeouts emits one constant per method with a timeout:
//
//	const bucketGetTimeout = 2 * time.Second
func timeouts(f *t.Sink, u *t.Unit) {
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
	t.Scope
}

func (e *emitter) emit() {
	e.F.Break()
	e.ifaceDecl()
	e.constructor()
	e.blockingType()
	for _, m := range e.Iface.Methods {
		e.F.Break()
		if m.Stream != nil {
			e.streamMethod(m)
			e.streamWait(m)
			continue
		}
		e.blockingMethod(m)
		e.waitType(m)
	}
	e.F.Break()
	e.directType()
	for i, m := range e.Iface.Methods {
		if i%16 == 15 {
			e.F.Break()
		}
		if m.Stream != nil {
			e.streamDirect(m)
			continue
		}
		e.directMethod(m)
	}
}
