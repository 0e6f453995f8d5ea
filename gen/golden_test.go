package gen_test

import (
	"bytes"
	"errors"
	"flag"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	udiff "github.com/aymanbagabas/go-udiff"
	"golang.org/x/tools/txtar"

	"github.com/shimgen/shimgen/gen"
	"github.com/shimgen/shimgen/spec"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden with the current output")

// A golden case is a txtar archive holding one or more specs (*.shim.yaml),
// optional Go files of the package (support types, behaviour tests), and
// either the expected generated files or, for a failing case, a file named
// "errors" with the expected error lines. Cases are generated as package
// "golden"; TestGoldenCompile then builds and tests every passing case.
func TestGolden(t *testing.T) {
	for _, name := range goldenCases(t) {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(name)
			if err != nil {
				t.Fatal(err)
			}
			got := generateCase(t, ar)
			if *update {
				writeCase(t, name, ar, got)
				return
			}
			compareCase(t, ar, got)
		})
	}
}

func goldenCases(t *testing.T) []string {
	names, err := filepath.Glob("testdata/golden/*.txtar")
	if err != nil || len(names) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	return names
}

// generateCase runs Generate on the case's specs and returns the expected
// sections: generated files by name, or "errors".
func generateCase(t *testing.T, ar *txtar.Archive) map[string][]byte {
	p := gen.Package{Dir: ".", DirName: "golden", GoPackage: "golden", Complete: true}
	for _, f := range ar.Files {
		if strings.HasSuffix(f.Name, gen.SpecSuffix) {
			p.Specs = append(p.Specs, gen.Input{Name: f.Name, Data: f.Data})
		}
	}
	files, err := gen.Generate(p)
	if err != nil {
		var list spec.ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("Generate: %v", err)
		}
		return map[string][]byte{"errors": []byte(err.Error() + "\n")}
	}
	out := map[string][]byte{}
	for _, f := range files {
		out[f.Path] = f.Data
	}
	return out
}

// isOutput reports whether an archive file is an expected output (as
// opposed to an input: a spec or a Go file of the package).
func isOutput(name string) bool {
	return name == "errors" || gen.DefaultForms().IsOutputName(name)
}

func compareCase(t *testing.T, ar *txtar.Archive, got map[string][]byte) {
	want := map[string][]byte{}
	for _, f := range ar.Files {
		if isOutput(f.Name) {
			want[f.Name] = f.Data
		}
	}
	for name, data := range got {
		w, ok := want[name]
		if !ok {
			t.Errorf("unexpected output %s (run go test ./gen -run TestGolden -update):\n%s", name, data)
			continue
		}
		if !bytes.Equal(w, data) {
			t.Errorf("%s differs from the golden file (-want +got; run go test ./gen -run TestGolden -update):\n%s",
				name, udiff.Unified("want/"+name, "got/"+name, string(w), string(data)))
		}
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("golden file %s was not generated", name)
		}
	}
}

// writeCase replaces the outputs of the archive with got, keeping inputs.
func writeCase(t *testing.T, name string, ar *txtar.Archive, got map[string][]byte) {
	var files []txtar.File
	for _, f := range ar.Files {
		if !isOutput(f.Name) {
			files = append(files, f)
		}
	}
	for _, n := range sortedKeys(got) {
		files = append(files, txtar.File{Name: n, Data: got[n]})
	}
	ar.Files = files
	if err := os.WriteFile(name, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
}

func sortedKeys(m map[string][]byte) []string {
	return slices.Sorted(maps.Keys(m))
}

// caseDir is the package directory of a case inside the compile module.
func caseDir(root, name string) string {
	return filepath.Join(root, strings.TrimSuffix(path.Base(name), ".txtar"))
}
