package cache

import (
	"context"

	"github.com/shimgen/shimgen/runtimes"
)

// Change is the state of a watched key, as Watch yields it: its value, or
// Found false when it has none (never set, deleted or expired).
type Change struct {
	Key   string
	Value []byte // owned by the cache
	Found bool
}

// session is one Watch: the keys it follows and its callbacks, touched only
// on the loop.
type session struct {
	keys  map[string]bool
	each  func(change Change) bool
	done  func(err error)
	inbox *runtimes.Inbox[string]
	over  bool // each said stop, or the inbox ended: no more changes
}

// Watch follows the keys the caller sends (see Cache.Watch). The keys
// arrive through a runtimes.Inbox, on the loop; each change is handed to
// each on the loop as it happens.
func (s *Store) Watch(ctx context.Context, each func(change Change) bool, done func(err error)) runtimes.Sender[string] {
	s.mustBeOnLoop("Watch")
	w := &session{keys: map[string]bool{}, each: each, done: done}
	w.inbox = runtimes.Receive(s.rt, ctx, func(key string) { s.follow(w, key) }, func(err error) { s.unwatch(w, err) })
	if err := s.admit(ctx); err != nil {
		w.inbox.Stop(err)
		return w.inbox
	}
	s.sessions[w] = true
	return w.inbox
}

// follow adds key to w and reports its current state.
func (s *Store) follow(w *session, key string) {
	if w.over || w.keys[key] {
		return
	}
	c := Change{Key: key}
	if e := s.live(key); e != nil {
		c.Value, c.Found = e.value, true
	}
	w.keys[key] = true
	s.report(w, c)
}

// changed reports the new state of key to every session that follows it.
func (s *Store) changed(key string, value []byte) {
	for w := range s.sessions {
		if w.keys[key] {
			s.report(w, Change{Key: key, Value: value, Found: value != nil})
		}
	}
}

// report hands c to w's each; a false ends the watch.
func (s *Store) report(w *session, c Change) {
	if w.over {
		return
	}
	if !w.each(c) {
		w.over = true
		w.inbox.Stop(nil)
	}
}

// unwatch ends w once its inbox closed: done(nil) after CloseSend or a
// stop, else why (ctx's end, runtimes.ErrClosed, an overflow).
func (s *Store) unwatch(w *session, err error) {
	w.over = true
	delete(s.sessions, w)
	w.done(err)
}
