package adapt

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
	t "github.com/shimgen/shimgen/templates"
)

// origin renders the Go interface an interface was scaffolded from.
func origin(iface *spec.Interface) *jen.Statement {
	return jen.Qual(iface.From.Path, iface.From.Name)
}

// returnedAs renders the type original method m returns a handle of
// iface as: m's as, else iface's as, else its from.
func returnedAs(m *spec.Method, iface *spec.Interface) *jen.Statement {
	switch {
	case m.As != nil:
		return jen.Qual(m.As.Path, m.As.Name)
	case iface.As != nil:
		return jen.Qual(iface.As.Path, iface.As.Name)
	}
	return origin(iface)
}

// fromOriginal emits the adapter from the original interface to the
// blocking form:
//
//	// FSFromFSFS returns the blocking form FS of o, an fs.FS; ...
//	func FSFromFSFS(o fs.FS) FS {
//		if o == nil {
//			panic("FSFromFSFS: nil fs.FS")
//		}
//		return &fsFromFSFS{o: o}
//	}
//
//	type fsFromFSFS struct{ o fs.FS }
//
// and one method per method of the method set.
func (e emitter) fromOriginal() {
	f, n, o := e.F, e.n, e.Iface.From
	f.Line()
	f.Commentf("%s returns the blocking form %s of o (%s).", n.from, e.Iface.Name, o)
	f.Comment("A method the spec marks \"ctx: added\" calls o without ctx, which")
	f.Comment("cannot interrupt it; the others pass theirs on. It panics on a nil o.")
	f.Func().Id(n.from).Params(jen.Id("o").Add(origin(e.Iface))).Id(e.Iface.Name).Block(
		jen.If(jen.Id("o").Op("==").Nil()).Block(jen.Panic(jen.Lit(n.from+": nil "+o.String()))),
		jen.Return(jen.Op("&").Id(n.fromType).Values(jen.Dict{jen.Id("o"): jen.Id("o")})),
	)
	f.Line()
	f.Commentf("%s is the blocking form of an original %s,", n.fromType, o)
	f.Comment("or of another interface type an original method returns as this")
	f.Comment("handle: each method asserts the one it calls.")
	f.Type().Id(n.fromType).Struct(jen.Id("o").Any())
	e.staticCheck()
	if e.U.IsHandleTarget(e.Iface) {
		e.helper(n.fromOf, jen.Id("o").Any(), jen.Id(e.Iface.Name), jen.Id(n.fromType).Values(jen.Dict{jen.Id("o"): jen.Id("o")}), "o")
	}
	recv := t.Fresh("a", e.taken)
	for _, m := range e.Iface.MethodSet() {
		f.Line()
		f.Func().Params(jen.Id(recv).Op("*").Id(n.fromType)).Id(m.Name).Params(e.U.Params(m, true)...).Add(e.U.Results(m)).Block(
			e.fromBody(recv, m)...)
	}
}

// helper emits a nil-keeping conversion for handles:
//
//	func fileOfFSFile(o fs.File) File {
//		if o == nil {
//			return nil
//		}
//		return &fileFromFSFile{o: o}
//	}
func (e emitter) helper(name string, param, result, value jen.Code, v string, extra ...jen.Code) {
	e.F.Line()
	e.F.Commentf("%s converts handle %s, keeping a nil one nil.", name, v)
	e.F.Func().Id(name).Params(append([]jen.Code{param}, extra...)...).Add(result).Block(
		jen.If(jen.Id(v).Op("==").Nil()).Block(jen.Return(jen.Nil())),
		jen.Return(jen.Op("&").Add(value)),
	)
}

// fromBody is the body of a method of the adapter from the original:
//
//	o, ok := a.o.(interface{ Open(name string) (fs.File, error) })
//	if !ok {
//		return f, fmt.Errorf("%T has no method Open: %w", a.o, errors.ErrUnsupported)
//	}
//	r0, r1 := o.Open(name)           // o.Open(ctx, name) without "ctx: added"
//	return fileOfFSFile(r0), r1      // for a handle of another from
//
// or return a.o.Stat() when nothing is converted; for "error: carried",
// return r0, r0.Err(); for a stream, the original's sequence, its
// handles converted.
func (e emitter) fromBody(recv string, m *spec.Method) []jen.Code {
	o := t.Fresh("o", e.taken)
	head := []jen.Code{
		jen.List(jen.Id(o), jen.Id("ok")).Op(":=").Id(recv).Dot("o").Assert(jen.Interface(e.origMethod(m))),
		jen.If(jen.Op("!").Id("ok")).Block(e.missing(recv, m)),
	}
	call := jen.Id(o).Dot(m.Name).Call(originArgs(m)...)
	switch m.Kind {
	case spec.Unary:
		return append(head, e.fromUnary(m, call)...)
	case spec.ServerStream:
		return append(head, e.streamBody(m, call, e.U.Type(m.Stream, false), e.fromHandle)...)
	}
	e.unsupported(m)
	return nil
}

func (e emitter) fromUnary(m *spec.Method, call *jen.Statement) []jen.Code {
	n := len(m.Results)
	if !m.NoError && !m.CarriedError {
		n++
	}
	switch {
	case n == 0:
		return []jen.Code{call}
	case !m.CarriedError && !e.U.HasHandle(m):
		return []jen.Code{jen.Return(call)}
	}
	// The results are named in the blocking form: fresh locals take the
	// original's, whose types differ for a handle.
	vars := make([]jen.Code, n)
	ret := make([]jen.Code, 0, n+1)
	for i := range vars {
		v := t.Fresh(fmt.Sprintf("r%d", i), e.taken)
		vars[i] = jen.Id(v)
		if i < len(m.Results) {
			ret = append(ret, e.fromHandle(m.Results[i], jen.Id(v)))
		} else {
			ret = append(ret, jen.Id(v))
		}
	}
	if m.CarriedError {
		ret = append(ret, jen.Add(vars[n-1]).Dot("Err").Call())
	}
	return []jen.Code{jen.List(vars...).Op(":=").Add(call), jen.Return(ret...)}
}

// originArgs are the arguments of a call of the original method: ctx
// unless the spec added it, then the parameters, a variadic one spread.
func originArgs(m *spec.Method) []jen.Code {
	args := t.Spread(m)
	if m.AddedContext {
		return args[1:]
	}
	return args
}

// fromHandle converts v, result or stream item p from the original, to
// the blocking form: the helper of a handle whose interface has a from.
func (e emitter) fromHandle(p *spec.Param, v jen.Code) jen.Code {
	if h := e.U.LocalHandle(p); h != nil && h.From != nil {
		return jen.Id(namesOf(h).fromOf).Call(v)
	}
	return v
}
