package adapt

import (
	"go/ast"

	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
	t "github.com/shimgen/shimgen/templates"
)

// toOriginal emits the adapter from the blocking form back to the
// original interface:
//
//	// FSFSFromFS returns an fs.FS that calls impl; ...
//	func FSFSFromFS(impl FS, ctx context.Context) fs.FS {
//		if impl == nil || ctx == nil {
//			panic("FSFSFromFS: nil FS or ctx")
//		}
//		return &fsfsFromFS{impl: impl, ctx: ctx}
//	}
//
//	type fsfsFromFS struct {
//		fs.FS // nil: a method of fs.FS the spec lacks panics
//		impl FS
//		ctx  context.Context
//	}
//
// and one method per method of the method set.
func (e emitter) toOriginal() {
	f, n, o := e.F, e.n, e.Iface.From
	x := e.Iface.Name
	f.Line()
	f.Commentf("%s returns an original %s that calls impl, the blocking form %s.", n.to, o, x)
	f.Comment("A method the spec marks \"ctx: added\" gets ctx, the others their caller's;")
	f.Comment("a method of the original the spec lacks panics. It panics on a nil impl or ctx.")
	f.Func().Id(n.to).Params(jen.Id("impl").Id(x), t.Ctx()).Add(origin(e.Iface)).Block(
		jen.If(jen.Id("impl").Op("==").Nil().Op("||").Id("ctx").Op("==").Nil()).Block(
			jen.Panic(jen.Lit(n.to+": nil "+x+" or ctx"))),
		jen.Return(jen.Op("&").Id(n.toType).Values(toFields())),
	)
	f.Line()
	f.Commentf("%s is an original %s over the blocking form %s.", n.toType, o, x)
	f.Type().Id(n.toType).Struct(
		origin(e.Iface).Comment("nil: the methods the spec lacks panic"),
		jen.Id("impl").Id(x),
		jen.Id("ctx").Qual(t.ContextPath, "Context"),
	)
	if e.U.IsHandleTarget(e.Iface) {
		e.helper(n.toOf, jen.Id("impl").Id(x), origin(e.Iface), jen.Id(n.toType).Values(toFields()), "impl", t.Ctx())
	}
	recv := t.Fresh("a", e.taken)
	for _, m := range e.Iface.MethodSet() {
		f.Line()
		f.Func().Params(jen.Id(recv).Op("*").Id(n.toType)).Id(m.Name).Params(e.toParams(m)...).Add(e.toResults(m)).Block(
			e.toBody(recv, m)...)
	}
}

func toFields() jen.Dict {
	return jen.Dict{jen.Id("impl"): jen.Id("impl"), jen.Id("ctx"): jen.Id("ctx")}
}

// toParams are the original method's parameters: the spec's, after ctx
// unless the spec added it.
func (e emitter) toParams(m *spec.Method) []jen.Code {
	ps := e.U.Params(m, true)
	if m.AddedContext {
		return ps[1:]
	}
	return ps
}

// toResults is the original method's result list: the spec's results (a
// handle as its interface's from), then error unless the method has none
// or carries it; a stream's sequence.
func (e emitter) toResults(m *spec.Method) jen.Code {
	if m.Kind.Streams() {
		return jen.Qual(t.IterPath, "Seq2").Types(e.origType(m, m.Stream), jen.Error())
	}
	var rs []jen.Code
	for _, p := range m.Results {
		rs = append(rs, e.origType(m, p))
	}
	if !m.NoError && !m.CarriedError {
		rs = append(rs, jen.Error())
	}
	return jen.Params(rs...)
}

// origType is the type of result p of m in the original: what m returns
// a handle as, else p's type. The helper converting a handle gives its
// from, which the type m returns it as is assigned from.
func (e emitter) origType(m *spec.Method, p *spec.Param) jen.Code {
	if h := e.U.LocalHandle(p); h != nil && h.From != nil {
		return returnedAs(m, h)
	}
	return e.U.Type(p, false)
}

