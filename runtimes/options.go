package runtimes

// Option configures a [Runtime] built by [New] or by an adapter.
type Option func(*options)

type options struct {
	onCallbackPanic func(*PanicError)
	onMisuse        func(error)
	streamWindow    int
	streamLimit     int
}

var defaultOptions = options{
	streamWindow: DefaultStreamWindow,
	streamLimit:  DefaultStreamLimit,
}

// DefaultStreamWindow and DefaultStreamLimit are the stream settings of a
// runtime built without [WithStreamWindow] and [WithStreamLimit].
const (
	DefaultStreamWindow = 16
	DefaultStreamLimit  = 1024
)

// WithStreamWindow sets the window of the runtime's streams: how many items
// a producer may have in flight (produced, not yet consumed) before it has to
// wait. A blocking producer waits on its worker; a callback producer that
// uses [Flow] waits for [Flow.OnReady]. n must be at least 1 (the option
// panics otherwise); the default is [DefaultStreamWindow].
func WithStreamWindow(n int) Option {
	if n < 1 {
		panic("runtimes: WithStreamWindow with a window below 1")
	}
	return func(o *options) { o.streamWindow = n }
}

// WithStreamLimit sets how many items the blocking form buffers for a callback
// producer that ignores flow control before the stream ends with
// [ErrStreamOverflow]. n must be at least 1 (the option panics otherwise); the
// default is [DefaultStreamLimit]. A limit below the window makes the window
// the limit.
func WithStreamLimit(n int) Option {
	if n < 1 {
		panic("runtimes: WithStreamLimit with a limit below 1")
	}
	return func(o *options) { o.streamLimit = n }
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
