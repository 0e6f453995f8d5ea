package goja

import (
	"context"
	"fmt"
	"reflect"
	"runtime/debug"

	"github.com/dop251/goja"
	"github.com/shimgen/shimgen/runtimes"
)

var (
	ctxType   = reflect.TypeOf((*context.Context)(nil)).Elem()
	errorType = reflect.TypeOf((*error)(nil)).Elem()
	bytesType = reflect.TypeOf([]byte(nil))
	boolType  = reflect.TypeOf(false)
)

// Expose returns a JavaScript object with one method for each method of v
// of a callback form, calling v with context.Background(). It is
// ExposeContext(context.Background(), rt, vm, v).
func Expose(rt *runtimes.Runtime, vm *goja.Runtime, v any) *goja.Object {
	return ExposeContext(context.Background(), rt, vm, v)
}

// ExposeContext returns a JavaScript object with one method for each
// exported method of v that has a callback-form shape; other methods are
// left out. Every call passes ctx to v.
//
// rt must be the runtime built by [New] over the event loop that runs vm,
// and v must deliver its callbacks through rt (generated callback forms
// built with rt do); ExposeContext panics if rt was not built by New. The
// object must only be used on the loop, like vm.
//
// Shapes and JavaScript names (the method name with its first letter
// lower-cased, as goja.UncapFieldNameMapper does: Get becomes get):
//
//   - M(ctx, args..., done func(results..., err error)) becomes
//     m(args...), which returns a Promise. It is rejected with a JavaScript
//     error (a goja GoError: an Error whose message is err.Error() and whose
//     value property holds the Go error) when err is not nil; a panic of
//     the implementation arrives as a *runtimes.PanicError, whose message
//     starts with "runtimes: panic: ". Otherwise it is resolved with
//     undefined (no result), the result (one), or an array of the results
//     in order (several: const [data, found] = await bucket.get(k)).
//   - M(ctx, args..., each func(T) bool, done func(error)) becomes
//     m(args...), which returns at once (the stream starts right away) an
//     async iterator: next() returns a Promise of {value, done}, return()
//     stops the stream (each then returns false), and toArray() returns a
//     Promise of all the remaining items. goja has neither
//     Symbol.asyncIterator nor for await yet, so loop by hand:
//     for (let r = await it.next(); !r.done; r = await it.next()) { ... }
//     (when the vm defines Symbol.asyncIterator, the object is an async
//     iterable too). A stream error rejects the next() that follows the
//     last item, or toArray(). Items that arrive before JavaScript asks for
//     them are buffered without bound.
//   - M(ctx, args..., done func(results..., err error)) runtimes.Sender[T]
//     (a client stream) becomes m(args...), which starts the call and
//     returns a writer: write(v) converts v to T, hands it to the Sender
//     and returns a Promise resolved once the item was handed over and the
//     Sender is ready for the next (await w.write(v) is backpressure: at
//     most the runtime's stream window waits in Go), or rejected when the
//     item was refused (runtimes.ErrStreamDone once the call ended,
//     runtimes.ErrSendClosed after close(); a TypeError for an item of the
//     wrong type, which is not sent). Writes not awaited queue in
//     JavaScript, in order, without bound, and go out as room comes.
//     close() ends the send side after the items already written; abort()
//     cancels the call (its result rejects with context.Canceled); both
//     return result, a Promise of the call's results settled like a unary
//     call's: const n = await w.close(). Resolution of a write means the
//     item reached the stream, not that the implementation used it: the
//     result tells how the call ended. A writer neither closed nor aborted
//     keeps the implementation waiting for items (and the loop running)
//     until it returns or ctx ends.
//   - M(ctx, args..., each func(U) bool, done func(err error))
//     runtimes.Sender[T] (a bidirectional stream) becomes m(args...),
//     which returns the same writer, which is also the async iterator of
//     the replies, as for a server stream (next(), return(), toArray();
//     return() stops the replies: the implementation's next reply is
//     refused and the stream ends then, while abort() ends it at once;
//     replies that arrive before JavaScript asks for them are buffered
//     without bound); its result resolves with undefined at the end, or
//     rejects with the stream's error.
//
// The items of either may come from JavaScript instead: when the argument
// right after the method's own (m(args..., items)) is present and not
// undefined, it must be an iterable (an object with a Symbol.iterator
// method: an array, a Set, a generator object; a string primitive is not
// taken as one), else the call fails with a TypeError without starting.
// The bridge then pulls its items as the Sender has room (never more than
// the stream window ahead of the implementation), closes the send side
// after the last, and m returns the result Promise (client stream) or the
// writer and iterator (bidirectional, whose write() then rejects with
// runtimes.ErrSendClosed). An iterable that throws, or yields an item of
// the wrong type, cancels the call and the result rejects with that error;
// when the call ends first, the bridge stops pulling (it may have pulled
// one item it could not send) and calls the iterator's return() (a
// generator's finally runs). The iterable's items are the sent items: a
// Uint8Array passed there is a sequence of numbers, so pass [chunk] to send
// one chunk of a []byte stream. Detection is by
// position only: arguments after the items are ignored, and a call that
// leaves the items argument out or passes undefined gets the writer.
//
// Arguments are converted to the Go parameter types with vm.ExportTo; a
// missing or undefined argument is the zero value, extra arguments are
// ignored, and a conversion failure rejects the Promise (or the stream's
// first next(), or the stream's result and writes) with a TypeError. A
// []byte parameter or sent item accepts a string (its UTF-8 bytes), an
// ArrayBuffer, a typed array or DataView, or an array of numbers; the bytes
// are always copied, since the call reads them off the loop. Results and
// received items are converted with vm.ToValue, except []byte, which
// becomes a Uint8Array over the result's bytes (not copied), or null for a
// nil slice. Go structs appear with the vm's field name mapper; set
// vm.SetFieldNameMapper(goja.UncapFieldNameMapper()) for the same
// convention as method names.
//
// Each callback (done, each, and a Sender's OnReady) asserts that it runs
// on the loop (rt.OnLoop()) and panics otherwise, since touching vm off the
// loop would be a data race.
func ExposeContext(ctx context.Context, rt *runtimes.Runtime, vm *goja.Runtime, v any) *goja.Object {
	b, ok := rt.Loop().(*binding)
	if !ok {
		panic("goja: Expose with a runtime not built by goja.New")
	}
	x := &exposer{ctx: ctx, rt: rt, b: b, vm: vm}
	obj := vm.NewObject()
	rv := reflect.ValueOf(v)
	typ := rv.Type()
	mapper := goja.UncapFieldNameMapper()
	for i := 0; i < typ.NumMethod(); i++ {
		m := typ.Method(i)
		fn := rv.Method(i)
		name := mapper.MethodName(typ, m)
		switch shapeOf(fn.Type()) {
		case shapeCall:
			_ = obj.Set(name, x.call(m.Name, fn))
		case shapeStream:
			_ = obj.Set(name, x.stream(m.Name, fn))
		case shapeSend:
			_ = obj.Set(name, x.send(m.Name, fn, false))
		case shapeBidi:
			_ = obj.Set(name, x.send(m.Name, fn, true))
		}
	}
	return obj
}

