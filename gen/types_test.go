package gen

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// fakeTypes is a TypeLoader over fixed packages that records its calls.
type fakeTypes struct {
	pkgs  map[string]PackageTypes
	calls [][]string
}

func (f *fakeTypes) LoadTypes(paths []string) (map[string]PackageTypes, error) {
	f.calls = append(f.calls, paths)
	out := map[string]PackageTypes{}
	for _, p := range paths {
		pt, ok := f.pkgs[p]
		if !ok {
			pt.Err = errors.New("not found")
		}
		out[p] = pt
	}
	return out, nil
}

func typesPackage(loader TypeLoader, declared []string, specs ...string) Package {
	p := Package{Dir: "pkg", GoPackage: "pkg", DirName: "pkg", Complete: true, Declared: declared, Types: loader}
	for i, s := range specs {
		p.Specs = append(p.Specs, Input{Name: "pkg/s" + string(rune('a'+i)) + ".shim.yaml", Data: []byte(s)})
	}
	return p
}

const typesSpec = `shimgen: 1
imports:
  meta: example.com/meta
  gone: example.com/gone
interfaces:
  - name: Store
    methods:
      - name: Get
        params: k Key, m map[string]*meta.Attrs, t time.Durtion
        results: v Valeu, f func(Store) meta.Atrs
      - name: Watch
        params: opts ...meta.Option
        stream: ev struct{ At time.Time; X gone.Thing }
`

func TestResolveTypes(t *testing.T) {
	loader := &fakeTypes{pkgs: map[string]PackageTypes{
		"example.com/meta": {Names: []string{"Attrs", "Option"}},
	}}
	_, err := Generate(typesPackage(loader, []string{"Key", "Value"}, typesSpec))
	want := []string{
		`pkg/sa.shim.yaml:9:52: interface "Store": method "Get": unknown type time.Durtion: package "time" has no such exported type (did you mean "Duration"?)`,
		`pkg/sa.shim.yaml:10:20: interface "Store": method "Get": unknown type "Valeu" (did you mean "Value"?)`,
		`pkg/sa.shim.yaml:10:41: interface "Store": method "Get": unknown type meta.Atrs: package "example.com/meta" has no such exported type (did you mean "Attrs"?)`,
		`pkg/sa.shim.yaml:13:44: interface "Store": method "Watch": package "example.com/gone" (gone): not found`,
	}
	if got := strings.Split(errString(err), "\n"); !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// time is the standard library's: its types come from the table.
	if len(loader.calls) != 1 || !slices.Equal(loader.calls[0], []string{"example.com/gone", "example.com/meta"}) {
		t.Errorf("LoadTypes calls %q, want one with the two paths outside the standard library", loader.calls)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestResolveTypesLazily checks that packages are loaded only when a spec
// names a type of a package outside the standard library, once per package
// of specs, and not at all without a loader.
func TestResolveTypesLazily(t *testing.T) {
	builtin := "shimgen: 1\ninterfaces:\n  - name: A\n    methods:\n      - name: M\n        params: a []map[string]any, e error\n"
	local := "shimgen: 1\ninterfaces:\n  - name: B\n    methods:\n      - name: M\n        params: a A, b BAsync, l Local\n"
	std := "shimgen: 1\ninterfaces:\n  - name: C\n    methods:\n      - name: M\n        params: d time.Duration, r io.Reader, s iter.Seq2[int, error], m map[time.Time]fs.FileMode\n"
	loader := &fakeTypes{}
	if _, err := Generate(typesPackage(loader, []string{"Local"}, builtin, local, std)); err != nil {
		t.Fatal(err)
	}
	if len(loader.calls) != 0 {
		t.Errorf("LoadTypes called %q for specs that import nothing but the standard library", loader.calls)
	}
	if _, err := Generate(typesPackage(nil, nil, "shimgen: 1\ninterfaces:\n  - name: A\n    methods:\n      - name: M\n        params: a Nowhere\n")); err != nil {
		t.Errorf("without a loader: %v", err)
	}
}

// TestDeclaredClash checks that an interface named like a type the
// package's Go files declare is a spec error, not code that fails to build.
func TestDeclaredClash(t *testing.T) {
	src := "shimgen: 1\ninterfaces:\n  - name: Entry\n    methods:\n      - name: M\n"
	_, err := Generate(typesPackage(nil, []string{"Entry", "entryAsync"}, src))
	want := `pkg/sa.shim.yaml:3:11: interface "Entry": the package's Go files already declare a type Entry, which the generated code declares; rename one of them`
	if errString(err) != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}
