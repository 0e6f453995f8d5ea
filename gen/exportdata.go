package gen

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"slices"

	"golang.org/x/tools/go/gcexportdata"
)

// ExportLoader is the TypeLoader of the shimgen command: one go list
// process per call, run in Dir (so the module's requirements and
// replacements count), lists the packages with -export, and their types
// are read from the export data the build cache holds, without their
// syntax and without loading anything else.
type ExportLoader struct {
	Dir string
	// Env is the go command's environment; nil means the process's.
	Env []string
}

// listed is what go list -json tells of one package.
type listed struct {
	ImportPath string
	Name       string
	Export     string
	Dir        string
	Error      *struct{ Err string }
}

// LoadTypes implements TypeLoader.
func (l ExportLoader) LoadTypes(paths []string) (map[string]PackageTypes, error) {
	if len(paths) == 0 {
		return map[string]PackageTypes{}, nil
	}
	pkgs, err := l.list(paths)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	imports := map[string]*types.Package{}
	out := make(map[string]PackageTypes, len(paths))
	for _, p := range pkgs {
		pt := readExport(fset, imports, p)
		pt.Specs = dirSpecs(p.ImportPath, p.Dir)
		out[p.ImportPath] = pt
	}
	for _, path := range paths {
		if _, ok := out[path]; !ok {
			out[path] = PackageTypes{Err: errors.New("not found")}
		}
	}
	return out, nil
}

// list runs go list -e -export over paths.
func (l ExportLoader) list(paths []string) ([]listed, error) {
	args := append([]string{"list", "-e", "-export", "-json=ImportPath,Name,Export,Dir,Error", "--"}, paths...)
	cmd := exec.Command("go", args...)
	cmd.Dir, cmd.Env = l.Dir, l.Env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %v: %s", err, bytes.TrimSpace(stderr.Bytes()))
	}
	var pkgs []listed
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listed
		if err := dec.Decode(&p); err == io.EOF {
			return pkgs, nil
		} else if err != nil {
			return nil, fmt.Errorf("go list: %v", err)
		}
		pkgs = append(pkgs, p)
	}
}

// readExport reads the types of one listed package from its export data;
// imports holds the packages read so far, shared by every package of one
// LoadTypes call.
func readExport(fset *token.FileSet, imports map[string]*types.Package, p listed) PackageTypes {
	if p.Export == "" {
		msg := "no export data"
		if p.Error != nil {
			msg = p.Error.Err
		}
		return PackageTypes{Err: errors.New(msg)}
	}
	f, err := os.Open(p.Export)
	if err != nil {
		return PackageTypes{Err: err}
	}
	defer f.Close()
	r, err := gcexportdata.NewReader(bufio.NewReader(f))
	if err != nil {
		return PackageTypes{Err: fmt.Errorf("reading export data: %v", err)}
	}
	pkg, err := gcexportdata.Read(r, fset, imports, p.ImportPath)
	if err != nil {
		return PackageTypes{Err: fmt.Errorf("reading export data: %v", err)}
	}
	return PackageTypes{Names: exportedTypeNames(pkg), Types: pkg}
}

// exportedTypeNames returns the exported type names pkg declares, sorted.
func exportedTypeNames(pkg *types.Package) []string {
	var names []string
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		if _, ok := scope.Lookup(name).(*types.TypeName); ok && token.IsExported(name) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}
