package gen

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestExportLoader loads real packages from export data and finds what
// go/packages finds, and tells a package that does not exist or does not
// compile from one that loads.
func TestExportLoader(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	paths := []string{"example.invalid/nothing", "io/fs", "time", "github.com/dave/jennifer/jen"}
	got, err := ExportLoader{Dir: "."}.LoadTypes(paths)
	if err != nil {
		t.Fatal(err)
	}
	want, err := PackagesLoader{Dir: "."}.LoadTypes(paths)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths[1:] {
		if got[p].Err != nil || !slices.Equal(got[p].Names, want[p].Names) {
			t.Errorf("%s: %v, %q; go/packages: %q", p, got[p].Err, got[p].Names, want[p].Names)
		}
	}
	if got["example.invalid/nothing"].Err == nil {
		t.Error("a package that does not exist loaded without an error")
	}
}

func TestExportLoaderBrokenPackage(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":       "module example.com/m\n\ngo 1.23\n",
		"ok/ok.go":     "package ok\n\ntype T struct{}\n",
		"bad/bad.go":   "package bad\n\ntype T struct{ x undefined }\n",
		"uses/uses.go": "package uses\n\nimport \"example.com/m/ok\"\n\ntype U struct{ ok.T }\n",
	}
	for name, src := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := ExportLoader{Dir: dir, Env: append(os.Environ(), "GOWORK=off", "GOFLAGS=")}.LoadTypes(
		[]string{"example.com/m/bad", "example.com/m/ok", "example.com/m/uses"})
	if err != nil {
		t.Fatal(err)
	}
	if e := got["example.com/m/bad"].Err; e == nil || !strings.Contains(e.Error(), "undefined") {
		t.Errorf("bad: %v", e)
	}
	for _, p := range []string{"example.com/m/ok", "example.com/m/uses"} {
		if got[p].Err != nil || len(got[p].Names) != 1 {
			t.Errorf("%s: %+v", p, got[p])
		}
	}
}
