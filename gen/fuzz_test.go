package gen_test

import (
	"errors"
	"fmt"
	"go/ast"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/shimgen/shimgen/gen"
	"github.com/shimgen/shimgen/spec"
)

// FuzzGenerate: any input is either a spec.ErrorList whose every entry has
// a position and a message, or generated code that parses and type-checks
// with the package's declarations. Generate resolves type names (Types is
// set) but cannot know everything the type checker does (a map key that is
// not comparable, the arity of a generic type); so when the generated code
// does not type-check, the spec's own types are checked alone, in a
// reference file, and only code that fails where the reference passes is a
// failure of the generator.
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
		if len(files) != len(gen.DefaultForms()) {
			t.Fatalf("Generate returned %d files", len(files))
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
			t.Skipf("the spec's types are not valid Go: %v", rerr)
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

// fuzzSeeds are the specs of the golden cases and of the examples.
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
	return seeds
}
