package gen_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/shimgen/shimgen/gen"
)

const semSpec = `shimgen: 1
imports:
  meta: example.com/meta
interfaces:
  - name: Store
    methods:
      - name: Get
        params: a map[[]int]string, b map[func()]int, c struct{ x, x int }, d struct{ int; int }
        results: e func(x, x int), f iter.Seq[int, int], g time.Duration[int]
      - name: Put
        params: h [4611686018427387904]int64, i *[1099511627776][1099511627776]byte, j Pair[int], k Seq[int], l Seq, m map[meta.Attrs]int
      - name: Fine
        params: m map[Entry]Pair[string, int], n struct{ Entry; *Options }, o iter.Seq2[meta.ID, error], p [1048576]byte
`

// semErrors are the errors of semSpec: with the type loader every type is
// type-checked, without (-no-types) those that use no package.
var semErrors = []string{
	`s.shim.yaml:8:23: interface "Store": method "Get": type "map[[]int]string": invalid map key type []int`,
	`s.shim.yaml:8:43: interface "Store": method "Get": type "map[func()]int": invalid map key type func()`,
	`s.shim.yaml:8:68: interface "Store": method "Get": type "struct{ x, x int }": x redeclared`,
	`s.shim.yaml:8:92: interface "Store": method "Get": type "struct{ int; int }": int redeclared`,
	`s.shim.yaml:9:28: interface "Store": method "Get": type "func(x, x int)": x redeclared in this block`,
	`s.shim.yaml:9:38: interface "Store": method "Get": type "iter.Seq[int, int]": too many type arguments for type Seq: have 2, want 1`,
	`s.shim.yaml:9:60: interface "Store": method "Get": type "time.Duration[int]": invalid operation: time.Duration[int] (time.Duration is not a generic type)`,
	`s.shim.yaml:11:19: interface "Store": method "Put": type "[4611686018427387904]int64": [4611686018427387904]int64 is larger than the address space`,
	`s.shim.yaml:11:49: interface "Store": method "Put": type "*[1099511627776][1099511627776]byte": [1099511627776][1099511627776]byte is larger than the address space`,
	`s.shim.yaml:11:124: interface "Store": method "Put": type "map[meta.Attrs]int": invalid map key type meta.Attrs`,
}

func semPackage(loader gen.TypeLoader) gen.Package {
	return gen.Package{Dir: ".", DirName: "p", Declared: localNames, Types: loader,
		Specs: []gen.Input{{Name: "s.shim.yaml", Data: []byte(semSpec)}}}
}

// TestTypeSemantics: types that parse and resolve but that Go rejects are
// spec errors at their position in the spec.
func TestTypeSemantics(t *testing.T) {
	_, err := gen.Generate(semPackage(theImporter(t)))
	checkLines(t, err, semErrors)
}

// TestTypeSemanticsWithoutLoader: without a type loader, the types that
// use no package are still type-checked.
func TestTypeSemanticsWithoutLoader(t *testing.T) {
	_, err := gen.Generate(semPackage(nil))
	want := slices.DeleteFunc(slices.Clone(semErrors), func(s string) bool {
		return strings.Contains(s, "iter.") || strings.Contains(s, "time.") || strings.Contains(s, "meta.")
	})
	checkLines(t, err, want)
}

func checkLines(t *testing.T, err error, want []string) {
	t.Helper()
	var got []string
	if err != nil {
		got = strings.Split(err.Error(), "\n")
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestTypeSemanticsOfLocalTypes: the package's own types are known from
// the hand-written files ReadDir reads (how many type parameters, whether
// comparable) and the generated interfaces are interfaces.
func TestTypeSemanticsOfLocalTypes(t *testing.T) {
	fsys := handDir("types.go", "package store\ntype Entry struct{}\ntype Seq[T any] func(yield func(T) bool)\ntype Pair[K comparable, V any] struct{}\n")
	fsys["store.shim.yaml"].Data = []byte(`shimgen: 1
interfaces:
  - name: Store
    methods:
      - name: Get
        params: a Entry[int], b map[Seq[int]]int, c Pair[int], d Seq
        results: e struct{ *Store }, f map[Entry]Pair[string, int], g Seq[Pair[int, int]]
`)
	p, err := gen.ReadDir(fsys, ".", "store", nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = gen.Generate(p)
	checkLines(t, err, []string{
		`store.shim.yaml:6:19: interface "Store": method "Get": type "Entry[int]": invalid operation: Entry[int] (Entry is not a generic type)`,
		`store.shim.yaml:6:37: interface "Store": method "Get": type "map[Seq[int]]int": invalid map key type Seq[int]`,
		`store.shim.yaml:6:53: interface "Store": method "Get": type "Pair[int]": not enough type arguments for type Pair: have 1, want 2`,
		`store.shim.yaml:6:66: interface "Store": method "Get": type "Seq": cannot use generic type Seq[_ any] without instantiation`,
		`store.shim.yaml:7:28: interface "Store": method "Get": type "struct{ *Store }": embedded field type cannot be a pointer to an interface`,
	})
}

// noLoader is a TypeLoader that fails the test when it is called.
type noLoader struct{ t *testing.T }

func (l noLoader) LoadTypes(paths []string) (map[string]gen.PackageTypes, error) {
	l.t.Errorf("LoadTypes(%q) called for the standard library", paths)
	return nil, nil
}

// TestTypeSemanticsOfStdTypes: the standard library's types are checked
// from the table shimgen carries (kind, comparability, type parameters),
// with no package loaded.
func TestTypeSemanticsOfStdTypes(t *testing.T) {
	src := `shimgen: 1
interfaces:
  - name: Std
    methods:
      - name: Bad
        params: a map[bytes.Buffer]int, b iter.Seq2[int], c cmp.Ordered, d [2]strings.Builder
        results: e map[[1]bytes.Buffer]bool, f atomic.Pointer
      - name: Fine
        params: g map[time.Time]int, h atomic.Pointer[bytes.Buffer], i map[io.Reader][2]time.Duration, j sync.Map
        results: k iter.Seq2[fs.FileInfo, error], l map[reflect.Type]func(context.Context) error
`
	p := gen.Package{Dir: ".", DirName: "p", Types: noLoader{t}, Specs: []gen.Input{{Name: "s.shim.yaml", Data: []byte(src)}}}
	_, err := gen.Generate(p)
	checkLines(t, err, []string{
		`s.shim.yaml:6:23: interface "Std": method "Bad": type "map[bytes.Buffer]int": invalid map key type bytes.Buffer`,
		`s.shim.yaml:6:43: interface "Std": method "Bad": type "iter.Seq2[int]": not enough type arguments for type Seq2: have 1, want 2`,
		`s.shim.yaml:6:61: interface "Std": method "Bad": type "cmp.Ordered": cannot use type cmp.Ordered outside a type constraint: interface contains type constraints`,
		`s.shim.yaml:7:24: interface "Std": method "Bad": type "map[[1]bytes.Buffer]bool": invalid map key type [1]bytes.Buffer`,
		`s.shim.yaml:7:48: interface "Std": method "Bad": type "atomic.Pointer": cannot use generic type atomic.Pointer[T any] without instantiation`,
	})
}
