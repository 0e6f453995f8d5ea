package runtimes_test

import (
	"testing"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/goroutine"
)

// sendPaths run a client or bidirectional stream of 5 items on rt in each
// of its shapes, and return the items received.
var sendPaths = []struct {
	name       string
	form, impl runtimes.Form
	received   int64
	run        func(t *testing.T, rt, plain *runtimes.Runtime) int64
}{
	{"StartSend", runtimes.Callback, runtimes.Blocking, 0, func(t *testing.T, rt, _ *runtimes.Runtime) int64 {
		done, errs := doneOnce(t)
		s := runtimes.StartSend(rt, bounded(t), &sendMethod, (&collector{}).run, done)
		recv(t, pump(s, 5))
		if err := recvErr(t, errs); err != nil {
			t.Error(err)
		}
		return 0
	}},
	{"DirectSend", runtimes.Blocking, runtimes.Blocking, 0, func(t *testing.T, rt, _ *runtimes.Runtime) int64 {
		var n int
		if err := runtimes.DirectSend(rt, bounded(t), &sendMethod, seqOf(5), sum(&n)); err != nil {
			t.Error(err)
		}
		return 0
	}},
	{"AwaitSend", runtimes.Blocking, runtimes.Callback, 0, func(t *testing.T, rt, _ *runtimes.Runtime) int64 {
		if _, err := awaitUpload(rt, bounded(t), &sendMethod, seqOf(5), (&inboxSum{rt: rt}).upload); err != nil {
			t.Error(err)
		}
		return 0
	}},
	{"StartBidi", runtimes.Callback, runtimes.Blocking, 5, func(t *testing.T, rt, _ *runtimes.Runtime) int64 {
		rc := &received{}
		done, errs := doneOnce(t)
		s := runtimes.StartBidi(rt, bounded(t), &bidiMethod, echo, rc.each, done)
		recv(t, pump(s, 5))
		if err := recvErr(t, errs); err != nil {
			t.Error(err)
		}
		return int64(len(rc.got()))
	}},
	{"DirectBidi", runtimes.Blocking, runtimes.Blocking, 5, func(t *testing.T, rt, _ *runtimes.Runtime) int64 {
		items, err := splitPairs(t, pairsOf(runtimes.DirectBidi(rt, bounded(t), &bidiMethod, seqOf(5), echo)))
		if err != nil {
			t.Error(err)
		}
		return int64(len(items))
	}},
	{"AwaitBidi", runtimes.Blocking, runtimes.Callback, 5, func(t *testing.T, rt, plain *runtimes.Runtime) int64 {
		items, err := splitPairs(t, pairsOf(bidiSeq(rt, plain, bounded(t), seqOf(5), echo)))
		if err != nil {
			t.Error(err)
		}
		return int64(len(items))
	}},
}

// Client and bidirectional streams are observed as streams that send: the
// forms, once, with the items sent and received.
func TestObserverSendStreams(t *testing.T) {
	forEach(t, func(t *testing.T, a adapter) {
		plain := goroutine.New()
		defer plain.Close(bounded(t))
		for _, p := range sendPaths {
			t.Run(p.name, func(t *testing.T) {
				rec := &recorder{}
				rt := openObserved(t, a, runtimes.WithObserver(rec))
				got := p.run(t, rt, plain)
				c := rec.only(t)
				if !c.o.Stream || !c.o.Send || c.o.Form != p.form || c.o.Impl != p.impl || c.o.Method.Name == "" {
					t.Errorf("observed %+v", c.o)
				}
				if c.ended != 1 || c.began != 1 {
					t.Errorf("ended %d times, began %d times", c.ended, c.began)
				}
				if c.end.Outcome != runtimes.OutcomeOK || c.end.Sent != 5 || c.end.Items != p.received || got != p.received {
					t.Errorf("ended %v with %d sent, %d items; received %d", c.end.Outcome, c.end.Sent, c.end.Items, got)
				}
			})
		}
	})
}
