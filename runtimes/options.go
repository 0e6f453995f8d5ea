package runtimes

// Option configures a [Runtime] built by [New] or by an adapter.
type Option func(*options)

type options struct {
	onCallbackPanic func(*PanicError)
	onMisuse        func(error)
}

// WithCallbackPanicHandler reports a panic raised by a user's done callback
// to f as a *PanicError, and the runtime keeps going. Without a handler the
// panic propagates: it crashes the program like any goroutine panic, or, with
// an inline executor, it propagates to the caller of the generated method.
func WithCallbackPanicHandler(f func(*PanicError)) Option {
	return func(o *options) { o.onCallbackPanic = f }
}

// WithMisuseHandler reports misuse of the contract by an implementation to f:
// [ErrDoubleCompletion] when a done callback is called more than once, a
// *PanicError when a callback implementation panics after it completed, and
// errors describing misuse of [Wait] by hand-written code. Without a handler
// misuse is ignored silently.
func WithMisuseHandler(f func(error)) Option {
	return func(o *options) { o.onMisuse = f }
}

// misuse reports err to the misuse handler, if any.
func (r *Runtime) misuse(err error) {
	if h := r.opts.onMisuse; h != nil {
		h(err)
	}
}

// recoverCallback is deferred around a done callback when a callback-panic
// handler is set.
func (r *Runtime) recoverCallback() {
	if v := recover(); v != nil {
		r.opts.onCallbackPanic(newPanicError(v))
	}
}
