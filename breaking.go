package main

import (
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"

	"github.com/shimgen/shimgen/internal/compat"
	"github.com/shimgen/shimgen/gen"
	"github.com/shimgen/shimgen/spec"
)

const breakingSynopsis = "shimgen breaking --against <git-ref | old spec file> [--implementers] [--format text|github] [paths...]"

// runBreaking compares the specs under the given paths with an old version
// of them, a git ref or an old spec file, and reports the changes that
// break code using (or, with --implementers, implementing) the generated
// code. Exit status: 0 compatible, 1 breaking changes, 2 error.
func runBreaking(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("breaking", breakingSynopsis, stderr)
	against := fs.String("against", "", "the old version: a git ref (HEAD, main, v1.2.0) or an old spec file")
	implementers := fs.Bool("implementers", false, "also report added methods, which break implementations (mocks, other backends) but not callers")
	format := fs.String("format", "text", "output format: text, or github for GitHub Actions annotations")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	switch {
	case *against == "":
		return usageError(stderr, fs, "--against is required")
	case *format != "text" && *format != "github":
		return usageError(stderr, fs, fmt.Sprintf("unknown format %q (want text or github)", *format))
	}
	targets, err := resolve(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "shimgen: %v\n", err)
		return exitError
	}
	old, err := oldSource(*against, targets)
	if err != nil {
		fmt.Fprintf(stderr, "shimgen breaking: %v\n", err)
		return exitError
	}
	rep := &breakingReport{out: stdout, errOut: stderr, github: *format == "github", implementers: *implementers, against: *against}
	for _, t := range targets {
		rep.compare(t, old)
	}
	return rep.finish()
}

// oldSpecs returns the old version of a target's specs.
type oldSpecs func(t target) ([]*spec.File, error)

// oldSource decides what --against names: an existing file is an old spec
// (compared with the single new spec), anything else a git ref.
func oldSource(against string, targets []target) (oldSpecs, error) {
	if info, err := os.Stat(against); err == nil && !info.IsDir() {
		return oldFile(against, targets)
	}
	return gitSource(against, targets)
}

// oldFile reads an old spec file; it stands for the one new spec, so the
// paths must select exactly one.
func oldFile(name string, targets []target) (oldSpecs, error) {
	n := 0
	for _, t := range targets {
		names, err := specNames(t)
		if err != nil {
			return nil, err
		}
		n += len(names)
	}
	if n != 1 {
		return nil, fmt.Errorf("--against %s is a spec file: the paths must select exactly one new spec to compare it with, not %d", name, n)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	f, err := spec.Parse(filepath.ToSlash(filepath.Clean(name)), data)
	if err != nil {
		return nil, fmt.Errorf("the old spec does not parse:\n%w", err)
	}
	return func(target) ([]*spec.File, error) { return []*spec.File{f}, nil }, nil
}

// specNames lists the base names of a target's specs, sorted.
func specNames(t target) ([]string, error) {
	if len(t.only) > 0 {
		return t.only, nil
	}
	return filepath.Glob(filepath.Join(t.abs, "*"+gen.SpecSuffix))
}

// newSpecs parses a target's specs from the working tree, named as
// generate names them.
func newSpecs(t target) ([]*spec.File, error) {
	names, err := specNames(t)
	if err != nil {
		return nil, err
	}
	var files []*spec.File
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(t.abs, filepath.Base(name)))
		if err != nil {
			return nil, err
		}
		f, err := spec.Parse(path.Join(t.display, filepath.Base(name)), data)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// compare reports the changes of one target.
func (rep *breakingReport) compare(t target, old oldSpecs) {
	newFiles, err := newSpecs(t)
	if err != nil {
		rep.fail(err)
		return
	}
	oldFiles, err := old(t)
	if err != nil {
		// not annotated: positions in an old version are not lines of the
		// files in the working tree
		rep.failed = true
		fmt.Fprintf(rep.errOut, "shimgen breaking: %v\n", err)
		return
	}
	rep.changes(compat.Compare(oldFiles, newFiles))
}
