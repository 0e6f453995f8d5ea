package cli

import (
	"bytes"
	"errors"
	"testing"
	"time"
)

// notifyWriter records what is written and signals the first write.
type notifyWriter struct {
	bytes.Buffer
	wrote chan struct{}
}

func (w *notifyWriter) Write(p []byte) (int, error) {
	n, err := w.Buffer.Write(p)
	close(w.wrote)
	return n, err
}

// TestProgress: the message appears when the clock fires while the work
// runs (the work waits for it, so no timing is involved), and not when the
// clock never fires.
func TestProgress(t *testing.T) {
	w := &notifyWriter{wrote: make(chan struct{})}
	fire := make(chan time.Time, 1)
	fire <- time.Time{}
	want := errors.New("loaded")
	err := withProgress(w, fire, "shimgen init: loading io/fs", func() error {
		<-w.wrote
		return want
	})
	if err != want || w.String() != "shimgen init: loading io/fs\n" {
		t.Errorf("err %v, output %q", err, w.String())
	}

	var quiet bytes.Buffer
	if err := withProgress(&quiet, nil, "loading", func() error { return nil }); err != nil || quiet.Len() > 0 {
		t.Errorf("a clock that never fires: err %v, output %q", err, quiet.String())
	}
}
