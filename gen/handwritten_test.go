package gen_test

import (
	"regexp"
	"testing"
	"testing/fstest"

	"github.com/shimgen/shimgen/gen"
)

const handSpec = `shimgen: 1
interfaces:
  - name: Store
    methods:
      - name: Get
        params: key string
        results: value []byte
        timeout: 5s
      - name: List
        stream: key string
`

// handDir is a package of handSpec and one hand-written file.
func handDir(name, src string) fstest.MapFS {
	return fstest.MapFS{
		"store.shim.yaml": {Data: []byte(handSpec)},
		"doc.go":          {Data: []byte("// Package store stores.\npackage store\n")},
		name:              {Data: []byte(src)},
	}
}

// TestHandWrittenClashes: a hand-written declaration of any kind with a
// generated name, in any file of the package (test files and files for
// another platform too), and a hand-written method on a generated type,
// are spec errors that name the declaration; a file never built and an
// external test package do not count.
func TestHandWrittenClashes(t *testing.T) {
	const at = `pkg/store/store.shim.yaml:3:11: interface "Store": `
	tests := []struct{ file, src, want string }{
		{"a.go", "package store\nfunc NewStoreAsync() {}\n", at + "the package's Go files already declare func NewStoreAsync at a.go:2:6, which the generated code declares; rename one of them"},
		{"a.go", "package store\nvar storeGetTimeout = 5\n", at + "the package's Go files already declare var storeGetTimeout at a.go:2:5, which the generated code declares; rename one of them"},
		{"a.go", "package store\nfunc Store() {}\n", at + "the package's Go files already declare func Store at a.go:2:6, which the generated code declares; rename one of them"},
		{"a.go", "package store\nconst (\n\tx = 1\n\tstoreGetCall = 2\n)\n", at + "the package's Go files already declare const storeGetCall at a.go:4:2, which the generated code declares; rename one of them"},
		{"a.go", "package store\ntype storeAsync struct{}\nfunc (s *storeAsync) Get() {}\n", at + "the package's Go files already declare type storeAsync at a.go:2:6, which the generated code declares; rename one of them"},
		{"a.go", "package store\nfunc (s *storeAsync) Get() {}\n", at + "the package's Go files declare method storeAsync.Get at a.go:2:22 on storeAsync, a type the generated code declares with its own methods; declare it on a type of your own"},
		{"x_windows.go", "package store\nfunc NewStoreBlocking() {}\n", at + "the package's Go files already declare func NewStoreBlocking at x_windows.go:2:6, which the generated code declares; rename one of them"},
		{"x_test.go", "//go:build linux\n\npackage store\nvar storeDirect int\n", at + "the package's Go files already declare var storeDirect at x_test.go:4:5, which the generated code declares; rename one of them"},
		{"gen.go", "//go:build ignore\n\npackage store\nfunc NewStoreAsync() {}\n", ""},
		{"x_test.go", "package store_test\nfunc NewStoreAsync() {}\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.file+" "+tt.src, func(t *testing.T) {
			p, err := gen.ReadDir(handDir(tt.file, tt.src), "pkg/store", "store", nil)
			if err != nil {
				t.Fatal(err)
			}
			_, err = gen.Generate(p)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("error %v, want none", err)
			case tt.want != "" && (err == nil || err.Error() != tt.want):
				t.Fatalf("error:\n%v\nwant:\n%s", err, tt.want)
			}
		})
	}
}

// TestHandWrittenImportNames: hand-written package-level names equal to a
// package the generated code imports (its own and the spec's) make the
// generated files import it under another name, and the package compiles.
func TestHandWrittenImportNames(t *testing.T) {
	const decls = `
type iter struct{}
var runtimes = 1
func context() {}
const time = "t"
var io, meta = 1, 2
`
	spec := `shimgen: 1
interfaces:
  - name: Store
    methods:
      - name: Get
        params: key string, r io.Reader, a meta.Attrs
        results: value []byte
        timeout: 5s
      - name: List
        stream: key string
imports:
  meta: example.com/meta
`
	fsys := handDir("hand.go", "package store\n"+decls)
	fsys["store.shim.yaml"] = &fstest.MapFile{Data: []byte(spec)}
	_, files := generate(t, fsys)
	if err := typeCheck(theImporter(t), files, decls); err != nil {
		t.Fatalf("%v\n%s", err, dumpFiles(files))
	}
}

// TestHandWrittenGuard: a hand-written declaration named like the guard
// constant of a spec is a spec error too.
func TestHandWrittenGuard(t *testing.T) {
	_, files := generate(t, handDir("doc2.go", "package store\n"))
	m := regexp.MustCompile(`(?m)^const (shimgen\w+) =`).FindSubmatch(files[2].Data)
	if m == nil {
		t.Fatalf("no guard in %s:\n%s", files[2].Path, files[2].Data)
	}
	p, err := gen.ReadDir(handDir("a.go", "package store\nvar "+string(m[1])+" = 1\n"), "pkg/store", "store", nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = gen.Generate(p)
	want := "pkg/store/store.shim.yaml:1:1: the package's Go files already declare var " + string(m[1]) + " at a.go:2:5, the guard the generated code declares for this spec; rename it"
	if err == nil || err.Error() != want {
		t.Fatalf("error:\n%v\nwant:\n%s", err, want)
	}
}
