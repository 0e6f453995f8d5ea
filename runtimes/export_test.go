package runtimes

// Buffered returns how many sent items a Sender made by this package holds
// for its implementation: the tests' measure of memory.
func Buffered[T any](s Sender[T]) int {
	if q, ok := s.(*sendq[T]); ok {
		q.mu.Lock()
		defer q.mu.Unlock()
		return len(q.buf) - q.head
	}
	return -1
}
