package gen

import (
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"

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
	// Declared are the types the directory's hand-written Go files declare
	// (ReadDir fills it in), sorted.
	Declared []string
	// Types, when set, resolves every type the specs name against Declared,
	// the generated interfaces and the packages the specs import: unknown,
	// unexported or misqualified types are then spec errors. Nil skips it.
	Types TypeLoader
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
	Emit   func(*templates.Unit, *templates.Sink) error
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

func emitForm(u *templates.Unit, dir, suffix string, emitFn func(*templates.Unit, *templates.Sink) error) (File, error) {
	name := OutputStem(u.Spec.Name) + suffix
	r := newRenderer(u)
	err := emitFn(u, &templates.Sink{Flush: r.submit})
	data, rerr := r.finish()
	if err != nil {
		return File{}, fmt.Errorf("%s: internal error: %w", u.Spec.Name, err)
	}
	if rerr != nil {
		return File{}, fmt.Errorf("%s: internal error rendering %s: %w", u.Spec.Name, name, rerr)
	}
	return File{Path: path.Join(dir, name), Spec: u.Spec.Name, Data: data}, nil
}
