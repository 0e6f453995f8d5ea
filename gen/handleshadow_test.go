package gen_test

import (
	"strings"
	"testing"

	"github.com/shimgen/shimgen/gen"
)

// TestHandleStreamShadowing: a parameter of a method streaming handles
// cannot take a name the conversion of the items uses in the method body
// (bool, error, the package of the item's type); other streams and unary
// methods may.
func TestHandleStreamShadowing(t *testing.T) {
	tests := []struct {
		method, want string
	}{
		{"{name: M, params: 'bool int', stream: 'f F'}", `h.shim.yaml:5:28: interface "A": method "M": parameter "bool" would shadow the predeclared type bool`},
		{"{name: M, params: 'n int, error string', stream: 'f F'}", `h.shim.yaml:5:35: interface "A": method "M": parameter "error" would shadow the predeclared type error`},
		{"{name: M, params: 'bool int', stream: 'f int'}", ""},
		{"{name: M, params: 'bool int', results: 'f F'}", ""},
	}
	imp := theImporter(t)
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			src := "shimgen: 1\ninterfaces:\n  - name: A\n    methods:\n      - " + tt.method + "\n  - {name: F, methods: [{name: N}]}\n"
			files, err := gen.Generate(gen.Package{Dir: ".", DirName: "hostile", Complete: true, Declared: localNames, Types: imp,
				Specs: []gen.Input{{Name: "h.shim.yaml", Data: []byte(src)}}})
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Generate: %v", err)
				}
				if err := typeCheck(imp, files, localDecls); err != nil {
					t.Errorf("generated code does not type-check: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error; want %q", tt.want)
			}
			checkErrorList(t, err, "h.shim.yaml")
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}