// exposer builds the JavaScript methods of one exposed value.
type exposer struct {
	ctx context.Context
	rt  *runtimes.Runtime
	b   *binding
	vm  *goja.Runtime
}

// onLoop panics unless the caller is on the loop.
func (x *exposer) onLoop(method string) {
	if !x.rt.OnLoop() {
		panic(fmt.Sprintf("goja: a callback of %s ran off the event loop; the value must deliver through the runtime passed to Expose", method))
	}
}

// args converts the JavaScript arguments to the Go parameters in params.
func (x *exposer) args(call goja.FunctionCall, params []reflect.Type) ([]reflect.Value, error) {
	in := make([]reflect.Value, 0, len(params)+2)
	in = append(in, reflect.ValueOf(x.ctx))
	for i, t := range params {
		v, err := toGo(x.vm, call.Argument(i), t)
		if err != nil {
			return nil, fmt.Errorf("argument %d: %w", i+1, err)
		}
		in = append(in, v)
	}
	return in, nil
}

// invoke calls fn with in and returns its results, turning a synchronous
// panic into the error passed to fail (if the call has not completed yet)
// and nil results.
func invoke(fn reflect.Value, in []reflect.Value, fail func(error)) (out []reflect.Value) {
	defer func() {
		if p := recover(); p != nil {
			out = nil
			fail(&runtimes.PanicError{Value: p, Stack: debug.Stack()})
		}
	}()
	return fn.Call(in)
}

