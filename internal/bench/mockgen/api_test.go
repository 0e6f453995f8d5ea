package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"testing"

	"github.com/shimgen/shimgen/spec"
)

// TestFormsAgree checks that the spec and the Go interface given to the
// two generators describe the same methods: the spec parses and
// validates, and both have every method, in order, with the same params
// and results (plus ctx and err in Go).
func TestFormsAgree(t *testing.T) {
	ms := methods(300, 7)
	if !reflect.DeepEqual(ms, methods(300, 7)) {
		t.Fatal("methods is not deterministic")
	}
	f, err := spec.Parse("x.shim.yaml", shimSpec(ms))
	if err != nil {
		t.Fatal(err)
	}
	specMethods := f.Interfaces[0].Methods
	goMethods := interfaceMethods(t, goSource(apiPkg, ms))
	if len(specMethods) != len(ms) || len(goMethods) != len(ms) {
		t.Fatalf("%d methods, spec has %d, Go interface %d", len(ms), len(specMethods), len(goMethods))
	}
	for i, m := range ms {
		s, g := specMethods[i], goMethods[i]
		ft := g.Type.(*ast.FuncType)
		if s.Name != m.name || g.Names[0].Name != m.name ||
			len(s.Params) != len(m.params) || ft.Params.NumFields() != len(m.params)+1 ||
			len(s.Results) != len(m.results) || ft.Results.NumFields() != len(m.results)+1 {
			t.Errorf("method %d (%s) differs: spec %s %d→%d, Go %s %d→%d", i, m.name,
				s.Name, len(s.Params), len(s.Results), g.Names[0].Name, ft.Params.NumFields(), ft.Results.NumFields())
		}
	}
}

// interfaceMethods parses src and returns the methods of its interface.
func interfaceMethods(t *testing.T, src []byte) []*ast.Field {
	t.Helper()
	file, err := parser.ParseFile(token.NewFileSet(), "x.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var fields []*ast.Field
	ast.Inspect(file, func(n ast.Node) bool {
		if it, ok := n.(*ast.InterfaceType); ok {
			fields = it.Methods.List
		}
		return true
	})
	return fields
}
