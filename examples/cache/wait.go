package cache

import (
	"context"

	"github.com/shimgen/shimgen/runtimes"
)

// WaitFor waits for the next Set of key and completes with the value it
// stored; an entry already present does not count. It completes with
// ctx.Err() if ctx ends first, and with context.DeadlineExceeded once the
// deadline the spec gives WaitFor passes, whoever calls it: the Store applies
// that deadline itself, since a callback implementation is also called
// directly, not only through the blocking form (which applies it too).
//
// A waiter whose context ends is removed from the Store at once (the
// context is watched with context.AfterFunc, which posts to the loop).
func (s *Store) WaitFor(ctx context.Context, key string, done func(value []byte, err error)) {
	s.mustBeOnLoop("WaitFor")
	if err := s.admit(ctx); err != nil {
		s.post(func() { done(nil, err) })
		return
	}
	ctx, cancel := context.WithTimeout(ctx, cacheWaitForTimeout)
	w := &waiter{key: key, done: done, cancel: cancel}
	s.waiters[key] = append(s.waiters[key], w)
	w.stop = context.AfterFunc(ctx, func() {
		// The task runs after this WaitFor has returned: w.stop is set.
		s.post(func() { s.abandon(w, ctx.Err()) })
	})
}

// wake completes every waiter on key with value.
func (s *Store) wake(key string, value []byte) {
	ws := s.waiters[key]
	delete(s.waiters, key)
	for _, w := range ws {
		s.end(w, value, nil)
	}
}

// abandon completes w with err, because its context ended, unless it was
// completed already.
func (s *Store) abandon(w *waiter, err error) {
	if w.ended {
		return
	}
	s.unlink(w)
	s.end(w, nil, err)
}

// unlink removes w from the waiters of its key.
func (s *Store) unlink(w *waiter) {
	ws := s.waiters[w.key]
	for i, x := range ws {
		if x == w {
			ws = append(ws[:i], ws[i+1:]...)
			break
		}
	}
	if len(ws) == 0 {
		delete(s.waiters, w.key)
		return
	}
	s.waiters[w.key] = ws
}

// end posts w's completion, once, and releases its context. The watcher is
// stopped before the context is canceled, so that it rarely fires for a
// waiter already completed; when it does, abandon finds w ended.
func (s *Store) end(w *waiter, value []byte, err error) {
	if w.ended {
		return
	}
	w.ended = true
	w.stop()
	w.cancel()
	s.post(func() { w.done(value, err) })
}

// Close completes every pending WaitFor with runtimes.ErrClosed, ends every
// Watch with it, stops the expiry timers and drops the entries; every later call completes with
// runtimes.ErrClosed. Like the other methods it must be called on the loop,
// for example with lp.Post(runtimes.TaskFunc(store.Close)) before the
// runtime is closed. Closing the runtime without it is fine too: pending
// WaitFor calls end at their deadline, and the timers find nothing to do.
func (s *Store) Close() {
	s.mustBeOnLoop("Close")
	if s.closed {
		return
	}
	s.closed = true
	for _, ws := range s.waiters {
		for _, w := range ws {
			s.end(w, nil, runtimes.ErrClosed)
		}
	}
	clear(s.waiters)
	for w := range s.sessions {
		w.inbox.Stop(runtimes.ErrClosed)
	}
	for _, e := range s.entries {
		e.stopTimer()
	}
	clear(s.entries)
}
