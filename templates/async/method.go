package async

import (
	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
	t "github.com/shimgen/shimgen/templates"
)

// asyncMethod emits one method of the callback form over a blocking
// implementation; a runtimes helper does the work:
//
//	func (a *bucketAsync) Get(ctx context.Context, key string, done func(data []byte, found bool, err error)) {
//		runtimes.Start2(a.rt, ctx, bucketGetTimeout, a.impl, key, Bucket.Get, done)
//	}
//
//	func (a *bucketAsync) List(ctx context.Context, prefix string, each func(entry Entry) bool, done func(err error)) {
//		runtimes.StartStream(a.rt, ctx, 0, a.impl, prefix, Bucket.List, each, done)
//	}
func (e *emitter) asyncMethod(m *spec.Method) {
	recv := t.Fresh("a", e.Taken)
	fn := jen.Id(e.N.Blocking).Dot(m.Name)
	if !t.CallsDirectly(m) {
		fn = jen.Id(e.N.CallFunc(m))
	}
	args := []jen.Code{jen.Id(recv).Dot("rt"), jen.Id("ctx"), t.Timeout(e.N, m), jen.Id(recv).Dot("impl"), t.ArgsValue(e.N, m), fn}
	if m.Kind.Streams() {
		args = append(args, jen.Id("each"))
	}
	e.F.Line()
	e.F.Func().Params(jen.Id(recv).Op("*").Id(e.N.AsyncType)).Id(m.Name).
		Params(e.U.AsyncParams(m)...).Block(e.U.Helper("Start", m).Call(append(args, e.done(m)...)...))
}

// done is what the helper gets to complete the call: done itself, or for
// packed results done and the function that unpacks them.
func (e *emitter) done(m *spec.Method) []jen.Code {
	if !t.PacksResults(m) {
		return []jen.Code{jen.Id("done")}
	}
	return []jen.Code{jen.Id("done"), jen.Id(e.N.DeliverFunc(m))}
}

// deliverFunc emits the function that hands packed results to done:
//
//	func bucketWideDeliver(done func(a string, …, err error), r bucketWideResults, err error) {
//		done(r.a, r.b, r.c, r.d, r.e, err)
//	}
func (e *emitter) deliverFunc(m *spec.Method) {
	name := e.N.DeliverFunc(m)
	e.F.Line()
	e.F.Commentf("%s hands the packed results of %s to done.", name, m.Name)
	e.F.Func().Id(name).Params(
		jen.Id("done").Add(e.U.DoneType(m)), jen.Id("r").Id(e.N.ResultsType(m)), jen.Id("err").Error(),
	).Block(jen.Id("done").Call(append(t.Selectors("r", m.Results), jen.Id("err"))...))
}
