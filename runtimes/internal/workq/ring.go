package workq

import "github.com/shimgen/shimgen/runtimes"

// ring is a growable FIFO ring buffer of tasks. Its capacity is a power of
// two; it only grows, so it stops allocating once it reached its peak size.
type ring struct {
	buf  []runtimes.Task
	head int
	n    int
}

func (r *ring) len() int { return r.n }

func (r *ring) push(t runtimes.Task) {
	if r.n == len(r.buf) {
		r.grow()
	}
	r.buf[(r.head+r.n)&(len(r.buf)-1)] = t
	r.n++
}

// pop removes the oldest task; the ring must not be empty.
func (r *ring) pop() runtimes.Task {
	t := r.buf[r.head]
	r.buf[r.head] = nil
	r.head = (r.head + 1) & (len(r.buf) - 1)
	r.n--
	return t
}

func (r *ring) grow() {
	size := 2 * len(r.buf)
	if size == 0 {
		size = 16
	}
	buf := make([]runtimes.Task, size)
	for i := 0; i < r.n; i++ {
		buf[i] = r.buf[(r.head+i)&(len(r.buf)-1)]
	}
	r.buf, r.head = buf, 0
}
