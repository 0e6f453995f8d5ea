package scaffold

import (
	"errors"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"
)

// Output is the package a spec generates code into: the package of the
// directory the spec is written to.
type Output struct {
	// Path is the package's import path ("" when unknown: every type is
	// then qualified).
	Path string
	// Name is the package name of the Go files already in the directory,
	// or "" when it has none.
	Name string
}

// OutputPackage describes the package of directory dir, which need not
// hold Go files yet: its import path comes from the enclosing module's
// go.mod, its name from the package clause of its Go files.
func OutputPackage(dir string) (Output, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return Output{}, err
	}
	name, err := goPackageName(abs)
	if err != nil {
		return Output{}, err
	}
	return Output{Path: importPath(abs), Name: name}, nil
}

// importPath is the import path of directory abs in the nearest enclosing
// module, or "" when there is none.
func importPath(abs string) string {
	for d := abs; ; d = filepath.Dir(d) {
		data, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil {
			mod := modfile.ModulePath(data)
			rel, err := filepath.Rel(d, abs)
			if mod == "" || err != nil {
				return ""
			}
			return path.Join(mod, filepath.ToSlash(rel))
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// goPackageName is the package name of the non-test Go files in dir ("" when
// there are none).
func goPackageName(dir string) (string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, n), nil, parser.PackageClauseOnly)
		if err == nil && f.Name.Name != "documentation" {
			return f.Name.Name, nil
		}
	}
	return "", nil
}
