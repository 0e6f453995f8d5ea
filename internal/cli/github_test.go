package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGithubNewlineName checks that a spec whose name holds a newline and
// a workflow command makes check --format github print one annotation for
// it and no line that the runner would read as a command of its own.
func TestGithubNewlineName(t *testing.T) {
	dir := t.TempDir()
	name := "a\n::error file=evil.go::injected\n.shim.yaml"
	if err := os.WriteFile(filepath.Join(dir, name), []byte("shimgen: 1\npackage: p\ninterfaces:\n  - name: A\n    methods:\n      - name: Get\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := Run([]string{"check", "-no-types", "--format", "github", filepath.Join(dir, name)}, &stdout, &stderr); code != exitError {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitError, &stderr)
	}
	annotations := 0
	for _, out := range []string{stdout.String(), stderr.String()} {
		for _, line := range strings.FieldsFunc(out, func(r rune) bool { return r == '\n' || r == '\r' }) {
			if !strings.HasPrefix(strings.TrimSpace(line), "::") {
				continue
			}
			if !strings.HasPrefix(line, "::error file=") || strings.HasPrefix(line, "::error file=evil.go") {
				t.Errorf("a line starts a workflow command: %q", line)
			}
			annotations++
		}
	}
	if annotations != 1 {
		t.Errorf("%d annotations, want 1; stdout:\n%s", annotations, &stdout)
	}
}
