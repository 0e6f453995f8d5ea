package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// modulePath is the temporary module's path.
const modulePath = "scale.example/lib"

// methodsPerSpec is how many methods each package's spec has.
const methodsPerSpec = 10

// pkgName is the name (and directory) of the i-th package, from 1.
func pkgName(i int) string { return fmt.Sprintf("p%03d", i) }

// writeModule writes a module of n packages into dir.
func writeModule(dir, repo string, n int) error {
	gomod := fmt.Sprintf("module %s\n\ngo 1.23\n\nrequire github.com/shimgen/shimgen/runtimes v0.0.0\n\nreplace github.com/shimgen/shimgen/runtimes => %s\n",
		modulePath, filepath.Join(repo, "runtimes"))
	files := map[string]string{"go.mod": gomod}
	for i := 1; i <= n; i++ {
		p := pkgName(i)
		files[filepath.Join(p, "item.go")] = fmt.Sprintf("package %s\n\n// Item is a type of the package's own.\ntype Item struct {\n\tKey  string\n\tSize int64\n}\n", p)
		files[filepath.Join(p, "api.shim.yaml")] = specSource(p)
	}
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// shapes are the methods' signatures, used in turn: builtin, standard
// library (time, io) and local types.
var shapes = [][2]string{
	{"key string, wait time.Duration", "item Item, found bool"},
	{"body io.Reader", "n int64"},
	{"items []Item", ""},
	{"key string", "r io.Reader, size int64"},
	{"after time.Duration, limit int", "items []Item"},
}

// specSource is the spec of package p.
func specSource(p string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "shimgen: 1\ninterfaces:\n  - name: Service\n    doc: Service is the API of package %s.\n    methods:\n", p)
	for i := range methodsPerSpec {
		s := shapes[i%len(shapes)]
		fmt.Fprintf(&b, "      - name: Call%d\n        doc: Call%d does thing %d.\n        params: %s\n", i, i, i, s[0])
		if s[1] != "" {
			fmt.Fprintf(&b, "        results: %s\n", s[1])
		}
	}
	return b.String()
}