// toBody is the body of a method of the adapter to the original:
//
//	f, err := a.impl.Open(a.ctx, name)    // ctx without "ctx: added"
//	return fsFileOfFile(f, a.ctx), err    // for a handle of another from
//
// or, for "error: carried",
//
//	cmd, err := a.impl.Get(ctx, key)
//	if err != nil {
//		if cmd == nil {
//			cmd = new(redis.StringCmd)
//		}
//		cmd.SetErr(err)
//	}
//	return cmd
func (e emitter) toBody(recv string, m *spec.Method) []jen.Code {
	args := t.Spread(m)
	if m.AddedContext {
		args[0] = jen.Id(recv).Dot("ctx")
	}
	call := jen.Id(recv).Dot("impl").Dot(m.Name).Call(args...)
	conv := func(p *spec.Param, v jen.Code) jen.Code { return e.toHandle(recv, p, v) }
	switch m.Kind {
	case spec.Unary:
		return e.toUnary(m, call, conv)
	case spec.ServerStream:
		return e.streamBody(m, call, e.origType(m, m.Stream), conv)
	}
	e.unsupported(m)
	return nil
}

func (e emitter) toUnary(m *spec.Method, call *jen.Statement, conv func(*spec.Param, jen.Code) jen.Code) []jen.Code {
	vars := t.Idents(m.Results)
	if !m.NoError {
		vars = append(vars, jen.Id("err"))
	}
	var ret []jen.Code
	for _, p := range m.Results {
		ret = append(ret, conv(p, jen.Id(p.Name)))
	}
	if !m.NoError && !m.CarriedError {
		ret = append(ret, jen.Id("err"))
	}
	if len(vars) == 0 {
		return []jen.Code{call}
	}
	body := []jen.Code{jen.List(vars...).Op(":=").Add(call)}
	if m.CarriedError {
		body = append(body, e.carry(m.Results[len(m.Results)-1]))
	}
	return append(body, jen.Return(ret...))
}

// carry gives err back to the original's caller in the last result, as
// the original carries it: a new one when there is none.
func (e emitter) carry(last *spec.Param) jen.Code {
	elem, err := t.Type(last.Type.(*ast.StarExpr).X, e.U.Spec.ImportPath)
	if err != nil {
		e.U.Fail(err)
	}
	v := jen.Id(last.Name)
	return jen.If(jen.Id("err").Op("!=").Nil()).Block(
		jen.If(v.Clone().Op("==").Nil()).Block(v.Clone().Op("=").New(elem)),
		v.Clone().Dot("SetErr").Call(jen.Id("err")),
	)
}

// toHandle converts v, result or stream item p of the blocking form, to
// the original: the helper of a handle whose interface has a from.
func (e emitter) toHandle(recv string, p *spec.Param, v jen.Code) jen.Code {
	if h := e.U.LocalHandle(p); h != nil && h.From != nil {
		return jen.Id(namesOf(h).toOf).Call(v, jen.Id(recv).Dot("ctx"))
	}
	return v
}

// streamBody returns the stream of call, each handle item converted:
//
//	return func(yield func(fs.File, error) bool) {
//		for v, err := range a.impl.Walk(ctx, prefix) {
//			if !yield(fsFileOfFile(v, a.ctx), err) {
//				return
//			}
//		}
//	}
func (e emitter) streamBody(m *spec.Method, call *jen.Statement, item jen.Code, conv func(*spec.Param, jen.Code) jen.Code) []jen.Code {
	if h := e.U.LocalHandle(m.Stream); h == nil || h.From == nil {
		return []jen.Code{jen.Return(call)}
	}
	v, yield := t.Fresh("v", e.taken), t.Fresh("yield", e.taken)
	return []jen.Code{jen.Return(jen.Func().Params(jen.Id(yield).Func().Params(item, jen.Error()).Bool()).Block(
		jen.For(jen.List(jen.Id(v), jen.Id("err")).Op(":=").Range().Add(call)).Block(
			jen.If(jen.Op("!").Id(yield).Call(conv(m.Stream, jen.Id(v)), jen.Id("err"))).Block(jen.Return()),
		),
	))}
}
