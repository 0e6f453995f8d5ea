package runtimes

// fifo is the buffer of a Sender: a slice used from its head, whose room
// is reused once it has been pulled, so that it never grows past the most
// items it held at once.
type fifo[T any] struct {
	buf  []T
	head int
}

func (f *fifo[T]) len() int { return len(f.buf) - f.head }

func (f *fifo[T]) push(v T) {
	if len(f.buf) == cap(f.buf) && f.head > 0 {
		n := copy(f.buf, f.buf[f.head:])
		clear(f.buf[n:])
		f.buf, f.head = f.buf[:n], 0
	}
	f.buf = append(f.buf, v)
}

// pop takes the first item; f must not be empty.
func (f *fifo[T]) pop() T {
	var zero T
	v := f.buf[f.head]
	f.buf[f.head] = zero
	f.head++
	if f.head == len(f.buf) {
		f.buf, f.head = f.buf[:0], 0
	}
	return v
}

// drop empties f and lets its memory go.
func (f *fifo[T]) drop() {
	clear(f.buf)
	f.buf, f.head = nil, 0
}
