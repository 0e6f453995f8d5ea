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

// TestInvocation checks how fix hints name shimgen.
func TestInvocation(t *testing.T) {
	env := func(string) string { return "/home/u/.cache/gobuild" }
	tests := []struct{ argv0, want string }{
		{"shimgen", "shimgen"},
		{"", "shimgen"},
		{"/home/u/.cache/go-build/3f/3f9a-d/shimgen", "go tool shimgen"},
		{"/home/u/.cache/gobuild/3f/3f9a-d/shimgen", "go tool shimgen"},
		{"/tmp/go-build1234/b001/exe/shimgen", "go tool shimgen"},
		{"./bin/shimgen", "./bin/shimgen"},
	}
	for _, tt := range tests {
		if got := invocation(tt.argv0, env); got != tt.want {
			t.Errorf("invocation(%q) = %q, want %q", tt.argv0, got, tt.want)
		}
	}
}