// call builds the JavaScript method of a call-shaped method.
func (x *exposer) call(name string, fn reflect.Value) func(goja.FunctionCall) goja.Value {
	t := fn.Type()
	params := make([]reflect.Type, t.NumIn()-2)
	for i := range params {
		params[i] = t.In(i + 1)
	}
	doneType := t.In(t.NumIn() - 1)
	return func(call goja.FunctionCall) goja.Value {
		x.b.enter()
		vm := x.vm
		p, resolve, reject := vm.NewPromise()
		in, err := x.args(call, params)
		if err != nil {
			_ = reject(vm.NewTypeError("%s: %v", name, err))
			return vm.ToValue(p)
		}
		settled := false
		settle := func(results []reflect.Value, err error) {
			if settled {
				return // a second completion: the runtime reports misuse
			}
			settled = true
			settlePromise(vm, resolve, reject, results, goError(vm, err))
		}
		done := reflect.MakeFunc(doneType, func(out []reflect.Value) []reflect.Value {
			x.onLoop(name)
			last := len(out) - 1
			err, _ := out[last].Interface().(error)
			settle(out[:last], err)
			return nil
		})
		invoke(fn, append(in, done), func(err error) { settle(nil, err) })
		return vm.ToValue(p)
	}
}

// goError is err as a JavaScript error, or nil.
func goError(vm *goja.Runtime, err error) goja.Value {
	if err == nil {
		return nil
	}
	return vm.NewGoError(err)
}

// settlePromise rejects a call's Promise with reason, or else resolves it
// with undefined (no result), the result (one) or an array of the results.
func settlePromise(vm *goja.Runtime, resolve, reject func(any) error, results []reflect.Value, reason goja.Value) {
	if reason != nil {
		_ = reject(reason)
		return
	}
	switch len(results) {
	case 0:
		_ = resolve(goja.Undefined())
	case 1:
		_ = resolve(toJS(vm, results[0]))
	default:
		vals := make([]any, len(results))
		for i, r := range results {
			vals[i] = toJS(vm, r)
		}
		_ = resolve(vm.NewArray(vals...))
	}
}

// toGo converts a JavaScript value to the Go type t.
func toGo(vm *goja.Runtime, v goja.Value, t reflect.Type) (reflect.Value, error) {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return reflect.Zero(t), nil
	}
	if t == bytesType {
		if s, ok := v.Export().(string); ok {
			return reflect.ValueOf([]byte(s)), nil
		}
		var b []byte
		if err := vm.ExportTo(v, &b); err != nil {
			return reflect.Value{}, err
		}
		return reflect.ValueOf(append([]byte(nil), b...)), nil
	}
	ptr := reflect.New(t)
	if err := vm.ExportTo(v, ptr.Interface()); err != nil {
		return reflect.Value{}, err
	}
	return ptr.Elem(), nil
}

// toJS converts a Go result to a JavaScript value.
func toJS(vm *goja.Runtime, r reflect.Value) goja.Value {
	if r.Type() == bytesType {
		b := r.Bytes()
		if b == nil {
			return goja.Null()
		}
		u8, err := vm.New(vm.Get("Uint8Array"), vm.ToValue(vm.NewArrayBuffer(b)))
		if err == nil {
			return u8
		}
	}
	return vm.ToValue(r.Interface())
}
