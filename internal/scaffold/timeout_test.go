package scaffold

import (
	"bytes"
	"strings"
	"testing"
)

// TestTimeoutKept checks that scaffolding an interface shimgen generated
// keeps each method's timeout instead of copying its deadline sentence, so
// that the regenerated code has the deadline and states it once.
func TestTimeoutKept(t *testing.T) {
	data, err := scaffold(t, Output{Path: outPath, Name: "out"}, Options{}, "./testdata/ifaces.Timed")
	if err != nil {
		t.Fatal(err)
	}
	contains(t, data,
		"        doc: Get gets.",
		"        timeout: 10s",
		"        timeout: 1m30s",
		"        doc: Put puts; the deadline of 5s in its doc is not the generated sentence.",
	)
	if strings.Contains(string(data), "The generated forms") {
		t.Errorf("the deadline sentence was copied into the spec:\n%s", data)
	}
	for _, f := range generate(t, data, "out") {
		if n := bytes.Count(f.Data, []byte("deadline of 10s.")); strings.HasSuffix(f.Path, "_blocking.go") && n != 1 {
			t.Errorf("%s states the 10s deadline %d times, want once", f.Path, n)
		}
	}
}

func TestSplitTimeout(t *testing.T) {
	tests := []struct{ doc, rest, timeout string }{
		{"Get gets.\n\nThe generated forms give each call a deadline of 2s.\n", "Get gets.", "2s"},
		{"The generated forms give the whole stream a deadline of 1.5s.", "", "1.5s"},
		{"Get gets. The generated forms give each call a deadline of 2s.", "Get gets. The generated forms give each call a deadline of 2s.", ""},
		{"The generated forms give each call a deadline of soon.", "The generated forms give each call a deadline of soon.", ""},
	}
	for _, tt := range tests {
		if rest, timeout := splitTimeout(tt.doc); rest != tt.rest || timeout != tt.timeout {
			t.Errorf("splitTimeout(%q) = %q, %q; want %q, %q", tt.doc, rest, timeout, tt.rest, tt.timeout)
		}
	}
}
