package cache

// Waiters returns the number of pending WaitFor calls. Like every method of
// Store it must be called on the loop.
func (s *Store) Waiters() int {
	s.mustBeOnLoop("Waiters")
	n := 0
	for _, ws := range s.waiters {
		n += len(ws)
	}
	return n
}

// WaitForTimeout is the deadline the spec gives WaitFor.
const WaitForTimeout = cacheWaitForTimeout

// Sessions returns the number of Watch calls in progress. Like every
// method of Store it must be called on the loop.
func (s *Store) Sessions() int {
	s.mustBeOnLoop("Sessions")
	return len(s.sessions)
}
