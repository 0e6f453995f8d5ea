package blocking

import (
	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
	t "github.com/shimgen/shimgen/templates"
)

// A client or bidirectional stream of the blocking form over a callback
// implementation keeps its call in a state struct whose methods call the
// implementation and take its completion; a runtimes helper sends the
// caller's items, paced by the returned Sender, and waits.

// sendMethod emits a client stream over a callback implementation:
//
//	func (b *bucketBlocking) Upload(ctx context.Context, key string, chunks iter.Seq[[]byte]) (written int64, err error) {
//		w := &bucketUploadWait{impl: b.impl, key: key}
//		err = runtimes.AwaitSend(b.rt, ctx, &bucketUploadMethod, &w.wait, chunks, w.invoke)
//		return w.written, err
//	}
func (e *emitter) sendMethod(m *spec.Method) {
	recv, w := t.Fresh("b", e.Taken), t.Fresh("w", e.Taken)
	await := jen.Qual(t.RuntimesPath, "AwaitSend").Call(
		jen.Id(recv).Dot("rt"), jen.Id("ctx"), t.Descriptor(e.N, m), jen.Op("&").Id(w).Dot(e.Field("wait")),
		jen.Id(m.SendsName()), jen.Id(w).Dot(e.Field("invoke")),
	)
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(e.N.BlockingType)).Id(m.Name).
		Params(e.U.Params(m, true)...).Add(e.U.Results(m)).
		Block(e.stateCall(m, w, e.N.WaitType(m), recv, await)...)
}

// stateCall renders the body of a client stream's method: its state v of
// type typ made with the implementation of recv and the parameters, the
// call of the runtimes helper, and the results read back from the state:
//
//	w := &bucketUploadWait{impl: b.impl, key: key}
//	err = runtimes.AwaitSend(…)
//	return w.written, err
func (e *emitter) stateCall(m *spec.Method, v, typ, recv string, call jen.Code) []jen.Code {
	body := []jen.Code{jen.Id(v).Op(":=").Add(t.NewState(typ, m, jen.Id(e.Field("impl")), jen.Id(recv).Dot("impl")))}
	if len(m.Results) == 0 {
		return append(body, jen.Return(call))
	}
	return append(body, jen.Id("err").Op("=").Add(call), jen.Return(append(t.Selectors(v, m.Results), jen.Id("err"))...))
}

// sendWait emits the state of one client stream call and its methods:
//
//	type bucketUploadWait struct {
//		wait    runtimes.Wait
//		impl    BucketAsync
//		key     string
//		written int64
//	}
//
//	func (w *bucketUploadWait) invoke(ctx context.Context) runtimes.Sender[[]byte] {
//		return w.impl.Upload(ctx, w.key, w.end)
//	}
//
//	func (w *bucketUploadWait) end(written int64, err error) {
//		if w.wait.Claim() {
//			w.written = written
//			w.wait.Finish(err)
//		}
//	}
func (e *emitter) sendWait(m *spec.Method) {
	name, w, wait := e.N.WaitType(m), t.Fresh("w", e.Taken), e.Field("wait")
	e.F.Line()
	e.F.Type().Id(name).Struct(e.U.StateFields(m, true,
		jen.Id(wait).Qual(t.RuntimesPath, "Wait"),
		jen.Id(e.Field("impl")).Id(e.N.Async),
	)...)
	args := append(append([]jen.Code{jen.Id("ctx")}, t.Selectors(w, m.Params)...), jen.Id(w).Dot(e.Field("end")))
	e.F.Line()
	e.F.Func().Params(jen.Id(w).Op("*").Id(name)).Id(e.Field("invoke")).Params(t.Ctx()).Add(e.U.Sender(m)).Block(
		jen.Return(jen.Id(w).Dot(e.Field("impl")).Dot(m.Name).Call(args...)),
	)
	var claim []jen.Code
	if len(m.Results) > 0 {
		claim = append(claim, jen.List(t.Selectors(w, m.Results)...).Op("=").List(t.Idents(m.Results)...))
	}
	claim = append(claim, jen.Id(w).Dot(wait).Dot("Finish").Call(jen.Id("err")))
	e.F.Line()
	e.F.Func().Params(jen.Id(w).Op("*").Id(name)).Id(e.Field("end")).Params(e.U.DoneParams(m)...).Block(
		jen.If(jen.Id(w).Dot(wait).Dot("Claim").Call()).Block(claim...),
	)
}

