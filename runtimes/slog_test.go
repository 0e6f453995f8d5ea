package runtimes_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/shimgen/shimgen/runtimes"
)

// TestSlogObserver: one structured record per call, at the outcome's
// level, with the call's attributes; a stream's record counts its items.
func TestSlogObserver(t *testing.T) {
	var buf bytes.Buffer
	l := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	rt := openObserved(t, adapters[3], runtimes.WithObserver(runtimes.SlogObserver(l)))
	ok := func(context.Context) (int, error) { return 1, nil }
	if err := obsPaths[0].run(rt, context.Background(), &obsMethod, ok); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	if err := obsPaths[1].run(rt, context.Background(), &obsMethod, func(context.Context) (int, error) { return 0, boom }); err != boom {
		t.Fatal(err)
	}
	if err := obsPaths[2].run(rt, context.Background(), &obsMethod, func(context.Context) (int, error) { panic(boom) }); err == nil {
		t.Fatal("no panic error")
	}
	if n, err := runStream(rt, "AwaitStream", 4, 100); n != 4 || err != nil {
		t.Fatal(n, err)
	}
	var recs []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		recs = append(recs, m)
	}
	want := []struct{ level, form, outcome, method string }{
		{"DEBUG", "callback over blocking", "ok", "Fetch"},
		{"WARN", "blocking over callback", "error", "Fetch"},
		{"ERROR", "blocking over blocking", "panic", "Fetch"},
		{"DEBUG", "blocking over callback", "ok", "Scan"},
	}
	if len(recs) != len(want) {
		t.Fatalf("%d records, want %d:\n%s", len(recs), len(want), buf.String())
	}
	for i, w := range want {
		r := recs[i]
		if r["level"] != w.level || r["form"] != w.form || r["outcome"] != w.outcome || r["method"] != w.method ||
			r["interface"] != "Store" || r["runtime"] != "loop" || r["msg"] != "call ended" {
			t.Errorf("record %d = %v, want %+v", i, r, w)
		}
		if _, ok := r["queue_wait"]; !ok {
			t.Errorf("record %d has no queue_wait: %v", i, r)
		}
	}
	if recs[1]["error"] != "boom" || recs[3]["items"] != 4.0 || recs[3]["stream"] != true {
		t.Errorf("records %v, %v", recs[1], recs[3])
	}
}

// TestSlogObserverDisabled: a logger that discards even errors follows no
// call, and one above a call's level writes nothing for it.
func TestSlogObserverDisabled(t *testing.T) {
	var buf bytes.Buffer
	l := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelWarn}))
	rt := openObserved(t, adapters[0], runtimes.WithObserver(runtimes.SlogObserver(l)))
	if err := obsPaths[0].run(rt, context.Background(), &obsMethod, func(context.Context) (int, error) { return 1, nil }); err != nil {
		t.Fatal(err)
	}
	if buf.Len() != 0 {
		t.Errorf("an ok call below the level logged %q", buf.String())
	}
	if _, p := runtimes.SlogObserver(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelError + 1}))).Start(context.Background(), runtimes.Observed{}); p != nil {
		t.Error("a logger that discards errors returned a probe")
	}
}

// A client or bidirectional stream's record counts the items sent too.
func TestSlogObserverSent(t *testing.T) {
	var buf bytes.Buffer
	l := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	rt := openObserved(t, adapters[3], runtimes.WithObserver(runtimes.SlogObserver(l)))
	if _, err := splitPairs(t, pairsOf(runtimes.DirectBidi(rt, context.Background(), &bidiMethod, seqOf(3), echo))); err != nil {
		t.Fatal(err)
	}
	var r map[string]any
	if err := json.Unmarshal(buf.Bytes(), &r); err != nil {
		t.Fatalf("%q: %v", buf.String(), err)
	}
	if r["sent"] != 3.0 || r["items"] != 3.0 || r["stream"] != true || r["method"] != "Chat" {
		t.Errorf("record %v", r)
	}
}
