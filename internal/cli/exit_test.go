package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const okSpec = "shimgen: 1\npackage: p\ninterfaces:\n  - name: S\n    methods:\n      - name: Get\n"

// TestExitCodes pins the documented exit status of every outcome.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "p.shim.yaml")
	if err := os.WriteFile(spec, []byte(okSpec), 0o644); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name  string
		setup func()
		args  []string
		want  int
	}{
		{"check before generate: missing files", nil, []string{"check", dir}, exitDrift},
		{"generate", nil, []string{dir}, exitOK},
		{"check in sync", nil, []string{"check", dir}, exitOK},
		{"check stale", func() { appendTo(t, filepath.Join(dir, "p_async.go"), "// edit\n") }, []string{"check", dir}, exitDrift},
		{"regenerate", nil, []string{"generate", dir}, exitOK},
		{"bad spec", func() { appendTo(t, spec, "bogus: 1\n") }, []string{"check", dir}, exitError},
		{"bad spec generate", nil, []string{dir}, exitError},
		{"bad flag", nil, []string{"check", "--format", "xml", dir}, exitError},
		{"missing path", nil, []string{"check", filepath.Join(dir, "nope")}, exitError},
		{"help", nil, []string{"check", "-h"}, exitOK},
		{"version", nil, []string{"version"}, exitOK},
	}
	for _, s := range steps {
		if s.setup != nil {
			s.setup()
		}
		var out, errOut bytes.Buffer
		if got := Run(s.args, &out, &errOut); got != s.want {
			t.Errorf("%s: shimgen %s = exit %d, want %d\nstdout:\n%s\nstderr:\n%s", s.name, strings.Join(s.args, " "), got, s.want, &out, &errOut)
		}
	}
}

func appendTo(t *testing.T, name, text string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}
