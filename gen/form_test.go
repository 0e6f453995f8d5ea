package gen_test

import (
	"path"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/gen"
	"github.com/shimgen/shimgen/spec"
	"github.com/shimgen/shimgen/templates"
)

// countingForm is a form registered only by this test, to prove that a
// form is one unit: for each interface X it declares XCounting, a blocking
// implementation that counts its calls and forwards them to another.
type countingForm struct{}

func (countingForm) Name() string                      { return "counting" }
func (countingForm) Suffix() string                    { return "_counting.go" }
func (countingForm) Locals(k spec.MethodKind) []string { return []string{"ctx"} }

func (countingForm) Declares(iface *spec.Interface) []templates.Decl {
	return []templates.Decl{{Name: iface.Name + "Counting", API: true}}
}

// Emit writes, per interface,
//
//	type StoreCounting struct {
//		Impl  Store
//		Calls atomic.Int64
//	}
//
//	func (c *StoreCounting) Get(ctx context.Context, key string) (data []byte, err error) {
//		c.Calls.Add(1)
//		return c.Impl.Get(ctx, key)
//	}
func (countingForm) Emit(u *templates.Unit, f *jen.File) error {
	u.NameGuard(f, "counting")
	for _, iface := range u.Spec.Interfaces {
		name := iface.Name + "Counting"
		f.Commentf("%s counts the calls of Impl.", name)
		f.Type().Id(name).Struct(jen.Id("Impl").Id(iface.Name), jen.Id("Calls").Qual("sync/atomic", "Int64"))
		recv := templates.Fresh("c", templates.ParamNames(iface))
		for _, m := range iface.Methods {
			f.Func().Params(jen.Id(recv).Op("*").Id(name)).Id(m.Name).Params(u.Params(m, true)...).Add(u.Results(m)).Block(
				jen.Id(recv).Dot("Calls").Dot("Add").Call(jen.Lit(1)),
				jen.Return(jen.Id(recv).Dot("Impl").Dot(m.Name).Call(templates.Spread(m)...)),
			)
		}
	}
	return u.Err()
}

// formSpec has a unary method and a stream, so that the counting form
// meets both kinds.
const formSpec = `shimgen: 1
interfaces:
  - name: Store
    methods:
      - name: Get
        params: key string
        results: n int
      - name: Keys
        params: prefix string, limit ...int
        stream: key string
`

// formTest runs the counting form over the callback form over a blocking
// implementation: each layer's calls reach the next.
const formTest = `package forms

import (
	"context"
	"iter"
	"testing"

	"github.com/shimgen/shimgen/runtimes/goroutine"
)

type store struct{}

func (store) Get(ctx context.Context, key string) (int, error) { return len(key), nil }

func (store) Keys(ctx context.Context, prefix string, limit ...int) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) { yield(prefix+"1", nil) }
}

func TestCountingForm(t *testing.T) {
	rt := goroutine.New()
	defer rt.Close(context.Background())
	c := &StoreCounting{Impl: NewStoreBlocking(NewStoreAsync(store{}, rt), rt)}
	if n, err := c.Get(context.Background(), "abc"); n != 3 || err != nil {
		t.Fatalf("Get = %d, %v", n, err)
	}
	for k, err := range c.Keys(context.Background(), "k") {
		if k != "k1" || err != nil {
			t.Fatalf("Keys yielded %q, %v", k, err)
		}
	}
	if got := c.Calls.Load(); got != 2 {
		t.Fatalf("Calls = %d, want 2", got)
	}
}
`

// extraForm generates formSpec with the default forms and the counting
// form into package forms of the module at root, with a test that runs
// it; TestGoldenCompile builds and runs it with the golden cases.
func extraForm(t *testing.T, root string) {
	t.Helper()
	forms := append(gen.DefaultForms(), countingForm{})
	files, err := gen.Generate(gen.Package{Dir: "forms", GoPackage: "forms", Forms: forms,
		Specs: []gen.Input{{Name: "forms/store.shim.yaml", Data: []byte(formSpec)}}})
	if err != nil {
		t.Fatal(err)
	}
	if want := len(forms) - 1; len(files) != want { // the adapt form: no from in formSpec
		t.Fatalf("Generate returned %d files for %d forms, want %d", len(files), len(forms), want)
	}
	for _, f := range files {
		writeTree(t, root, f.Path, f.Data)
	}
	if _, ok := byPath(files)["forms/store_counting.go"]; !ok {
		t.Fatalf("no file for the counting form among %v", files)
	}
	writeTree(t, root, path.Join("forms", "forms_test.go"), []byte(formTest))
}

func byPath(files []gen.File) map[string]gen.File {
	m := map[string]gen.File{}
	for _, f := range files {
		m[f.Path] = f
	}
	return m
}

// TestFormLocalsAreReserved: every name a form binds in a method's scope is
// in spec's table of reserved names for that kind, so a spec can never
// name a parameter like it.
func TestFormLocalsAreReserved(t *testing.T) {
	for _, f := range append(gen.DefaultForms(), countingForm{}) {
		for _, k := range spec.Kinds {
			for _, name := range f.Locals(k) {
				if !spec.IsReserved(name, k) {
					t.Errorf("form %s binds %q in %v methods, which spec does not reserve", f.Name(), name, k)
				}
			}
		}
	}
}

// TestFormsRejectUnknownKinds: a method kind a form has no case for is an
// internal error, never silently wrong code.
func TestFormsRejectUnknownKinds(t *testing.T) {
	m := &spec.Method{Name: "Get", Kind: spec.MethodKind(99)}
	f := &spec.File{Name: "x.shim.yaml", Interfaces: []*spec.Interface{{Name: "Store", Methods: []*spec.Method{m},
		From: &spec.Origin{Path: "example.com/store", Name: "Store"}}}}
	for _, form := range gen.DefaultForms() {
		u := templates.NewUnit(f, "p")
		err := form.Emit(u, u.NewFile())
		if form.Name() == "common" {
			continue // declares nothing per method of these kinds
		}
		if err == nil || !strings.Contains(err.Error(), "unsupported method kind") {
			t.Errorf("form %s: Emit of a method of kind 99 = %v, want an unsupported-kind error", form.Name(), err)
		}
	}
}
