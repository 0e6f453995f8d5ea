package gen_test

import (
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/shimgen/shimgen/gen"
	"github.com/shimgen/shimgen/templates"
)

// The generative, fuzz and hostile tests type-check generated code in
// process with go/types. The packages it imports come from one gc importer,
// so that context.Context is the same type in the runtimes package and in
// the generated code: its export data is found with go/packages (go list
// -export), from the runtimes module, on first use of each path. Packages
// that exist only for the tests (example.com/meta) are type-checked from
// source through the same importer.

// fakePackages are import paths the tests' specs use that no module
// provides.
var fakePackages = map[string]string{
	"example.com/meta": `package meta

import "time"

type Attrs map[string]string
type Event struct{ At time.Time; Name string }
type Key[T any] struct{ v T }
type Codec interface{ Encode() []byte }
type ID int64
`,
	// vfs declares what shimgen generates for an interface File, the API
	// a handle of another package's spec is converted through.
	"example.com/vfs": `package vfs

import (
	"context"

	"github.com/shimgen/shimgen/runtimes"
)

type File interface{ Close(ctx context.Context) error }
type FileAsync interface{ Close(ctx context.Context, done func(err error)) }

func NewFileAsync(impl File, rt *runtimes.Runtime) FileAsync       { return nil }
func NewFileBlocking(impl FileAsync, rt *runtimes.Runtime) File    { return nil }
`,
}

// localDecls are the hand-written types of every generated test package.
const localDecls = `
type Entry struct{ Key string; N int }
type Options struct{ Retries int }
type ID string
type Pair[K comparable, V any] struct{ K K; V V }
type Seq[T any] func(yield func(T) bool)
type Handler interface{ Handle(Entry) error }
`

// localNames are the types localDecls declares, sorted (Package.Declared).
var localNames = []string{"Entry", "Handler", "ID", "Options", "Pair", "Seq"}

type testImporter struct {
	mu      sync.Mutex
	fset    *token.FileSet
	exports map[string]string // import path → export data file
	gc      types.Importer
	fakes   map[string]*types.Package
	failed  map[string]error // paths the go command could not load
	loads   int
}

var (
	importerOnce sync.Once
	sharedImp    *testImporter
	importerErr  error
)

// theImporter returns the importer shared by the tests of the package.
func theImporter(t testing.TB) *testImporter {
	t.Helper()
	importerOnce.Do(func() {
		imp := &testImporter{fset: token.NewFileSet(), exports: map[string]string{}, fakes: map[string]*types.Package{}, failed: map[string]error{}}
		imp.gc = importer.ForCompiler(imp.fset, "gc", imp.lookup)
		importerErr = imp.load(templates.RuntimesPath, "context", "time", "iter", "io", "io/fs", "net/http",
			"encoding/json", "math/big", "math/rand/v2", "text/template", "sync", "errors", "os")
		sharedImp = imp
	})
	if importerErr != nil {
		t.Fatalf("loading the packages to type-check against: %v", importerErr)
	}
	return sharedImp
}

// load finds the export data of paths and their dependencies.
func (imp *testImporter) load(paths ...string) error {
	imp.loads++
	for _, p := range paths {
		if !loadable(p) {
			return fmt.Errorf("%q: not loaded by the tests", p)
		}
	}
	dir, err := filepath.Abs(filepath.Join("..", "runtimes"))
	if err != nil {
		return err
	}
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedExportFile | packages.NeedDeps | packages.NeedImports,
		Dir:  dir,
		Env:  append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=readonly"),
	}
	pkgs, err := packages.Load(cfg, paths...)
	if err != nil {
		return err
	}
	var errs []error
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			errs = append(errs, fmt.Errorf("%s: %s", p.PkgPath, e.Msg))
		}
		if p.ExportFile != "" {
			imp.exports[p.PkgPath] = p.ExportFile
		}
	})
	return errors.Join(errs...)
}

// loadable reports whether the tests may ask the go command for path: the
// runtimes package or a standard-library package, never a pattern.
func loadable(path string) bool {
	if path == templates.RuntimesPath {
		return true
	}
	first, _, _ := strings.Cut(path, "/")
	switch {
	case path == "" || strings.Contains(first, ".") || strings.Contains(path, "..") || strings.ContainsAny(path, "\\ @:*?"):
		return false
	case path == "all" || path == "std" || path == "cmd" || path == "main" || path == "tool" || path == "work":
		return false
	case first == "cmd" || path[0] == '.' || path[0] == '/' || path[0] == '-':
		return false
	}
	return true
}

