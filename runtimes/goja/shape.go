package goja

import "reflect"

type shape int

const (
	shapeNone   shape = iota
	shapeCall         // M(ctx, args..., done func(results..., err error))
	shapeStream       // M(ctx, args..., each func(T) bool, done func(error))
	shapeSend         // M(ctx, args..., done func(results..., err error)) Sender[T]
	shapeBidi         // M(ctx, args..., each func(U) bool, done func(error)) Sender[T]
)

// shapeOf classifies a method type (without receiver).
func shapeOf(t reflect.Type) shape {
	n := t.NumIn()
	if n < 2 || t.In(0) != ctxType || t.IsVariadic() || !isDone(t.In(n-1)) {
		return shapeNone
	}
	each := t.In(n-1).NumIn() == 1 && n >= 3 && isEach(t.In(n-2))
	switch {
	case t.NumOut() == 0 && each:
		return shapeStream
	case t.NumOut() == 0:
		return shapeCall
	case t.NumOut() == 1 && isSender(t.Out(0)) && each:
		return shapeBidi
	case t.NumOut() == 1 && isSender(t.Out(0)):
		return shapeSend
	}
	return shapeNone
}

// isDone reports whether t is a completion: func(results..., err error).
func isDone(t reflect.Type) bool {
	return t.Kind() == reflect.Func && t.NumOut() == 0 && t.NumIn() >= 1 &&
		t.In(t.NumIn()-1) == errorType && !t.IsVariadic()
}

// isEach reports whether t is a stream's item callback: func(T) bool.
func isEach(t reflect.Type) bool {
	return t.Kind() == reflect.Func && t.NumIn() == 1 && t.NumOut() == 1 &&
		t.Out(0) == boolType && !t.IsVariadic()
}

// isSender reports whether t is an interface with the methods of
// runtimes.Sender[T] for some T.
func isSender(t reflect.Type) bool {
	if t.Kind() != reflect.Interface {
		return false
	}
	send, ok := t.MethodByName("Send")
	if !ok || send.Type.NumIn() != 1 || send.Type.NumOut() != 1 || send.Type.Out(0) != errorType {
		return false
	}
	ready, ok := t.MethodByName("Ready")
	if !ok || ready.Type != reflect.TypeOf(func() bool { return false }) {
		return false
	}
	onReady, ok := t.MethodByName("OnReady")
	if !ok || onReady.Type != reflect.TypeOf(func(func()) {}) {
		return false
	}
	closeSend, ok := t.MethodByName("CloseSend")
	return ok && closeSend.Type == reflect.TypeOf(func() {})
}
