package blocking

import (
	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
	t "github.com/shimgen/shimgen/templates"
)

// method emits one method of the blocking form over a callback
// implementation and what it needs.
func (e *emitter) method(m *spec.Method) {
	switch m.Kind {
	case spec.Unary:
		e.unaryMethod(m)
		e.waitType(m)
		e.invokeFunc(m)
	case spec.ServerStream:
		e.streamMethod(m)
		if t.Packed(m) {
			e.invokeStream(m)
		}
	case spec.ClientStream:
		e.sendMethod(m)
		e.sendWait(m)
	case spec.BidiStream:
		e.bidiMethod(m)
		e.bidiWait(m)
	default:
		e.U.Fail(t.Unsupported(m))
	}
}

// unaryMethod emits
//
//	func (b *bucketBlocking) Get(ctx context.Context, key string) (data []byte, found bool, err error) {
//		w := &bucketGetWait{impl: b.impl, key: key}
//		err = b.rt.WaitFunc(ctx, &bucketGetMethod, &w.wait, w, bucketGetInvoke)
//		return w.data, w.found, err // a handle as fileBlockingOf(w.f, b.rt)
//	}
//
// A method with `error: false` hands the error to the runtime instead:
//
//	b.rt.Unreturned(b.rt.WaitFunc(ctx, &fileNameMethod, &w.wait, w, fileNameInvoke))
//	return w.name
func (e *emitter) unaryMethod(m *spec.Method) {
	recv, w := t.Fresh("b", e.Taken), t.Fresh("w", e.Taken)
	body := []jen.Code{jen.Id(w).Op(":=").Add(t.NewState(e.N.WaitType(m), m, jen.Id(e.Field("impl")), jen.Id(recv).Dot("impl")))}
	wait := jen.Id(recv).Dot("rt").Dot("WaitFunc").Call(
		jen.Id("ctx"), t.Descriptor(e.N, m), jen.Op("&").Id(w).Dot(e.Field("wait")), jen.Id(w), jen.Id(e.N.InvokeFunc(m)),
	)
	res := t.Selectors(w, m.Results)
	for i, p := range m.Results {
		res[i] = e.U.ToBlocking(p, res[i], jen.Id(recv).Dot("rt"))
	}
	switch {
	case m.NoError:
		body = append(body, jen.Id(recv).Dot("rt").Dot("Unreturned").Call(wait))
		if len(res) > 0 {
			body = append(body, jen.Return(res...))
		}
	case len(m.Results) == 0:
		body = append(body, jen.Return(wait))
	default:
		body = append(body, jen.Id("err").Op("=").Add(wait), jen.Return(append(res, jen.Id("err"))...))
	}
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(e.N.BlockingType)).Id(m.Name).
		Params(e.U.Params(m, true)...).Add(e.U.Results(m)).Block(body...)
}

// waitType emits the state of one call:
//
//	type bucketGetWait struct {
//		wait  runtimes.Wait
//		impl  BucketAsync
//		key   string
//		data  []byte
//		found bool
//	}
func (e *emitter) waitType(m *spec.Method) {
	name := e.N.WaitType(m)
	e.F.Line()
	e.F.Type().Id(name).Struct(e.U.StateFields(m, true,
		jen.Id(e.Field("wait")).Qual(t.RuntimesPath, "Wait"),
		jen.Id(e.Field("impl")).Id(e.N.Async),
	)...)
}

// invokeFunc emits the function that calls the callback implementation
// with a done that completes the wait, the first time only:
//
//	func bucketGetInvoke(p any, ctx context.Context) {
//		w := p.(*bucketGetWait)
//		w.impl.Get(ctx, w.key, func(data []byte, found bool, err error) {
//			if w.wait.Claim() {
//				w.data, w.found = data, found
//				w.wait.Finish(err)
//			}
//		})
//	}
//
// The names p and w are chosen clear of the qualifiers the result types
// use, since the done literal's signature is in their scope.
func (e *emitter) invokeFunc(m *spec.Method) {
	name := e.N.InvokeFunc(m)
	p, w := t.Fresh("p", e.Taken), t.Fresh("w", e.Taken)
	wait := e.Field("wait")
	claim := []jen.Code{}
	if len(m.Results) > 0 {
		claim = append(claim, jen.List(t.Selectors(w, m.Results)...).Op("=").List(t.Idents(m.Results)...))
	}
	claim = append(claim, jen.Id(w).Dot(wait).Dot("Finish").Call(jen.Id("err")))
	done := jen.Func().Params(e.U.DoneParams(m)...).Block(
		jen.If(jen.Id(w).Dot(wait).Dot("Claim").Call()).Block(claim...),
	)
	args := append(append([]jen.Code{jen.Id("ctx")}, t.Selectors(w, m.Params)...), done)
	e.F.Line()
	e.F.Func().Id(name).Params(jen.Id(p).Any(), t.Ctx()).Block(
		jen.Id(w).Op(":=").Id(p).Assert(jen.Op("*").Id(e.N.WaitType(m))),
		jen.Id(w).Dot(e.Field("impl")).Dot(m.Name).Call(args...),
	)
}

