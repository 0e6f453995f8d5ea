package scaffold

import (
	"go/token"
	"go/types"
	"testing"
)

func TestNameFor(t *testing.T) {
	pkg := types.NewPackage("example.com/x", "x")
	named := func(name string) types.Type {
		return types.NewNamed(types.NewTypeName(token.NoPos, pkg, name, nil), types.NewStruct(nil, nil), nil)
	}
	for _, tc := range []struct {
		t    types.Type
		want string
	}{
		{types.NewPointer(named("Request")), "req"},
		{named("Response"), "resp"},
		{named("DirEntry"), "dirEntry"},
		{types.NewSlice(named("DirEntry")), "dirEntries"},
		{types.NewSlice(named("Box")), "boxes"},
		{named("FS"), "fs"},
		{named("HTTPClient"), "httpClient"},
		{named("Type"), "v"},   // a keyword
		{named("String"), "v"}, // a predeclared name
		{types.Typ[types.String], "s"},
		{types.Typ[types.Int64], "n"},
		{types.Typ[types.Bool], "ok"},
		{types.NewSlice(types.Typ[types.Byte]), "data"},
		{types.NewSlice(types.Typ[types.String]), "list"},
		{types.NewMap(types.Typ[types.String], types.Typ[types.Int]), "m"},
		{types.Universe.Lookup("error").Type(), "err"},
	} {
		if got := nameFor(tc.t); got != tc.want {
			t.Errorf("nameFor(%s) = %q, want %q", tc.t, got, tc.want)
		}
	}
}
