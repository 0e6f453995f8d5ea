package gen

import (
	"bufio"
	"bytes"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/shimgen/shimgen/templates"
)

// SpecSuffix is how spec files end; a directory's specs are its files with
// this suffix.
const SpecSuffix = ".shim.yaml"

// ReadDir builds the Package of the directory fsys (the file system's root),
// shown to users as dir and named dirName on disk. With only empty it takes
// every spec of the directory (and Check may then report orphaned files);
// otherwise just the named spec files.
func ReadDir(fsys fs.FS, dir, dirName string, only []string) (Package, error) {
	p := Package{Dir: dir, DirName: dirName, Complete: len(only) == 0}
	names := only
	if p.Complete {
		var err error
		if names, err = fs.Glob(fsys, "*"+SpecSuffix); err != nil {
			return p, err
		}
	}
	sort.Strings(names)
	for _, name := range names {
		data, err := readSpec(fsys, dir, name)
		if err != nil {
			return p, err
		}
		p.Specs = append(p.Specs, Input{Name: path.Join(dir, name), Data: data})
	}
	var err error
	if !p.Complete {
		if p.Others, err = otherSpecs(fsys, dir, names); err != nil {
			return p, err
		}
	}
	if p.GoPackage, p.Declared, err = goPackage(fsys); err != nil {
		return p, err
	}
	p.Go, err = goDecls(fsys)
	return p, err
}

// goPackage returns the package name of the directory's hand-written,
// non-test Go files (the first in name order), or "" if it has none, and
// the names of the types they declare, sorted.
func goPackage(fsys fs.FS) (name string, declared []string, err error) {
	names, err := fs.Glob(fsys, "*.go")
	if err != nil {
		return "", nil, err
	}
	bctx := buildContext(fsys)
	for _, file := range names {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		if info, err := fs.Stat(fsys, file); err != nil || !info.Mode().IsRegular() {
			continue // not a Go file the build reads (a FIFO would block)
		}
		if ok, err := bctx.MatchFile(".", file); err != nil || !ok {
			continue // excluded by its build constraints or name (//go:build ignore)
		}
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			return "", nil, err
		}
		if IsGenerated(data) {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), file, data, parser.SkipObjectResolution)
		if f == nil || f.Name == nil || f.Name.Name == "documentation" {
			continue
		}
		if name == "" {
			name = f.Name.Name
		}
		if err == nil {
			declared = append(declared, typeNames(f)...)
		}
	}
	sort.Strings(declared)
	return name, declared, nil
}

// typeNames returns the names of the package-level types f declares.
func typeNames(f *ast.File) []string {
	var out []string
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.TYPE {
			for _, sp := range g.Specs {
				out = append(out, sp.(*ast.TypeSpec).Name.Name)
			}
		}
	}
	return out
}

// buildContext is the default build context reading from fsys, so build
// constraints decide which Go files count, as they do for the go command.
func buildContext(fsys fs.FS) build.Context {
	ctx := build.Default
	ctx.JoinPath = path.Join
	ctx.OpenFile = func(name string) (io.ReadCloser, error) { return fsys.Open(name) }
	return ctx
}

// headerLine is the first line of every generated file.
const headerLine = "// " + templates.Header

// IsGenerated reports whether data starts with shimgen's header: only such
// files are ever overwritten or removed.
func IsGenerated(data []byte) bool {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	return string(bytes.TrimSuffix(line, []byte("\r"))) == headerLine
}

// SourceOf returns the spec named on a generated file's "// source:" line.
func SourceOf(data []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(data))
	for i := 0; i < 3 && sc.Scan(); i++ {
		if s, ok := strings.CutPrefix(sc.Text(), "// source: "); ok {
			return s
		}
	}
	return ""
}

// IsOutputName reports whether a file name has the form of one shimgen
// generates (with the default forms).
func IsOutputName(name string) bool { return DefaultForms().IsOutputName(name) }

// OutputNames returns the base names of the files the spec specName
// generates ("blob_async.go", ... for "blob.shim.yaml").
func OutputNames(specName string) []string { return DefaultForms().Outputs(specName) }

// SpecNames lists the paths of p's specs as users see them.
func (p Package) SpecNames() []string {
	names := make([]string, len(p.Specs))
	for i, s := range p.Specs {
		names[i] = s.Name
	}
	return names
}

// otherSpecs reads the specs of the directory that names does not list.
// One that cannot be read is left out: it is not being generated.
func otherSpecs(fsys fs.FS, dir string, names []string) ([]Input, error) {
	all, err := fs.Glob(fsys, "*"+SpecSuffix)
	if err != nil {
		return nil, err
	}
	taken := map[string]bool{}
	for _, n := range names {
		taken[path.Clean(n)] = true
	}
	var out []Input
	for _, name := range all {
		if taken[name] {
			continue
		}
		if data, err := readSpec(fsys, dir, name); err == nil {
			out = append(out, Input{Name: path.Join(dir, name), Data: data})
		}
	}
	return out, nil
}
