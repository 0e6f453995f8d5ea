package gen_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/shimgen/shimgen/gen"
)

// TestGoldenCompile builds every passing golden case as a package of a
// throwaway module that uses the repository's runtimes module, vets it and
// runs the behaviour tests the case carries, so the golden files are proven
// to compile and to behave, not just to match.
func TestGoldenCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the golden cases with the go command")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	root := t.TempDir()
	runtimes, err := filepath.Abs(filepath.Join("..", "runtimes"))
	if err != nil {
		t.Fatal(err)
	}
	gomod := fmt.Sprintf("module golden.test\n\ngo 1.26\n\nrequire github.com/shimgen/shimgen/runtimes v0.0.0\n\nreplace github.com/shimgen/shimgen/runtimes => %s\n", runtimes)
	writeTree(t, root, "go.mod", []byte(gomod))
	n := 0
	for _, name := range goldenCases(t) {
		ar, err := txtar.ParseFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if hasErrors(ar) {
			continue
		}
		n++
		dir := caseDir(root, name)
		for _, f := range ar.Files {
			if strings.HasSuffix(f.Name, ".go") {
				writeTree(t, dir, f.Name, f.Data)
			}
		}
	}
	if n == 0 {
		t.Fatal("no passing golden case to compile")
	}
	mismatch(t, root)
	extraForm(t, root)
	goCmd(t, goBin, root, "vet", "./...")
	checkGuard(t, goBin, root)
	args := []string{"test", "-count=1"}
	if raceEnabled {
		args = append(args, "-race")
	}
	goCmd(t, goBin, root, append(args, "./...")...)
}

func hasErrors(ar *txtar.Archive) bool {
	for _, f := range ar.Files {
		if f.Name == "errors" {
			return true
		}
	}
	return false
}

func writeTree(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func goCmd(t *testing.T, goBin, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command(goBin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	t.Logf("go %s:\n%s", strings.Join(args, " "), out)
}

// mismatch generates the common part and the blocking form of one version
// of a spec and the callback form of the next into package _guard; the
// control package _guardok holds one version's three files.
func mismatch(t *testing.T, root string) {
	v1 := gen.Package{Dir: ".", GoPackage: "mismatch", Specs: []gen.Input{{Name: "s.shim.yaml", Data: []byte(guardSpec)}}}
	v2 := v1
	v2.Specs = []gen.Input{{Name: "s.shim.yaml", Data: []byte(strings.Replace(guardSpec, "key string", "key, prefix string", 1))}}
	a, err := gen.Generate(v1)
	if err != nil {
		t.Fatal(err)
	}
	b, err := gen.Generate(v2)
	if err != nil {
		t.Fatal(err)
	}
	// Sorted by path: s_async.go, s_blocking.go, s_shim.go.
	writeTree(t, filepath.Join(root, "_guard"), a[2].Path, a[2].Data)
	writeTree(t, filepath.Join(root, "_guard"), a[1].Path, a[1].Data)
	writeTree(t, filepath.Join(root, "_guard"), b[0].Path, b[0].Data)
	for _, f := range a {
		writeTree(t, filepath.Join(root, "_guardok"), f.Path, f.Data)
	}
}

const guardSpec = "shimgen: 1\ninterfaces:\n  - name: S\n    methods:\n      - name: Get\n        params: key string\n"

// checkGuard proves that files generated from different versions of a spec
// do not build together, and that the compiler names the guard.
func checkGuard(t *testing.T, goBin, root string) {
	goCmd(t, goBin, root, "build", "./_guardok")
	cmd := exec.Command(goBin, "build", "./_guard")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "undefined: shimgenS") {
		t.Fatalf("blocking and callback forms of different spec versions: go build err = %v, output:\n%s\nwant a failure naming the guard", err, out)
	}
}
