// Package common emits the part of a spec's generated code that every form
// relies on (file NAME_shim.go): the guard constant that ties the forms'
// files to one version of the spec and of the runtimes contract, the
// per-method timeout constants, and for streaming methods with more
// parameters than the runtimes helpers take one by one, the struct that
// carries them and the function that calls a blocking implementation with
// it. No form declares anything another form uses. It writes Go with
// github.com/dave/jennifer, not text templates.
package common

import (
	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
	t "github.com/shimgen/shimgen/templates"
)

// Part is the common part, registered before the forms.
type Part struct{}

// Name implements templates.Form.
func (Part) Name() string { return "common" }

// Suffix implements templates.Form.
func (Part) Suffix() string { return "_shim.go" }

// Locals implements templates.Form: the adapters bind ctx.
func (Part) Locals(spec.MethodKind) []string { return []string{"ctx"} }

// Declares implements templates.Form.
func (Part) Declares(iface *spec.Interface) []t.Decl {
	n := t.NamesOf(iface)
	var out []t.Decl
	for _, m := range iface.Methods {
		out = append(out, t.Decl{Name: n.MethodVar(m)})
		if m.Timeout > 0 {
			out = append(out, t.Decl{Name: n.TimeoutConst(m)})
		}
		if t.Packed(m) {
			out = append(out, t.Decl{Name: n.ArgsType(m)}, t.Decl{Name: n.OpenFunc(m)})
		}
	}
	return out
}

// Emit implements templates.Form.
func (Part) Emit(u *t.Unit, f *jen.File) error {
	guard(f, u)
	timeouts(f, u)
	descriptors(f, u)
	if u.HasExtern() {
		u.EmitHandleFunc(f)
	}
	for _, iface := range u.Spec.Interfaces {
		e := emitter{t.NewScope(u, f, iface)}
		for _, m := range iface.Methods {
			e.method(m)
		}
	}
	return u.Err()
}

// guard emits
//
//	const shimgenBlob1a2b3c4d = runtimes.Generated3
//
// which every form's file names: files generated from different versions
// of the spec do not compile together, and none compiles against a runtimes
// module that does not speak this generator's contract.
func guard(f *jen.File, u *t.Unit) {
	f.Commentf("%s ties the files generated from %s together:", u.Guard, u.Source)
	f.Comment("each names it, so files from different versions of the spec do not")
	f.Comment("compile together. If the build fails on it, run shimgen to regenerate them.")
	f.Const().Id(u.Guard).Op("=").Qual(t.RuntimesPath, "Generated3")
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
	f.Line()
	f.Comment("Per-call deadlines from " + u.Source + ", applied by every form.")
	f.Const().Defs(defs...)
}

// descriptors emits one runtimes.Method per method, which every form
// passes to the runtime: the names observers see, and the timeout.
//
//	var (
//		bucketGetMethod  = runtimes.Method{Interface: "Bucket", Name: "Get", Timeout: bucketGetTimeout}
//		bucketStatMethod = runtimes.Method{Interface: "Bucket", Name: "Stat"}
//	)
func descriptors(f *jen.File, u *t.Unit) {
	var defs []jen.Code
	for _, iface := range u.Spec.Interfaces {
		n := t.NamesOf(iface)
		for _, m := range iface.Methods {
			fields := []jen.Code{jen.Id("Interface").Op(":").Lit(iface.Name), jen.Id("Name").Op(":").Lit(m.Name)}
			if m.Timeout > 0 {
				fields = append(fields, jen.Id("Timeout").Op(":").Id(n.TimeoutConst(m)))
			}
			defs = append(defs, jen.Id(n.MethodVar(m)).Op("=").Qual(t.RuntimesPath, "Method").Values(fields...))
		}
	}
	if len(defs) == 0 {
		return
	}
	f.Line()
	f.Comment("The methods of " + u.Source + ", as the runtime and its observers see them.")
	f.Var().Defs(defs...)
}

type emitter struct {
	t.Scope
}

// method emits what a packed streaming method needs.
func (e *emitter) method(m *spec.Method) {
	if !t.Packed(m) {
		return
	}
	e.F.Line()
	e.F.Commentf("%s carries the parameters of one %s call.", e.N.ArgsType(m), m.Name)
	e.F.Type().Id(e.N.ArgsType(m)).Struct(e.U.Fields(m.Params)...)
	e.openFunc(m)
}
