package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestTypesMatchToolchain loads the standard library of this machine's
// platform with the running toolchain and checks that spec/stdlib_types.go
// has every exported type of every package, encoded alike, and no type of
// a package this platform has that the package lacks, except where the
// table is the union over platforms (the type exists on another one).
func TestTypesMatchToolchain(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the whole standard library")
	}
	committed := committedTypes(t, "../../stdlib_types.go")
	live := typeTable{}
	if err := loadTypes(runtime.GOOS+"/"+runtime.GOARCH, live); err != nil {
		t.Fatal(err)
	}
	const fix = "; run go generate ./spec with this Go release"
	for path, types := range live {
		for name, code := range types {
			switch got, ok := committed[path][name]; {
			case !ok:
				t.Errorf("%s.%s (%s) is missing from stdlib_types.go%s", path, name, code, fix)
			case got != code && runtime.GOOS+"/"+runtime.GOARCH == platforms[0]:
				t.Errorf("%s.%s is %s in stdlib_types.go, %s here%s", path, name, got, code, fix)
			}
		}
	}
	for path, types := range committed {
		if live[path] == nil || platformSpecific(path) {
			continue
		}
		for name := range types {
			if _, ok := live[path][name]; !ok {
				t.Errorf("%s.%s is in stdlib_types.go but not in this Go release%s", path, name, fix)
			}
		}
	}
}

// platformSpecific reports whether the package's types differ between
// platforms, so that the union has types this one lacks.
func platformSpecific(path string) bool {
	return path == "syscall" || strings.HasPrefix(path, "syscall/") || strings.HasPrefix(path, "runtime/")
}

// committedTypes parses the map literal of stdlib_types.go.
func committedTypes(t *testing.T, file string) typeTable {
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := typeTable{}
	ast.Inspect(f, func(n ast.Node) bool {
		kv, ok := n.(*ast.KeyValueExpr)
		if !ok {
			return true
		}
		path, _ := strconv.Unquote(kv.Key.(*ast.BasicLit).Value)
		entries, _ := strconv.Unquote(kv.Value.(*ast.BasicLit).Value)
		out[path] = map[string]string{}
		for _, e := range strings.Fields(entries) {
			name, code, _ := strings.Cut(e, ":")
			out[path][name] = code
		}
		return false
	})
	if len(out) == 0 {
		t.Fatalf("%s: no table found", file)
	}
	return out
}
