package gen

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
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
	want, err := packagesLoader{Dir: "."}.LoadTypes(paths)
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

// packagesLoader is the oracle of the export-data loader: it loads the
// imported packages with golang.org/x/tools/go/packages, as the go command
// sees them from Dir (so the module's requirements and replacements count),
// reading their types from export data.
type packagesLoader struct {
	Dir string
}

// LoadTypes implements TypeLoader.
func (l packagesLoader) LoadTypes(paths []string) (map[string]PackageTypes, error) {
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes, Dir: l.Dir}
	pkgs, err := packages.Load(cfg, paths...)
	if err != nil {
		return nil, err
	}
	out := make(map[string]PackageTypes, len(paths))
	for _, pkg := range pkgs {
		out[pkg.ID] = packageTypes(pkg)
	}
	for _, path := range paths {
		if _, ok := out[path]; !ok {
			out[path] = PackageTypes{Err: errors.New("not found")}
		}
	}
	return out, nil
}

// packageTypes returns the exported type names of a loaded package, or why
// it could not be loaded.
func packageTypes(pkg *packages.Package) PackageTypes {
	if len(pkg.Errors) > 0 && (pkg.Types == nil || !pkg.Types.Complete() || pkg.Name == "") {
		return PackageTypes{Err: errors.New(pkg.Errors[0].Msg)}
	}
	return PackageTypes{Names: exportedTypeNames(pkg.Types), Types: pkg.Types}
}
