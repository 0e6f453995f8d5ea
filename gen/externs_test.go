package gen_test

import (
	"bytes"
	"go/types"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/shimgen/shimgen/gen"
)

// TestHandlesOfOtherSpecs: generating one spec of a directory alone gives
// what generating the whole directory gives for it; the directory's other
// specs (Package.Others) still make their interfaces handles.
func TestHandlesOfOtherSpecs(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/golden/handles-specs.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys, want := fstest.MapFS{}, map[string][]byte{}
	for _, f := range ar.Files {
		switch {
		case strings.HasSuffix(f.Name, gen.SpecSuffix):
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		case strings.HasPrefix(f.Name, "dirs_"):
			want[f.Name] = f.Data
		}
	}
	p, err := gen.ReadDir(fsys, ".", "golden", []string{"dirs.shim.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Specs) != 1 || len(p.Others) != 1 || p.Others[0].Name != "file.shim.yaml" {
		t.Fatalf("Specs %v, Others %v; want dirs.shim.yaml and file.shim.yaml", p.Specs, p.Others)
	}
	p.GoPackage = "golden"
	files, err := gen.Generate(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(want) {
		t.Fatalf("%d files, want %d", len(files), len(want))
	}
	for _, f := range files {
		if !bytes.Equal(f.Data, want[f.Path]) {
			t.Errorf("%s differs from the golden's", f.Path)
		}
	}
	// without it, File is a type of the package like any other
	p.Others = nil
	files, err = gen.Generate(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if bytes.Contains(f.Data, []byte("FileAsync")) {
			t.Errorf("%s names FileAsync without the spec declaring File", f.Path)
		}
	}
}

// TestHandlesOfImportedSpecs: an interface an imported package's spec
// declares is a handle, even before its code is generated (its types lack
// it), and one it does not declare is an unknown type.
func TestHandlesOfImportedSpecs(t *testing.T) {
	const dirs = `shimgen: 1
imports:
  vfs: example.com/vfs
interfaces:
  - name: Dirs
    methods:
      - name: Open
        params: name string
        results: f vfs.File
`
	vfs := gen.PackageTypes{Types: types.NewPackage("example.com/vfs", "vfs"), Specs: []gen.Input{{Name: "example.com/vfs/file.shim.yaml", Data: []byte(
		"shimgen: 1\ninterfaces:\n  - name: File\n    methods:\n      - name: Close\n")}}}
	p := gen.Package{Dir: ".", DirName: "app", Complete: true, Specs: []gen.Input{{Name: "dirs.shim.yaml", Data: []byte(dirs)}},
		Types: gen.Loaded{Types: map[string]gen.PackageTypes{"example.com/vfs": vfs}}}
	files, err := gen.Generate(p)
	if err != nil {
		t.Fatal(err)
	}
	converted := false
	for _, f := range files {
		converted = converted || f.Path == "dirs_async.go" && bytes.Contains(f.Data, []byte("shimgenDirsHandle(c.f, c.rt, vfs.NewFileAsync)"))
	}
	if !converted {
		t.Error("dirs_async.go does not convert the handle with vfs.NewFileAsync")
	}
	vfs.Specs = nil
	p.Types = gen.Loaded{Types: map[string]gen.PackageTypes{"example.com/vfs": vfs}}
	if _, err := gen.Generate(p); err == nil || !strings.Contains(err.Error(), "unknown type vfs.File") {
		t.Fatalf("without vfs's spec: %v, want unknown type vfs.File", err)
	}
}

// TestHandleFuncClash: two specs whose names give one helper name cannot
// both have handles of other specs.
func TestHandleFuncClash(t *testing.T) {
	use := func(iface, other string) []byte {
		return []byte("shimgen: 1\ninterfaces:\n  - name: " + iface + "\n    methods:\n      - name: Get\n        results: h " + other + "\n")
	}
	p := gen.Package{Dir: ".", DirName: "p", Complete: true, Specs: []gen.Input{
		{Name: "a-b.shim.yaml", Data: use("X", "Y")},
		{Name: "a_b.shim.yaml", Data: use("Y", "X")},
	}}
	_, err := gen.Generate(p)
	if err == nil || !strings.Contains(err.Error(), "a_b.shim.yaml:1:1: this spec and a-b.shim.yaml both declare shimgenABHandle") {
		t.Fatalf("err = %v, want the clash of shimgenABHandle", err)
	}
}
