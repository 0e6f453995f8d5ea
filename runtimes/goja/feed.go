package goja

import (
	"errors"

	"github.com/dop251/goja"
)

// errIterable is the cause the call's context ends with when the iterable
// the bridge sends from fails; the result then rejects with the
// JavaScript error itself.
var errIterable = errors.New("goja: the iterable of a stream's items failed")

// feed sends the items of a JavaScript iterable, paced by the Sender, and
// closes the send side after the last.
type feed struct {
	w    *jsWriter
	it   *goja.Object
	next goja.Callable
	done bool // the iterable is finished, or was stopped
	busy bool // pump runs: the iterable's own code called back into the writer
}

// pump pulls items from the iterator and sends them while the Sender is
// ready, and waits for room otherwise.
func (f *feed) pump() {
	if f.busy {
		return // the running pump goes on
	}
	f.busy = true
	defer func() { f.busy = false }()
	w, vm := f.w, f.w.x.vm
	for !f.done {
		if w.over {
			f.stop()
			return
		}
		if !w.s.Ready() {
			w.wait()
			return
		}
		r, err := f.next(f.it)
		if err != nil {
			f.done = true
			w.fail(thrown(vm, err))
			return
		}
		res, ok := r.(*goja.Object)
		if !ok {
			f.done = true
			w.fail(vm.NewTypeError("%s: the iterator's next() returned %v, not an object", w.name, r))
			return
		}
		if res.Get("done").ToBoolean() {
			f.done, w.closed = true, true
			w.s.CloseSend()
			return
		}
		item, err := toGo(vm, res.Get("value"), w.s.item)
		if err != nil {
			f.stop()
			w.fail(vm.NewTypeError("%s: an item: %v", w.name, err))
			return
		}
		if w.s.Send(item) != nil {
			f.stop() // the stream ended: done tells why
			return
		}
	}
}

// stop closes the iterator early (its return(), as a for-of loop would).
func (f *feed) stop() {
	if f.done {
		return
	}
	f.done = true
	if ret, ok := goja.AssertFunction(f.it.Get("return")); ok {
		_, _ = ret(f.it)
	}
}

// thrown is the JavaScript value of an error a JavaScript call returned.
func thrown(vm *goja.Runtime, err error) goja.Value {
	var exc *goja.Exception
	if errors.As(err, &exc) {
		return exc.Value()
	}
	return vm.NewGoError(err)
}

// feedArg looks at the argument after the method's n own: absent or
// undefined, it returns nil (the writer style); otherwise it must be an
// iterable (an object with a Symbol.iterator method: an array, a Set, a
// generator object...), and feedArg returns its iterator, or the reason it
// cannot (a TypeError, or what Symbol.iterator threw).
func feedArg(vm *goja.Runtime, name string, call goja.FunctionCall, n int) (f *feed, reason goja.Value) {
	arg := call.Argument(n)
	if goja.IsUndefined(arg) {
		return nil, nil
	}
	obj, isObj := arg.(*goja.Object)
	var iterate goja.Callable
	if isObj {
		iterate, isObj = goja.AssertFunction(obj.GetSymbol(goja.SymIterator))
	}
	if !isObj {
		return nil, vm.NewTypeError("%s: argument %d: the items must be an iterable (an array, a generator...), not %v", name, n+1, arg)
	}
	itv, err := iterate(obj)
	if err != nil {
		return nil, thrown(vm, err)
	}
	it, isObj := itv.(*goja.Object)
	if !isObj {
		return nil, vm.NewTypeError("%s: argument %d: its iterator is not an object", name, n+1)
	}
	next, isFn := goja.AssertFunction(it.Get("next"))
	if !isFn {
		return nil, vm.NewTypeError("%s: argument %d: its iterator has no next()", name, n+1)
	}
	return &feed{it: it, next: next}, nil
}