// bidiMethod emits a bidirectional stream over a callback implementation:
//
//	func (b *cacheBlocking) Watch(ctx context.Context, prefix string, watches iter.Seq[Watch]) iter.Seq2[Change, error] {
//		w := &cacheWatchWait{impl: b.impl, prefix: prefix}
//		return runtimes.AwaitBidi(b.rt, ctx, &cacheWatchMethod, watches, w.invoke)
//	}
func (e *emitter) bidiMethod(m *spec.Method) {
	recv, w := t.Fresh("b", e.Taken), t.Fresh("w", e.Taken)
	await := jen.Qual(t.RuntimesPath, "AwaitBidi").Call(
		jen.Id(recv).Dot("rt"), jen.Id("ctx"), t.Descriptor(e.N, m), jen.Id(m.SendsName()), jen.Id(w).Dot(e.Field("invoke")),
	)
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(e.N.BlockingType)).Id(m.Name).
		Params(e.U.Params(m, true)...).Add(e.U.Results(m)).Block(
		jen.Id(w).Op(":=").Add(t.NewState(e.N.WaitType(m), m, jen.Id(e.Field("impl")), jen.Id(recv).Dot("impl"))),
		jen.Return(await),
	)
}

// bidiWait emits the state of one bidirectional stream call:
//
//	type cacheWatchWait struct {
//		impl   CacheAsync
//		prefix string
//	}
//
//	func (w *cacheWatchWait) invoke(ctx context.Context, each func(Change) bool, done func(error)) runtimes.Sender[Watch] {
//		return w.impl.Watch(ctx, w.prefix, each, done)
//	}
func (e *emitter) bidiWait(m *spec.Method) {
	name, w := e.N.WaitType(m), t.Fresh("w", e.Taken)
	e.F.Line()
	e.F.Type().Id(name).Struct(append([]jen.Code{jen.Id(e.Field("impl")).Id(e.N.Async)}, e.U.Fields(m.Params)...)...)
	args := append(append([]jen.Code{jen.Id("ctx")}, t.Selectors(w, m.Params)...), jen.Id("each"), jen.Id("done"))
	e.F.Line()
	e.F.Func().Params(jen.Id(w).Op("*").Id(name)).Id(e.Field("invoke")).Params(
		t.Ctx(), jen.Id("each").Add(e.U.EachType(m, false)), jen.Id("done").Func().Params(jen.Error()),
	).Add(e.U.Sender(m)).Block(
		jen.Return(jen.Id(w).Dot(e.Field("impl")).Dot(m.Name).Call(args...)),
	)
}

// directBidi emits a bidirectional stream of the direct form:
//
//	func (d *cacheDirect) Watch(ctx context.Context, prefix string, watches iter.Seq[Watch]) iter.Seq2[Change, error] {
//		c := &cacheWatchDirect{impl: d.impl, prefix: prefix}
//		return runtimes.DirectBidi(d.rt, ctx, &cacheWatchMethod, watches, c.open)
//	}
//
//	type cacheWatchDirect struct {
//		impl   Cache
//		prefix string
//	}
//
//	func (c *cacheWatchDirect) open(ctx context.Context, items iter.Seq[Watch]) iter.Seq2[Change, error] {
//		return c.impl.Watch(ctx, c.prefix, items)
//	}
func (e *emitter) directBidi(m *spec.Method) {
	recv, c := t.Fresh("d", e.Taken), t.Fresh("c", e.Taken)
	direct := jen.Qual(t.RuntimesPath, "DirectBidi").Call(
		jen.Id(recv).Dot("rt"), jen.Id("ctx"), t.Descriptor(e.N, m), jen.Id(m.SendsName()), jen.Id(c).Dot(e.Field("open")),
	)
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(e.N.DirectType)).Id(m.Name).
		Params(e.U.Params(m, true)...).Add(e.U.Results(m)).Block(
		jen.Id(c).Op(":=").Add(t.NewState(e.N.DirectCall(m), m, jen.Id(e.Field("impl")), jen.Id(recv).Dot("impl"))),
		jen.Return(direct),
	)
}

