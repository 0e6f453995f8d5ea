package gen

import (
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/templates"
	"github.com/shimgen/shimgen/templates/async"
	"github.com/shimgen/shimgen/templates/blocking"
)

// Input is one spec file.
type Input struct {
	// Name is the spec's slash-separated path as users should see it in
	// positions, e.g. "examples/blob/blob.shim.yaml".
	Name string
	Data []byte
}

// Package is the specs of one directory, generated together because their
// output shares one Go package.
type Package struct {
	// Dir is the directory's slash-separated path as users see it ("." for
	// the current directory).
	Dir string
	// GoPackage is the name of the Go package already in the directory, or
	// "" if it holds no Go files.
	GoPackage string
	// DirName is the directory's base name, the package name of last resort.
	DirName string
	// Specs are the specs to generate; Complete reports whether they are all
	// the specs of the directory, which lets Check report orphaned files.
	Specs    []Input
	Complete bool
}

// File is one generated file.
type File struct {
	Path string // slash-separated, beside its spec
	Spec string // the Input.Name it came from
	Data []byte
}

// Forms lists the generated forms: the suffix of each output file and its
// emitter.
var Forms = []struct {
	Suffix string
	Emit   func(*templates.Unit) (*jen.File, error)
}{
	{"_async.go", async.Emit},
	{"_blocking.go", blocking.Emit},
}

// Generate parses and validates every spec of p and returns the generated
// files sorted by path. Errors are returned together: a spec.ErrorList for
// everything that can be positioned.
func Generate(p Package) ([]File, error) {
	units, err := load(p)
	if err != nil {
		return nil, err
	}
	var files []File
	for _, u := range units {
		out, err := emit(u, p.Dir)
		if err != nil {
			return nil, err
		}
		files = append(files, out...)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

// OutputStem is the file-name stem of the outputs of a spec:
// "blob.shim.yaml" → "blob".
func OutputStem(specName string) string {
	base := path.Base(specName)
	for _, ext := range []string{".shim.yaml", ".shim.yml", ".yaml", ".yml"} {
		if strings.HasSuffix(base, ext) {
			return strings.TrimSuffix(base, ext)
		}
	}
	return base
}

// emit renders the forms of one spec concurrently; each form works on its
// own copy of the unit, so they share nothing mutable.
func emit(u *templates.Unit, dir string) ([]File, error) {
	out := make([]File, len(Forms))
	errs := make([]error, len(Forms))
	var wg sync.WaitGroup
	for i, form := range Forms {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i], errs[i] = emitForm(u.Copy(), dir, form.Suffix, form.Emit)
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

func emitForm(u *templates.Unit, dir, suffix string, emitFn func(*templates.Unit) (*jen.File, error)) (File, error) {
	f, err := emitFn(u)
	if err != nil {
		return File{}, fmt.Errorf("%s: internal error: %w", u.Spec.Name, err)
	}
	name := OutputStem(u.Spec.Name) + suffix
	data, err := render(f, name)
	if err != nil {
		return File{}, fmt.Errorf("%s: internal error rendering %s: %w", u.Spec.Name, name, err)
	}
	return File{Path: path.Join(dir, name), Spec: u.Spec.Name, Data: data}, nil
}

// render formats f once (jen's own formatting is off) after splitting its
// import block into the standard library and the rest, as goimports does.
func render(f *jen.File, name string) ([]byte, error) {
	f.NoFormat = true
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return nil, err
	}
	src, err := format.Source(groupImports(buf.Bytes()))
	if err != nil {
		return nil, fmt.Errorf("%s: generated code does not parse: %w", name, err)
	}
	return src, nil
}

// groupImports inserts a blank line between the standard-library imports
// and the others in the sorted import block jen renders.
func groupImports(src []byte) []byte {
	start := bytes.Index(src, []byte("\nimport (\n"))
	if start < 0 {
		return src
	}
	start += len("\nimport (\n")
	end := bytes.Index(src[start:], []byte("\n)"))
	if end < 0 {
		return src
	}
	var std, other [][]byte
	for _, line := range bytes.Split(src[start:start+end], []byte("\n")) {
		if isStdImport(line) {
			std = append(std, line)
		} else {
			other = append(other, line)
		}
	}
	if len(std) == 0 || len(other) == 0 {
		return src
	}
	block := append(bytes.Join(std, []byte("\n")), "\n\n"...)
	block = append(block, bytes.Join(other, []byte("\n"))...)
	out := append([]byte{}, src[:start]...)
	out = append(out, block...)
	return append(out, src[start+end:]...)
}

// isStdImport reports whether an import line ("name "path"" or ""path"")
// names a standard-library package: no dot in the path's first element.
func isStdImport(line []byte) bool {
	q := bytes.IndexByte(line, '"')
	if q < 0 {
		return false
	}
	p := line[q+1:]
	if i := bytes.IndexByte(p, '/'); i >= 0 {
		p = p[:i]
	}
	return !bytes.ContainsRune(p, '.')
}
