package runtimes

// Option configures a [Runtime] built by [New] or by an adapter.
type Option func(*options)

type options struct {
	onCallbackPanic func(*PanicError)
	onMisuse        func(error)
	streamWindow    int
	streamLimit     int
	observer        Observer
	kind            string
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
// *PanicError when a callback implementation panics after it completed,
// [ErrNoCompletion] when a callback implementation loses a completion (see
// below), and errors describing misuse of [Wait] by hand-written code.
// Without a handler misuse is ignored silently. f may be called concurrently,
// from any goroutine; it must not block.
//
// A lost completion is reported under this rule: the blocking form
// ([Runtime.Wait]) invoked the callback implementation, the caller's context
// ended before any completion (so Wait returned ctx.Err()), and the done
// callback then became garbage without ever having been called. A completion
// that comes late is not misuse (it is discarded) and is never reported, so
// the report cannot be made when the caller gives up: it is made by a
// finalizer, on the finalizer goroutine, at some garbage collection after
// the implementation dropped the callback (possibly never, if the program
// exits first). The error wraps ErrNoCompletion and the context's error. A
// call whose context never ends and whose completion is lost blocks its
// caller forever, which keeps the call reachable: it is not reported. The
// watch costs one small allocation and a finalizer per Wait, so it is only
// armed when a misuse handler is set.
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
