package goja

import (
	"context"
	"reflect"

	"github.com/dop251/goja"
	"github.com/shimgen/shimgen/runtimes"
)

// jsWriter is the sending side of one client or bidirectional stream as
// JavaScript sees it: write() queues an item, and the queue goes to the
// Sender one item at a time, whenever the Sender is ready. Everything
// runs on the loop.
type jsWriter struct {
	x       *exposer
	name    string
	s       *sender    // nil if the call did not start
	gone    goja.Value // why writes fail when s is nil
	queue   []pending  // written, not yet sent
	held    *pending   // sent; resolved once there is room for the next
	waiting bool       // an OnReady is pending
	closing bool       // close() was called, or the items come from feed
	closed  bool       // CloseSend was called
	over    bool       // done came
	feed    *feed      // the iterable the bridge sends, if any
	cancel  context.CancelCauseFunc
	failure goja.Value // a JavaScript error that ended the call (the iterable's)

	result                *goja.Promise
	resolveRes, rejectRes func(any) error
}

// pending is one write() and its Promise.
type pending struct {
	item            reflect.Value
	resolve, reject func(any) error
}

func (x *exposer) newWriter(name string, cancel context.CancelCauseFunc) *jsWriter {
	w := &jsWriter{x: x, name: name, cancel: cancel}
	w.result, w.resolveRes, w.rejectRes = x.vm.NewPromise()
	return w
}

// write implements write(v): a Promise resolved once v was handed to the
// stream and there is room for the next item.
func (w *jsWriter) write(call goja.FunctionCall) goja.Value {
	vm := w.x.vm
	p, resolve, reject := vm.NewPromise()
	switch {
	case w.s == nil && w.gone != nil:
		_ = reject(w.gone)
	case w.s == nil:
		_ = reject(vm.NewGoError(runtimes.ErrStreamDone))
	case w.closing:
		_ = reject(vm.NewGoError(runtimes.ErrSendClosed))
	default:
		item, err := toGo(vm, call.Argument(0), w.s.item)
		if err != nil {
			_ = reject(vm.NewTypeError("%s: write: %v", w.name, err))
			break
		}
		w.queue = append(w.queue, pending{item: item, resolve: resolve, reject: reject})
		w.pump()
	}
	return vm.ToValue(p)
}

// close implements close(): the send side ends after the items written so
// far. It returns the result Promise.
func (w *jsWriter) close(goja.FunctionCall) goja.Value {
	if !w.closing {
		w.closing = true
		w.pump()
	}
	return w.x.vm.ToValue(w.result)
}

// abort implements abort(): it cancels the call. It returns the result
// Promise.
func (w *jsWriter) abort(goja.FunctionCall) goja.Value {
	w.cancel(context.Canceled)
	return w.x.vm.ToValue(w.result)
}

// pump moves the items on: from the queue, or from feed.
func (w *jsWriter) pump() {
	switch {
	case w.s == nil:
	case w.feed != nil:
		w.feed.pump()
	default:
		w.flush()
	}
}

// flush sends the queued items while the Sender is ready, and waits for
// room otherwise.
func (w *jsWriter) flush() {
	for {
		if len(w.queue) == 0 && w.closing && !w.closed {
			w.closed = true
			w.s.CloseSend()
		}
		if w.held == nil && len(w.queue) == 0 {
			return
		}
		if !w.s.Ready() {
			w.wait()
			return
		}
		if h := w.held; h != nil {
			w.held = nil
			_ = h.resolve(goja.Undefined())
		}
		if len(w.queue) == 0 {
			return
		}
		p := w.queue[0]
		w.queue[0] = pending{}
		w.queue = w.queue[1:]
		if err := w.s.Send(p.item); err != nil {
			w.refuse(p, err)
			return
		}
		w.held = &p
	}
}

// refuse rejects p and every queued write with the Sender's error.
func (w *jsWriter) refuse(p pending, err error) {
	reason := w.x.vm.NewGoError(err)
	_ = p.reject(reason)
	for _, q := range w.queue {
		_ = q.reject(reason)
	}
	w.queue = nil
}

// wait has pump run again once the Sender is ready.
func (w *jsWriter) wait() {
	if w.waiting {
		return
	}
	w.waiting = true
	w.s.OnReady(func() {
		w.x.onLoop(w.name)
		w.waiting = false
		w.pump()
	})
}

// fail ends the call with the JavaScript error reason (the iterable threw
// or yielded an item of the wrong type), unless it is over already.
func (w *jsWriter) fail(reason goja.Value) {
	if w.over {
		return
	}
	if w.failure == nil {
		w.failure = reason
	}
	w.cancel(errIterable)
}

// end records done: it returns the reason the call failed (nil if it did
// not), or false for a second completion.
func (w *jsWriter) end(err error) (goja.Value, bool) {
	if w.over {
		return nil, false // a second completion: the runtime reports misuse
	}
	w.over = true
	w.cancel(nil)
	reason := w.failure
	if reason == nil {
		reason = goError(w.x.vm, err)
	}
	if w.s == nil && w.gone == nil {
		w.gone = reason
	}
	w.pump() // the queued writes learn that the stream ended
	return reason, true
}

// methods sets write, close, abort and result on o.
func (w *jsWriter) methods(o *goja.Object) *goja.Object {
	_ = o.Set("write", w.write)
	_ = o.Set("close", w.close)
	_ = o.Set("abort", w.abort)
	_ = o.Set("result", w.result)
	return o
}
