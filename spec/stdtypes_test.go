package spec

import (
	"slices"
	"testing"
)

func TestStdlibType(t *testing.T) {
	tests := []struct {
		path, name string
		want       StdType
		ok         bool
	}{
		{"time", "Duration", StdType{Kind: BasicKind, Comparable: true}, true},
		{"time", "Time", StdType{Kind: StructKind, Comparable: true}, true},
		{"bytes", "Buffer", StdType{Kind: StructKind}, true},
		{"io", "Reader", StdType{Kind: InterfaceKind, Comparable: true}, true},
		{"iter", "Seq2", StdType{Kind: FuncKind, Params: []Constraint{AnyConstraint, AnyConstraint}}, true},
		{"cmp", "Ordered", StdType{Kind: ConstraintKind, Comparable: true}, true},
		{"maps", "Keys", StdType{}, false},     // a function, not a type
		{"time", "duration", StdType{}, false}, // unexported
		{"example.com/x", "T", StdType{}, false},
	}
	for _, tt := range tests {
		got, ok := StdlibType(tt.path, tt.name)
		if ok != tt.ok || got.Kind != tt.want.Kind || got.Comparable != tt.want.Comparable || !slices.Equal(got.Params, tt.want.Params) {
			t.Errorf("StdlibType(%q, %q) = %+v, %v; want %+v, %v", tt.path, tt.name, got, ok, tt.want, tt.ok)
		}
	}
	if names, ok := StdlibTypeNames("iter"); !ok || !slices.Equal(names, []string{"Seq", "Seq2"}) {
		t.Errorf("StdlibTypeNames(iter) = %q, %v", names, ok)
	}
	if _, ok := StdlibTypeNames("unsafe"); !ok {
		t.Errorf("unsafe is not a standard-library package of the table")
	}
}

// TestStdlibTypesCoverPackages: every package of the names table has an
// entry in the types table, and the other way round.
func TestStdlibTypesCoverPackages(t *testing.T) {
	paths := map[string]bool{}
	for _, ps := range stdlibTable {
		for _, p := range ps {
			paths[p] = true
			if _, ok := stdlibTypes[p]; !ok {
				t.Errorf("%s: in stdlib_table.go but not in stdlib_types.go; run go generate ./spec", p)
			}
		}
	}
	for p := range stdlibTypes {
		if !paths[p] {
			t.Errorf("%s: in stdlib_types.go but not in stdlib_table.go; run go generate ./spec", p)
		}
	}
}
