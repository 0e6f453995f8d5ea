package gen

import (
	"bytes"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/shimgen/shimgen/templates"
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
	// Others are the directory's specs not in Specs (ReadDir fills them
	// in when it takes only some): not generated, but their interfaces can
	// be handles of the generated ones.
	Others []Input
	// Declared are the types the directory's hand-written Go files declare
	// (ReadDir fills it in), sorted.
	Declared []string
	// Go are the package-level declarations of the directory's hand-written
	// Go files, test files and files for other platforms included (ReadDir
	// fills it in): the generated code must not declare their names nor
	// import packages under them.
	Go []GoDecl
	// Types, when set, resolves every type the specs name against Declared,
	// the generated interfaces and the packages the specs import: unknown,
	// unexported or misqualified types are then spec errors. Nil skips it.
	Types TypeLoader
	// Forms is the registry to generate; empty means DefaultForms.
	Forms Forms
}

// File is one generated file.
type File struct {
	Path string // slash-separated, beside its spec
	Spec string // the Input.Name it came from
	Data []byte
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
		out, err := emit(u, p.Dir, p.Forms.or())
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

// emit renders the files of one spec, one form after the other: each file
// is formatted in parallel chunks already, and one form's syntax in memory
// at a time keeps a large spec's peak small.
func emit(u *templates.Unit, dir string, forms Forms) ([]File, error) {
	out := make([]File, 0, len(forms))
	size := 0
	for _, form := range forms {
		if !templates.Wants(form, u.Spec) {
			continue
		}
		f, err := emitForm(u, dir, form)
		if err != nil {
			return nil, err
		}
		if size += len(f.Data); size > maxOutput {
			return nil, tooLarge(u.Spec, size)
		}
		out = append(out, f)
	}
	return out, nil
}

// emitForm renders one form's file: the emitter writes the declarations
// into a jen.File, which picks the imports and their names; the source is
// then gofmt'd (in chunks, see formatSource) and its imports grouped as
// goimports does.
func emitForm(u *templates.Unit, dir string, form templates.Form) (File, error) {
	name := OutputStem(u.Spec.Name) + form.Suffix()
	f := u.NewFile()
	f.NoFormat = true
	if err := form.Emit(u, f); err != nil {
		return File{}, fmt.Errorf("%s: internal error in the %s form: %w", u.Spec.Name, form.Name(), err)
	}
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return File{}, fmt.Errorf("%s: internal error rendering %s: %w", u.Spec.Name, name, err)
	}
	src, err := formatSource(buf.Bytes())
	if err != nil {
		return File{}, fmt.Errorf("%s: internal error: generated %s does not parse: %w", u.Spec.Name, name, err)
	}
	return File{Path: path.Join(dir, name), Spec: u.Spec.Name, Data: groupImports(src)}, nil
}
