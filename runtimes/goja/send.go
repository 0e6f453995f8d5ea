package goja

import (
	"context"
	"fmt"
	"reflect"

	"github.com/dop251/goja"
)

// send builds the JavaScript method of a client stream (bidi false) or a
// bidirectional stream (bidi true).
func (x *exposer) send(name string, fn reflect.Value, bidi bool) func(goja.FunctionCall) goja.Value {
	t := fn.Type()
	fixed := 2 // ctx and done
	if bidi {
		fixed = 3 // ctx, each and done
	}
	params := make([]reflect.Type, t.NumIn()-fixed)
	for i := range params {
		params[i] = t.In(i + 1)
	}
	c := &sendShape{x: x, name: name, fn: fn, params: params, bidi: bidi}
	if bidi {
		c.eachType = t.In(t.NumIn() - 2)
	}
	c.doneType = t.In(t.NumIn() - 1)
	return c.call
}

// sendShape is the method of a client or bidirectional stream.
type sendShape struct {
	x                  *exposer
	name               string
	fn                 reflect.Value
	params             []reflect.Type
	bidi               bool
	eachType, doneType reflect.Type
}

// sendCall is one call of it.
type sendCall struct {
	*jsWriter
	stream *jsStream // bidi only
	feeds  bool      // the items come from an iterable argument
	held   bool      // the call holds the loop
}

// call implements the JavaScript method.
func (c *sendShape) call(call goja.FunctionCall) goja.Value {
	x := c.x
	x.b.enter()
	ctx, cancel := context.WithCancelCause(x.ctx)
	sc := &sendCall{jsWriter: x.newWriter(c.name, cancel)}
	if c.bidi {
		sc.stream = &jsStream{vm: x.vm}
	}
	sc.feeds = !goja.IsUndefined(call.Argument(len(c.params)))
	in, err := x.args(call, c.params)
	if err != nil {
		sc.refused(x.vm.NewTypeError("%s: %v", c.name, err))
		return sc.object()
	}
	in[0] = reflect.ValueOf(ctx)
	f, reason := feedArg(x.vm, c.name, call, len(c.params))
	if reason != nil {
		sc.refused(reason)
		return sc.object()
	}
	sc.start(c.fn, c.invokeArgs(sc, in))
	if f != nil {
		f.w = sc.jsWriter
		sc.feed, sc.closing = f, true
		if sc.s == nil {
			f.stop() // the call did not start: close the iterable
		}
	}
	sc.pump()
	return sc.object()
}

// invokeArgs completes in with the call's callbacks.
func (c *sendShape) invokeArgs(sc *sendCall, in []reflect.Value) []reflect.Value {
	if c.bidi {
		in = append(in, c.each(sc))
	}
	return append(in, c.done(sc))
}

// start calls the method and keeps the Sender it returns. The loop is
// held until done: the implementation may wait for items off the executor
// (a runtime whose executor runs tasks inline runs it on a goroutine of its
// own), and eventloop.Run must not return meanwhile.
func (sc *sendCall) start(fn reflect.Value, in []reflect.Value) {
	sc.x.b.ref()
	sc.held = true
	out := invoke(fn, in, func(err error) { sc.finish(nil, err) })
	if out == nil {
		return // it panicked: finish reported it
	}
	if sc.s = senderOf(out[0]); sc.s == nil {
		sc.finish(nil, fmt.Errorf("goja: %s returned a nil Sender", sc.name))
	}
}

// each is the call's item callback (bidi): replies go to the iterator.
func (c *sendShape) each(sc *sendCall) reflect.Value {
	vm := c.x.vm
	return reflect.MakeFunc(c.eachType, func(out []reflect.Value) []reflect.Value {
		c.x.onLoop(c.name)
		return []reflect.Value{reflect.ValueOf(sc.stream.push(toJS(vm, out[0])))}
	})
}

// done is the call's completion callback.
func (c *sendShape) done(sc *sendCall) reflect.Value {
	return reflect.MakeFunc(c.doneType, func(out []reflect.Value) []reflect.Value {
		c.x.onLoop(c.name)
		last := len(out) - 1
		err, _ := out[last].Interface().(error)
		sc.finish(out[:last], err)
		return nil
	})
}

// refused ends a call that did not start: reason rejects the result, the
// writes and (bidi) the iterator's first next().
func (sc *sendCall) refused(reason goja.Value) {
	sc.failure = reason
	sc.finish(nil, nil)
}

// finish settles the call once done came (or it could not start).
func (sc *sendCall) finish(results []reflect.Value, err error) {
	reason, first := sc.end(err)
	if !first {
		return
	}
	if sc.held {
		sc.held = false
		sc.x.b.unref()
	}
	if sc.stream != nil {
		sc.stream.endWith(reason)
	}
	settlePromise(sc.x.vm, sc.resolveRes, sc.rejectRes, results, reason)
}

// object is what the JavaScript method returns: the result Promise for a
// client stream fed from an iterable, else the writer (for bidi, the
// writer is the replies' async iterator too).
func (sc *sendCall) object() goja.Value {
	switch {
	case sc.stream != nil:
		return sc.methods(sc.stream.object())
	case sc.feeds:
		return sc.x.vm.ToValue(sc.result)
	}
	return sc.methods(sc.x.vm.NewObject())
}
