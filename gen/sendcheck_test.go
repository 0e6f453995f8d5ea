package gen_test

import (
	"strings"
	"testing"

	"github.com/shimgen/shimgen/gen"
)

// TestSendChecks: the package-wide checks of gen cover the sent item and
// the blocking form's iterator of the sent items: names that would shadow
// generated identifiers, and types that do not exist or do not type-check.
func TestSendChecks(t *testing.T) {
	tests := []struct {
		method, want string
	}{
		{"{name: M, send: 'nil int'}", `h.shim.yaml:5:26: interface "A": method "M": sent item "nil" would shadow`},
		{"{name: M, send: 'A int'}", `h.shim.yaml:5:26: interface "A": method "M": sent item "A" would shadow`},
		{"{name: M, send: 'c Nope', stream: 'd int'}", `h.shim.yaml:5:28: interface "A": method "M": unknown type "Nope"`},
		{"{name: M, send: 'c map[[]byte]int', results: 'n int'}", `h.shim.yaml:5:32: interface "A": method "M": type "map[[]byte]int": invalid map key type []byte`},
		{"{name: M, send: 'Chunk int'}", `h.shim.yaml:5:26: interface "A": method "M": sent item "Chunk": the iterator of the sent items "Chunks" would shadow`},
	}
	imp := theImporter(t)
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			src := "shimgen: 1\ninterfaces:\n  - name: A\n    methods:\n      - " + tt.method + "\n  - {name: Chunks, methods: [{name: N}]}\n"
			_, err := gen.Generate(gen.Package{Dir: ".", DirName: "hostile", Complete: true, Declared: localNames, Types: imp,
				Specs: []gen.Input{{Name: "h.shim.yaml", Data: []byte(src)}}})
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