// streamMethod emits a streaming method; a runtimes helper does the work:
//
//	func (b *bucketBlocking) List(ctx context.Context, prefix string) iter.Seq2[Entry, error] {
//		return runtimes.AwaitStreamP1(b.rt, ctx, &bucketListMethod, b.impl, prefix, BucketAsync.List)
//	}
//
// A handle item is turned into its blocking form on the way:
//
//	seq := runtimes.AwaitStreamP1(b.rt, ctx, &fsWalkMethod, b.impl, dir, FsAsync.Walk)
//	return func(yield func(File, error) bool) {
//		for h, err := range seq {
//			if !yield(fileBlockingOf(h, b.rt), err) {
//				return
//			}
//		}
//	}
func (e *emitter) streamMethod(m *spec.Method) {
	recv := t.Fresh("b", e.Taken)
	await := t.Helper("AwaitStream", m).Call(t.HelperArgs(e.N, recv, m, true)...)
	body := []jen.Code{jen.Return(await)}
	if e.U.Handle(m.Stream) != nil {
		body = e.mapSeq(m, await, func(h jen.Code) jen.Code { return e.U.ToBlocking(m.Stream, h, jen.Id(recv).Dot("rt")) })
	}
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(e.N.BlockingType)).Id(m.Name).
		Params(e.U.Params(m, true)...).Add(e.U.Results(m)).Block(body...)
}

// invokeStream emits the function that calls a packed streaming method of
// a callback implementation:
//
//	func bucketScanInvoke(impl BucketAsync, ctx context.Context, a bucketScanArgs, each func(Entry) bool, done func(error)) {
//		impl.Scan(ctx, a.a, a.b, a.c, a.d, a.e, each, done)
//	}
func (e *emitter) invokeStream(m *spec.Method) {
	name := e.N.InvokeFunc(m)
	impl, a := t.Fresh("impl", e.Taken), t.Fresh("a", e.Taken)
	args := append(t.Unpack(m, a, false), jen.Id("each"), jen.Id("done"))
	e.F.Line()
	e.F.Commentf("%s calls %s of a callback implementation with packed parameters.", name, m.Name)
	e.F.Func().Id(name).Params(
		jen.Id(impl).Id(e.N.Async), t.Ctx(), jen.Id(a).Id(e.N.ArgsType(m)),
		jen.Id("each").Add(e.U.EachType(m, false)), jen.Id("done").Func().Params(jen.Error()),
	).Block(jen.Id(impl).Dot(m.Name).Call(args...))
}

// mapSeq renders the body of a streaming method that converts the handles
// of the stream seq yields:
//
//	seq := …
//	return func(yield func(File, error) bool) {
//		for h, err := range seq {
//			if !yield(conv(h), err) {
//				return
//			}
//		}
//	}
func (e *emitter) mapSeq(m *spec.Method, seq jen.Code, conv func(h jen.Code) jen.Code) []jen.Code {
	s, yield, h := t.Fresh("seq", e.Taken), t.Fresh("yield", e.Taken), t.Fresh("h", e.Taken)
	return []jen.Code{
		jen.Id(s).Op(":=").Add(seq),
		jen.Return(jen.Func().Params(jen.Id(yield).Func().Params(e.U.Item(m), jen.Error()).Bool()).Block(
			jen.For(jen.List(jen.Id(h), jen.Id("err")).Op(":=").Range().Id(s)).Block(
				jen.If(jen.Op("!").Id(yield).Call(conv(jen.Id(h)), jen.Id("err"))).Block(jen.Return()),
			),
		)),
	}
}
