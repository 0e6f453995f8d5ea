package runtimes

import "errors"

// Sender is the sending side of a client or bidirectional stream in the
// callback form: the caller pushes items with Send, paced by Ready and
// OnReady, and ends the send side with CloseSend. Every Sender this package
// makes ([StartSend], [StartBidi], [Receive]) is safe for concurrent use.
//
//	var i int
//	var step func()
//	step = func() {
//		for ; i < len(chunks); i++ {
//			if !s.Ready() {
//				s.OnReady(step) // resume once the implementation caught up
//				return
//			}
//			if s.Send(chunks[i]) != nil {
//				return // the stream ended: done tells why
//			}
//		}
//		s.CloseSend()
//	}
//	step()
type Sender[T any] interface {
	// Send hands item to the implementation. It never blocks. It returns
	// [ErrSendClosed] after CloseSend, [ErrStreamDone] once the stream has
	// ended, and [ErrStreamOverflow] (which ends the stream) when the
	// caller ignored Ready up to the runtime's stream limit.
	Send(item T) error
	// Ready reports whether a Send now stays within the runtime's window,
	// or the stream is over (a Send then fails and says why).
	Ready() bool
	// OnReady has fn run once, on the runtime's completion context, when
	// Ready is true: when there is room, or when the stream ended.
	OnReady(fn func())
	// CloseSend ends the send side: the implementation's items end after
	// the last item sent. It is idempotent.
	CloseSend()
}

var (
	// ErrSendClosed is what Send returns after CloseSend.
	ErrSendClosed = errors.New("runtimes: send on a stream after CloseSend")
	// ErrStreamDone is what Send returns once the stream has ended: the
	// implementation returned or stopped taking items, it failed, the
	// context ended or the runtime was closed. The stream's done says why.
	ErrStreamDone = errors.New("runtimes: send on a stream that has ended")
)
