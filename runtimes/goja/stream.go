package goja

import (
	"reflect"

	"github.com/dop251/goja"
)

// jsStream is the JavaScript side of one stream: an async iterator fed by
// the stream's each and done callbacks. Everything runs on the loop.
type jsStream struct {
	vm      *goja.Runtime
	items   []goja.Value // arrived, not yet asked for
	waiting []waiter     // next() calls waiting for an item
	ended   bool         // done was called
	err     goja.Value   // done's error, until a next() reported it
	stopped bool         // JavaScript called return(): each answers false
}

type waiter struct{ resolve, reject func(any) error }

// result is an iterator result object.
func (s *jsStream) result(v goja.Value, done bool) goja.Value {
	o := s.vm.NewObject()
	_ = o.Set("value", v)
	_ = o.Set("done", done)
	return o
}

// push delivers an item (each).
func (s *jsStream) push(v goja.Value) bool {
	if s.stopped || s.ended {
		return false
	}
	if len(s.waiting) > 0 {
		w := s.waiting[0]
		s.waiting = s.waiting[1:]
		_ = w.resolve(s.result(v, false))
		return true
	}
	s.items = append(s.items, v)
	return true
}

// end records the end of the stream (done) and answers waiting next()s.
func (s *jsStream) end(err error) {
	var v goja.Value
	if err != nil {
		v = s.vm.NewGoError(err)
	}
	s.endWith(v)
}

// endWith ends the stream with the rejection reason err (nil: no error).
func (s *jsStream) endWith(err goja.Value) {
	if s.ended {
		return
	}
	s.ended = true
	if !s.stopped {
		s.err = err
	}
	waiting := s.waiting
	s.waiting = nil
	for _, w := range waiting {
		s.settleEnd(w)
	}
}

// settleEnd answers a next() after the last item: the error once, then
// done results.
func (s *jsStream) settleEnd(w waiter) {
	if err := s.err; err != nil {
		s.err = nil
		_ = w.reject(err)
		return
	}
	_ = w.resolve(s.result(goja.Undefined(), true))
}

// next implements the iterator's next().
func (s *jsStream) next(goja.FunctionCall) goja.Value {
	p, resolve, reject := s.vm.NewPromise()
	w := waiter{resolve, reject}
	switch {
	case len(s.items) > 0:
		v := s.items[0]
		s.items[0] = nil
		s.items = s.items[1:]
		_ = resolve(s.result(v, false))
	case s.ended || s.stopped:
		s.settleEnd(w)
	default:
		s.waiting = append(s.waiting, w)
	}
	return s.vm.ToValue(p)
}

// ret implements the iterator's return(): it stops the stream.
func (s *jsStream) ret(call goja.FunctionCall) goja.Value {
	s.stopped = true
	s.items = nil
	s.err = nil
	waiting := s.waiting
	s.waiting = nil
	for _, w := range waiting {
		_ = w.resolve(s.result(goja.Undefined(), true))
	}
	p, resolve, _ := s.vm.NewPromise()
	_ = resolve(s.result(call.Argument(0), true))
	return s.vm.ToValue(p)
}

// object is the async iterable handed to JavaScript.
func (s *jsStream) object() *goja.Object {
	o := s.vm.NewObject()
	_ = o.Set("next", s.next)
	_ = o.Set("return", s.ret)
	_ = o.Set("toArray", s.toArray)
	// goja has no Symbol.asyncIterator (nor for await) yet; should the vm
	// define one, the object is an async iterable too.
	if sym, ok := s.vm.Get("Symbol").(*goja.Object); ok {
		if ai, ok := sym.Get("asyncIterator").(*goja.Symbol); ok {
			_ = o.SetSymbol(ai, func(goja.FunctionCall) goja.Value { return o })
		}
	}
	return o
}

// toArray implements toArray(): a Promise of the remaining items, rejected
// with the stream's error. It consumes the stream.
func (s *jsStream) toArray(goja.FunctionCall) goja.Value {
	p, resolve, reject := s.vm.NewPromise()
	var all []any
	var pull func()
	pull = func() {
		for len(s.items) > 0 {
			all = append(all, s.items[0])
			s.items[0] = nil
			s.items = s.items[1:]
		}
		switch {
		case s.ended || s.stopped:
			if err := s.err; err != nil {
				s.err = nil
				_ = reject(err)
				return
			}
			_ = resolve(s.vm.NewArray(all...))
		default:
			// Wait for the next item or the end, then drain again.
			s.waiting = append(s.waiting, waiter{
				resolve: func(r any) error {
					if o, ok := r.(*goja.Object); ok && !o.Get("done").ToBoolean() {
						all = append(all, o.Get("value"))
					}
					pull()
					return nil
				},
				reject: func(r any) error { return reject(r) },
			})
		}
	}
	pull()
	return s.vm.ToValue(p)
}

// stream builds the JavaScript method of a stream-shaped method.
func (x *exposer) stream(name string, fn reflect.Value) func(goja.FunctionCall) goja.Value {
	t := fn.Type()
	params := make([]reflect.Type, t.NumIn()-3)
	for i := range params {
		params[i] = t.In(i + 1)
	}
	eachType, doneType := t.In(t.NumIn()-2), t.In(t.NumIn()-1)
	return func(call goja.FunctionCall) goja.Value {
		x.b.enter()
		vm := x.vm
		s := &jsStream{vm: vm}
		in, err := x.args(call, params)
		if err != nil {
			s.endWith(vm.NewTypeError("%s: %v", name, err))
			return s.object()
		}
		each := reflect.MakeFunc(eachType, func(out []reflect.Value) []reflect.Value {
			x.onLoop(name)
			return []reflect.Value{reflect.ValueOf(s.push(toJS(vm, out[0])))}
		})
		done := reflect.MakeFunc(doneType, func(out []reflect.Value) []reflect.Value {
			x.onLoop(name)
			err, _ := out[0].Interface().(error)
			s.end(err)
			return nil
		})
		invoke(fn, append(in, each, done), s.end)
		return s.object()
	}
}
