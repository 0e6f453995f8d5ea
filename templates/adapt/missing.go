package adapt

import (
	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
	t "github.com/shimgen/shimgen/templates"
)

// origMethod renders m as the original declares it, for an interface
// literal: Open(name string) (fs.File, error).
func (e emitter) origMethod(m *spec.Method) jen.Code {
	return jen.Id(m.Name).Params(e.toParams(m)...).Add(e.toResults(m))
}

// staticCheck emits the assertion that the original has every method of
// the method set as the spec says, so that a mismatch fails to compile:
//
//	var _ interface {
//		Open(name string) (fs.File, error)
//	} = fs.FS(nil)
func (e emitter) staticCheck() {
	var ms []jen.Code
	for _, m := range e.Iface.MethodSet() {
		ms = append(ms, e.origMethod(m))
	}
	e.F.Line()
	e.F.Commentf("The original %s has the methods of the spec.", e.Iface.From)
	e.F.Var().Id("_").Interface(ms...).Op("=").Add(origin(e.Iface)).Call(jen.Nil())
}

// missing is what a method of the adapter from the original does when the
// value it adapts lacks the method (a handle some original method returns
// as a narrower type, such as an fs.File that is no fs.ReadDirFile):
//
//	return entries, fmt.Errorf("%T has no method ReadDir: %w", a.o, errors.ErrUnsupported)
//
// a stream yields that error; a method without an error result panics
// with it.
func (e emitter) missing(recv string, m *spec.Method) jen.Code {
	err := jen.Qual("fmt", "Errorf").Call(jen.Lit("%T has no method "+m.Name+": %w"), jen.Id(recv).Dot("o"), jen.Qual("errors", "ErrUnsupported"))
	switch {
	case m.Kind.Streams():
		yield := t.Fresh("yield", e.taken)
		return jen.Return(jen.Func().Params(jen.Id(yield).Func().Params(e.U.Type(m.Stream, false), jen.Error()).Bool()).Block(
			jen.Var().Id("zero").Add(e.U.Type(m.Stream, false)),
			jen.Id(yield).Call(jen.Id("zero"), err),
		))
	case m.NoError:
		return jen.Panic(err)
	}
	return jen.Return(append(t.Idents(m.Results), err)...)
}
