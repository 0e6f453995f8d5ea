package output

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteErrorNamesOutput checks that a failed write names the output as
// users see it, not the temporary file.
func TestWriteErrorNamesOutput(t *testing.T) {
	name := filepath.Join(t.TempDir(), "missing", "x_async.go")
	_, err := writeFile(target{name: name, shown: "p/x_async.go"}, []byte(header))
	if err == nil {
		t.Fatal("writeFile into a missing directory succeeded")
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "p/x_async.go: cannot write: ") || strings.Contains(msg, ".tmp") {
		t.Errorf("error %q, want it to name p/x_async.go and not the temporary file", msg)
	}
}
