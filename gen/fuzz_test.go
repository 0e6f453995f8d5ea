package gen_test

import (
	"errors"
	"fmt"
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/shimgen/shimgen/gen"
	"github.com/shimgen/shimgen/spec"
	"github.com/shimgen/shimgen/templates"
)

// FuzzGenerate: any input is either a spec.ErrorList whose every entry has
// a position and a message, or generated code that parses and type-checks
// with the package's declarations. Generate type-checks the spec's types,
// with stand-ins for the package's own types (it knows their names only):
// so when the generated code does not type-check, the spec's types are
// checked alone, in a reference file with the real declarations. Code that
// fails where the reference passes is a failure of the generator, and so is
// a reference that fails without using the package's own types.
func FuzzGenerate(f *testing.F) {
	for _, seed := range fuzzSeeds(f) {
		f.Add(seed)
	}
	imp := theImporter(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		p := gen.Package{Dir: ".", DirName: "fuzz", Complete: true, Declared: localNames, Types: imp,
			Specs: []gen.Input{{Name: "fuzz.shim.yaml", Data: data}}}
		files, err := gen.Generate(p)
		if err != nil {
			checkErrorList(t, err, "fuzz.shim.yaml")
			return
		}
		if want := wantedFiles(t, data); len(files) != want {
			t.Fatalf("Generate returned %d files, want %d", len(files), want)
		}
		terr := typeCheck(imp, files, localDecls)
		if terr == nil {
			return
		}
		model, err := spec.Parse("fuzz.shim.yaml", data)
		if err != nil {
			t.Fatalf("Generate succeeded but Parse fails: %v", err)
		}
		if rerr := typeCheck(imp, files[:0:0], localDecls, referenceDecls(model)); rerr != nil {
			if !usesLocalTypes(model) {
				t.Fatalf("Generate accepted types that are not valid Go: %v\nspec:\n%s", rerr, data)
			}
			t.Skipf("the spec's types, which use the package's own, are not valid Go: %v", rerr)
		}
		t.Fatalf("generated code does not type-check, though the spec's types do:\n%v\nspec:\n%s\n%s", terr, data, dumpFiles(files))
	})
}

// checkErrorList checks the invariants of an error of Generate.
func checkErrorList(t *testing.T, err error, file string) {
	t.Helper()
	var list spec.ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("error is %T, not a non-empty spec.ErrorList: %v", err, err)
	}
	for _, e := range list {
		if e.Pos.File != file || e.Pos.Line < 1 || e.Pos.Col < 1 || strings.TrimSpace(e.Msg) == "" {
			t.Errorf("error without a position or message: %q at %+v", e.Msg, e.Pos)
		}
	}
}

// referenceDecls declares the spec's types in a Go file of the generated
// package: the parameter lists as func types, the interfaces as empty
// interfaces, and imports for the qualifiers.
func referenceDecls(f *spec.File) string {
	var decls strings.Builder
	quals := map[string]string{}
	list := func(ps []*spec.Param) string {
		var parts []string
		for _, p := range ps {
			ast.Inspect(p.Type, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok {
					if x, ok := sel.X.(*ast.Ident); ok {
						quals[x.Name], _ = f.ImportPath(x.Name)
					}
				}
				return true
			})
			dots := ""
			if p.Variadic {
				dots = "..."
			}
			parts = append(parts, p.Name+" "+dots+p.TypeText)
		}
		return strings.Join(parts, ", ")
	}
	for _, iface := range f.Interfaces {
		fmt.Fprintf(&decls, "type %s interface{}\ntype %sAsync interface{}\n", iface.Name, iface.Name)
		for _, m := range iface.Methods {
			fmt.Fprintf(&decls, "var _ func(%s) (%s)\n", list(m.Params), list(m.Results))
			if m.Stream != nil {
				fmt.Fprintf(&decls, "var _ func(%s)\n", list([]*spec.Param{m.Stream}))
			}
		}
	}
	var b strings.Builder
	for _, q := range slices.Sorted(func(yield func(string) bool) {
		for q := range quals {
			if !yield(q) {
				return
			}
		}
	}) {
		fmt.Fprintf(&b, "import %s %q\n", q, quals[q])
	}
	b.WriteString(decls.String())
	return b.String()
}

// usesLocalTypes reports whether f's types name a type of the package.
func usesLocalTypes(f *spec.File) bool {
	for _, iface := range f.Interfaces {
		for _, m := range iface.Methods {
			for _, p := range m.Items() {
				local := false
				ast.Inspect(p.Type, func(n ast.Node) bool {
					if _, ok := n.(*ast.SelectorExpr); ok {
						return false
					}
					if id, ok := n.(*ast.Ident); ok && types.Universe.Lookup(id.Name) == nil {
						local = true
					}
					return !local
				})
				if local {
					return true
				}
			}
		}
	}
	return false
}

// invalidTypes are types that parse but that Go rejects, for the seeds and
// the generative test.
var invalidTypes = []string{
	"map[[]int]string", "map[func()]int", "struct{ x, x int }", "struct{ int; int }", "func(x, x int)",
	"iter.Seq[int, int]", "time.Duration[int]", "[4611686018427387904]int64", "*[1099511627776][1099511627776]byte",
	"map[struct{ f []int }]bool", "chan map[map[string]int]int",
}

// fuzzSeeds are the specs of the golden cases and of the examples, and one
// per invalid type.
func fuzzSeeds(t testing.TB) [][]byte {
	var seeds [][]byte
	names, _ := filepath.Glob("testdata/golden/*.txtar")
	for _, name := range names {
		ar, err := txtar.ParseFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if strings.HasSuffix(f.Name, gen.SpecSuffix) {
				seeds = append(seeds, f.Data)
			}
		}
	}
	examples, _ := filepath.Glob("../examples/*/*" + gen.SpecSuffix)
	for _, name := range examples {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		seeds = append(seeds, data)
	}
	if len(seeds) == 0 {
		t.Fatal("no seed specs")
	}
	for _, typ := range invalidTypes {
		seeds = append(seeds, []byte("shimgen: 1\ninterfaces:\n  - name: A\n    methods:\n      - name: M\n        params: 'a "+typ+"'\n"))
	}
	return seeds
}

// wantedFiles is the number of files the default forms write for a valid
// spec: an optional form writes one only for some specs.
func wantedFiles(t *testing.T, data []byte) int {
	model, err := spec.Parse("fuzz.shim.yaml", data)
	if err != nil {
		t.Fatalf("Generate succeeded but Parse fails: %v", err)
	}
	n := 0
	for _, form := range gen.DefaultForms() {
		if templates.Wants(form, model) {
			n++
		}
	}
	return n
}
