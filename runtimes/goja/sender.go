package goja

import "reflect"

// sender is a runtimes.Sender[T] seen through reflection: the bridge does
// not know T at compile time.
type sender struct {
	item                            reflect.Type // T
	send, ready, onReady, closeSend reflect.Value
}

// senderOf wraps the Sender v returned by a method; nil if v is nil.
func senderOf(v reflect.Value) *sender {
	if !v.IsValid() || v.IsNil() {
		return nil
	}
	send := v.MethodByName("Send")
	return &sender{
		item:      send.Type().In(0),
		send:      send,
		ready:     v.MethodByName("Ready"),
		onReady:   v.MethodByName("OnReady"),
		closeSend: v.MethodByName("CloseSend"),
	}
}

func (s *sender) Send(v reflect.Value) error {
	err, _ := s.send.Call([]reflect.Value{v})[0].Interface().(error)
	return err
}

func (s *sender) Ready() bool { return s.ready.Call(nil)[0].Bool() }

func (s *sender) OnReady(fn func()) { s.onReady.Call([]reflect.Value{reflect.ValueOf(fn)}) }

func (s *sender) CloseSend() { s.closeSend.Call(nil) }
