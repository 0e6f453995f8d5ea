package gen

import (
	"slices"
	"strings"
	"testing"
)

// TestErrorsAtOnce: the types a spec names are resolved even when the spec
// has other errors, and every error comes in one list, sorted: an unknown
// key does not hide an unknown type until the next run. Types whose
// qualifier or import is in error are not resolved again.
func TestErrorsAtOnce(t *testing.T) {
	loader := &fakeTypes{pkgs: map[string]PackageTypes{"example.com/meta": {Names: []string{"Attrs"}}}}
	bad := `shimgen: 1
imports:
  meta: example.com/meta
  broken: "not a path"
interfaces:
  - name: Store
    colour: blue
    methods:
      - name: Get
        params: k Kye, a meta.Atrs, b broken.Thing, c nowhere.Thing
`
	other := "shimgen: 1\ninterfaces:\n  - name: Other\n    methods:\n      - name: M\n        params: v Valeu\n"
	_, err := Generate(typesPackage(loader, []string{"Key", "Value"}, bad, other))
	want := []string{
		`pkg/sa.shim.yaml:4:11: import "broken": invalid import path "not a path": invalid char ' '`,
		`pkg/sa.shim.yaml:7:5: interface "Store": unknown key "colour" (expected one of: name, doc, from, as, embeds, methods)`,
		`pkg/sa.shim.yaml:10:19: interface "Store": method "Get": unknown type "Kye" (did you mean "Key"?)`,
		`pkg/sa.shim.yaml:10:26: interface "Store": method "Get": unknown type meta.Atrs: package "example.com/meta" has no such exported type (did you mean "Attrs"?)`,
		`pkg/sa.shim.yaml:10:55: interface "Store": method "Get": unknown qualifier "nowhere" in type "nowhere.Thing": declare it under imports`,
		`pkg/sb.shim.yaml:6:19: interface "Other": method "M": unknown type "Valeu" (did you mean "Value"?)`,
	}
	if got := strings.Split(errString(err), "\n"); !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
