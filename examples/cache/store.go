package cache

import (
	"bytes"
	"context"
	"time"

	"github.com/shimgen/shimgen/runtimes"
)

// Store is a Cache that lives on an event loop: it implements the callback
// form CacheAsync natively, and its state (entries, expiry timers, waiters)
// is plain data touched only on the loop goroutine.
//
// Every method, Close included, must be called on the loop goroutine; the
// blocking form made by NewCacheBlocking(store, rt), where rt is the runtime
// of the same loop, takes care of that by invoking each call there. When the
// loop implements runtimes.OnLooper (the loop adapter's does), a call made
// elsewhere panics.
//
// Every done callback is posted to the loop: it never runs inside the method
// that received it, and it runs exactly once. If the loop refuses a task
// because it has stopped, the task runs on a new goroutine instead, as the
// runtime does with its own completions: the loop no longer touches the
// state then. Expiry timers and context watchers post back to the loop
// rather than touching the state themselves.
type Store struct {
	rt       *runtimes.Runtime
	loop     runtimes.Loop
	looper   runtimes.OnLooper // nil if loop cannot tell
	entries  map[string]*entry
	waiters  map[string][]*waiter // in arrival order per key
	sessions map[*session]bool    // the Watch calls in progress
	closed   bool
}

var _ CacheAsync = (*Store)(nil)

// entry is a stored value and its expiry.
type entry struct {
	value   []byte
	expires time.Time   // zero: never
	timer   *time.Timer // removes the entry once expired; nil without TTL
}

// expired reports whether e has expired at now.
func (e *entry) expired(now time.Time) bool {
	return !e.expires.IsZero() && !now.Before(e.expires)
}

// stopTimer stops e's expiry timer, if any.
func (e *entry) stopTimer() {
	if e.timer != nil {
		e.timer.Stop()
	}
}

// waiter is one pending WaitFor.
type waiter struct {
	key    string
	done   func(value []byte, err error)
	cancel context.CancelFunc // releases the call's deadline context
	stop   func() bool        // unregisters the context watcher
	ended  bool               // done has been posted
}

// New returns an empty Store living on the loop of rt, which must be the
// runtime the blocking form is derived with, as in
//
//	store := cache.New(lp.Runtime())
//	c := cache.NewCacheBlocking(store, lp.Runtime())
//
// New takes a *runtimes.Runtime rather than a *loop.Loop so that a Store can
// live on any loop adapter (Watch receives its keys through the runtime's
// streams); it panics if rt is nil or has no loop.
func New(rt *runtimes.Runtime) *Store {
	if rt == nil || rt.Loop() == nil {
		panic("cache: New without a runtime with a loop")
	}
	l := rt.Loop()
	looper, _ := l.(runtimes.OnLooper)
	return &Store{
		rt:       rt,
		loop:     l,
		looper:   looper,
		entries:  map[string]*entry{},
		waiters:  map[string][]*waiter{},
		sessions: map[*session]bool{},
	}
}

// post runs f on the loop, later; on a new goroutine if the loop has stopped.
func (s *Store) post(f func()) {
	if s.loop.Post(runtimes.TaskFunc(f)) != nil {
		go f()
	}
}

// mustBeOnLoop panics if the caller is known not to be on the loop.
func (s *Store) mustBeOnLoop(method string) {
	if s.looper != nil && !s.looper.OnLoop() {
		panic("cache: Store." + method + " called off its loop goroutine")
	}
}

// admit returns the error that ends a call before it starts, if any.
func (s *Store) admit(ctx context.Context) error {
	if s.closed {
		return runtimes.ErrClosed
	}
	return ctx.Err()
}

// live returns the entry under key, removing it if it has expired.
func (s *Store) live(key string) *entry {
	e := s.entries[key]
	if e != nil && e.expired(time.Now()) {
		s.remove(key, e)
		s.changed(key, nil)
		return nil
	}
	return e
}

// remove drops e, the entry under key.
func (s *Store) remove(key string, e *entry) {
	e.stopTimer()
	delete(s.entries, key)
}

// Get returns the value stored under key; found is false if there is none
// or it expired.
func (s *Store) Get(ctx context.Context, key string, done func(value []byte, found bool, err error)) {
	s.mustBeOnLoop("Get")
	var value []byte
	err := s.admit(ctx)
	if err == nil {
		if e := s.live(key); e != nil {
			value = e.value
		}
	}
	found := value != nil
	s.post(func() { done(value, found, err) })
}

// Set stores a copy of value under key, replacing any previous value, and
// wakes every WaitFor on key. With ttl > 0 the entry expires ttl after Set;
// with ttl <= 0 it never does.
func (s *Store) Set(ctx context.Context, key string, value []byte, ttl time.Duration, done func(err error)) {
	s.mustBeOnLoop("Set")
	err := s.admit(ctx)
	if err == nil {
		v := bytes.Clone(value)
		if v == nil {
			v = []byte{} // found is reported by a non-nil value
		}
		s.store(key, v, ttl)
		s.wake(key, v)
		s.changed(key, v)
	}
	s.post(func() { done(err) })
}

// store puts v under key with its expiry.
func (s *Store) store(key string, v []byte, ttl time.Duration) {
	if old := s.entries[key]; old != nil {
		old.stopTimer()
	}
	e := &entry{value: v}
	if ttl > 0 {
		e.expires = time.Now().Add(ttl)
		e.timer = time.AfterFunc(ttl, func() {
			// A refused post means the loop stopped: nothing to clean.
			_ = s.loop.Post(runtimes.TaskFunc(func() { s.expire(key, e) }))
		})
	}
	s.entries[key] = e
}

// expire removes e once its timer fired, unless key was set again since.
func (s *Store) expire(key string, e *entry) {
	if s.entries[key] == e {
		delete(s.entries, key)
		s.changed(key, nil)
	}
}

// Delete removes the entry stored under key; existed reports whether there
// was a live one.
func (s *Store) Delete(ctx context.Context, key string, done func(existed bool, err error)) {
	s.mustBeOnLoop("Delete")
	err := s.admit(ctx)
	existed := false
	if err == nil {
		if e := s.live(key); e != nil {
			s.remove(key, e)
			existed = true
			s.changed(key, nil)
		}
	}
	s.post(func() { done(existed, err) })
}

// Len returns the number of entries held, expired entries whose removal is
// still queued on the loop included.
func (s *Store) Len(ctx context.Context, done func(n int, err error)) {
	s.mustBeOnLoop("Len")
	n, err := 0, s.admit(ctx)
	if err == nil {
		n = len(s.entries)
	}
	s.post(func() { done(n, err) })
}