// lookup is the gc importer's way to export data; it runs under imp.mu.
func (imp *testImporter) lookup(path string) (io.ReadCloser, error) {
	file, ok := imp.exports[path]
	if !ok {
		if err := imp.failed[path]; err != nil {
			return nil, err
		}
		if err := imp.load(path); err != nil {
			imp.failed[path] = err
			return nil, err
		}
		if file, ok = imp.exports[path]; !ok {
			return nil, fmt.Errorf("no export data for %q", path)
		}
	}
	return os.Open(file)
}

// Import implements types.Importer.
func (imp *testImporter) Import(path string) (*types.Package, error) {
	imp.mu.Lock()
	defer imp.mu.Unlock()
	return imp.importLocked(path)
}

func (imp *testImporter) importLocked(path string) (*types.Package, error) {
	if src, ok := fakePackages[path]; ok {
		if p := imp.fakes[path]; p != nil {
			return p, nil
		}
		f, err := parser.ParseFile(imp.fset, path+"/fake.go", src, 0)
		if err != nil {
			return nil, err
		}
		conf := types.Config{Importer: lockedImporter{imp}}
		p, err := conf.Check(path, imp.fset, []*ast.File{f}, nil)
		if err != nil {
			return nil, err
		}
		imp.fakes[path] = p
		return p, nil
	}
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	return imp.gc.Import(path)
}

// lockedImporter imports while imp.mu is already held.
type lockedImporter struct{ imp *testImporter }

func (l lockedImporter) Import(path string) (*types.Package, error) { return l.imp.importLocked(path) }

// LoadTypes implements gen.TypeLoader with the same packages.
func (imp *testImporter) LoadTypes(paths []string) (map[string]gen.PackageTypes, error) {
	out := map[string]gen.PackageTypes{}
	for _, path := range paths {
		p, err := imp.Import(path)
		if err != nil {
			out[path] = gen.PackageTypes{Err: errors.New("cannot load")}
			continue
		}
		var names []string
		for _, name := range p.Scope().Names() {
			if _, ok := p.Scope().Lookup(name).(*types.TypeName); ok && token.IsExported(name) {
				names = append(names, name)
			}
		}
		slices.Sort(names)
		out[path] = gen.PackageTypes{Names: names, Types: p}
	}
	return out, nil
}

// typeCheck parses and type-checks the generated files together with the
// hand-written declarations (extra Go sources without package clause) as
// one package, and returns every error.
func typeCheck(imp *testImporter, files []gen.File, extra ...string) error {
	fset := token.NewFileSet()
	var asts []*ast.File
	pkg := "fuzz"
	for _, f := range files {
		af, err := parser.ParseFile(fset, f.Path, f.Data, parser.ParseComments)
		if err != nil {
			return fmt.Errorf("parse: %w", err)
		}
		pkg = af.Name.Name
		asts = append(asts, af)
	}
	for i, src := range extra {
		af, err := parser.ParseFile(fset, fmt.Sprintf("extra%d.go", i), "package "+pkg+"\n"+src, 0)
		if err != nil {
			return fmt.Errorf("parse extra: %w", err)
		}
		asts = append(asts, af)
	}
	var errs []error
	conf := types.Config{Importer: imp, Error: func(err error) {
		if len(errs) < 20 {
			errs = append(errs, err)
		}
	}}
	conf.Check(pkg, fset, asts, nil)
	return errors.Join(errs...)
}

// dumpFiles renders generated files for a failure message.
func dumpFiles(files []gen.File) string {
	var b strings.Builder
	for _, f := range files {
		fmt.Fprintf(&b, "==== %s\n%s\n", f.Path, numbered(f.Data))
	}
	return b.String()
}

func numbered(data []byte) string {
	var b strings.Builder
	for i, l := range strings.Split(string(data), "\n") {
		fmt.Fprintf(&b, "%4d  %s\n", i+1, l)
	}
	return b.String()
}
