package spec

import (
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestStdlibPath(t *testing.T) {
	tests := []struct {
		name       string
		path       string
		candidates []string
	}{
		{"time", "time", []string{"time"}},
		{"json", "encoding/json", []string{"encoding/json"}},
		{"rand", "", []string{"crypto/rand", "math/rand", "math/rand/v2"}},
		{"template", "", []string{"html/template", "text/template"}},
		{"nosuch", "", nil},
		{"abi", "", nil},     // internal/abi
		{"builtin", "", nil}, // documentation only
		{"", "", nil},
	}
	for _, tt := range tests {
		path, candidates := StdlibPath(tt.name)
		if path != tt.path || !slices.Equal(candidates, tt.candidates) {
			t.Errorf("StdlibPath(%q) = %q, %q; want %q, %q", tt.name, path, candidates, tt.path, tt.candidates)
		}
	}
	// The result is a copy.
	_, c := StdlibPath("rand")
	c[0] = "x"
	if _, c := StdlibPath("rand"); c[0] != "crypto/rand" {
		t.Errorf("StdlibPath returned the table's own slice")
	}
}

func TestImportPath(t *testing.T) {
	f, err := Parse("test.shim.yaml", []byte(`
shimgen: 1
imports:
  rand: math/rand/v2
  meta: example.com/blob/meta
  time: example.com/mytime
interfaces:
  - name: A
    methods:
      - name: M
        params: a rand.Rand, b meta.Attrs, c time.Time
`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		qualifier, path string
		ok              bool
	}{
		{"rand", "math/rand/v2", true},
		{"meta", "example.com/blob/meta", true},
		{"time", "example.com/mytime", true}, // the spec's own imports first
		{"io", "io", true},
		{"template", "", false}, // ambiguous
		{"nosuch", "", false},
	}
	for _, tt := range tests {
		if path, ok := f.ImportPath(tt.qualifier); path != tt.path || ok != tt.ok {
			t.Errorf("ImportPath(%q) = %q, %v; want %q, %v", tt.qualifier, path, ok, tt.path, tt.ok)
		}
	}
}

// TestStdlibTable checks that every package in the table is a standard
// library package with the name it is listed under. Go releases add
// packages, so the table need not list them all.
func TestStdlibTable(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not available")
	}
	want := map[string]string{} // import path -> name
	for name, paths := range stdlibTable {
		if !slices.IsSorted(paths) {
			t.Errorf("paths of %q not sorted: %q", name, paths)
		}
		for _, p := range paths {
			want[p] = name
		}
	}
	args := []string{"list", "-e", "-f", "{{.ImportPath}} {{.Standard}} {{.Dir}}"}
	for p := range want {
		args = append(args, p)
	}
	cmd := exec.Command(goCmd, args...)
	cmd.Dir = t.TempDir() // outside any module: only the standard library matters
	cmd.Env = append(cmd.Environ(), "GOWORK=off", "GOFLAGS=")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr(err))
	}
	got := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) == 3 && f[1] == "true" {
			got[f[0]] = nameOfPath(f[0])
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("table entries that are not standard packages (-table +go list):\n%s", diff)
	}
}

// nameOfPath is the package name of a standard-library import path.
func nameOfPath(path string) string {
	elems := strings.Split(path, "/")
	last := elems[len(elems)-1]
	if len(elems) > 1 && len(last) > 1 && last[0] == 'v' && strings.Trim(last[1:], "0123456789") == "" {
		return elems[len(elems)-2]
	}
	return last
}

func stderr(err error) []byte {
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.Stderr
	}
	return nil
}
