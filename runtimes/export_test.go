package runtimes

// Buffered returns how many sent items a Sender made by this package holds
// for its implementation: the tests' measure of memory.
func Buffered[T any](s Sender[T]) int {
	if q, ok := s.(*sendq[T]); ok {
		q.mu.Lock()
		defer q.mu.Unlock()
		return q.buf.len()
	}
	if in, ok := s.(*Inbox[T]); ok {
		in.mu.Lock()
		defer in.mu.Unlock()
		return in.buf.len()
	}
	return -1
}