// directBidiState emits the state directBidi uses.
func (e *emitter) directBidiState(m *spec.Method) {
	name, c, items := e.N.DirectCall(m), t.Fresh("c", e.Taken), t.Fresh("items", e.Taken)
	e.F.Line()
	e.F.Type().Id(name).Struct(append([]jen.Code{jen.Id(e.Field("impl")).Id(e.N.Blocking)}, e.U.Fields(m.Params)...)...)
	args := append(append([]jen.Code{jen.Id("ctx")}, t.Selectors(c, m.Params)...), jen.Id(items))
	e.F.Line()
	e.F.Func().Params(jen.Id(c).Op("*").Id(name)).Id(e.Field("open")).
		Params(t.Ctx(), jen.Id(items).Add(e.U.SendSeq(m))).Add(e.U.Seq(m)).Block(
		jen.Return(jen.Id(c).Dot(e.Field("impl")).Dot(m.Name).Call(args...)),
	)
}

// directSend emits a client stream of the direct form:
//
//	func (d *bucketDirect) Upload(ctx context.Context, key string, chunks iter.Seq[[]byte]) (written int64, err error) {
//		c := &bucketUploadDirect{impl: d.impl, key: key}
//		err = runtimes.DirectSend(d.rt, ctx, &bucketUploadMethod, chunks, c.run)
//		return c.written, err
//	}
func (e *emitter) directSend(m *spec.Method) {
	recv, c := t.Fresh("d", e.Taken), t.Fresh("c", e.Taken)
	direct := jen.Qual(t.RuntimesPath, "DirectSend").Call(
		jen.Id(recv).Dot("rt"), jen.Id("ctx"), t.Descriptor(e.N, m), jen.Id(m.SendsName()), jen.Id(c).Dot(e.Field("run")),
	)
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(e.N.DirectType)).Id(m.Name).
		Params(e.U.Params(m, true)...).Add(e.U.Results(m)).
		Block(e.stateCall(m, c, e.N.DirectCall(m), recv, direct)...)
}

// directSendState emits the state directSend uses:
//
//	type bucketUploadDirect struct {
//		impl    Bucket
//		key     string
//		written int64
//	}
//
//	func (c *bucketUploadDirect) run(ctx context.Context, items iter.Seq[[]byte]) (err error) {
//		c.written, err = c.impl.Upload(ctx, c.key, items)
//		return err
//	}
func (e *emitter) directSendState(m *spec.Method) {
	name, c, items := e.N.DirectCall(m), t.Fresh("c", e.Taken), t.Fresh("items", e.Taken)
	e.F.Line()
	e.F.Type().Id(name).Struct(e.U.StateFields(m, false, jen.Id(e.Field("impl")).Id(e.N.Blocking))...)
	args := append(append([]jen.Code{jen.Id("ctx")}, t.Selectors(c, m.Params)...), jen.Id(items))
	call := jen.Id(c).Dot(e.Field("impl")).Dot(m.Name).Call(args...)
	body := []jen.Code{jen.Return(call)}
	if len(m.Results) > 0 {
		body = []jen.Code{jen.List(append(t.Selectors(c, m.Results), jen.Id("err"))...).Op("=").Add(call), jen.Return(jen.Id("err"))}
	}
	e.F.Line()
	e.F.Func().Params(jen.Id(c).Op("*").Id(name)).Id(e.Field("run")).
		Params(t.Ctx(), jen.Id(items).Add(e.U.SendSeq(m))).Params(jen.Id("err").Error()).Block(body...)
}
