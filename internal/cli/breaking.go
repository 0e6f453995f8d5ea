package cli

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/shimgen/shimgen/gen"
	"github.com/shimgen/shimgen/internal/compat"
	"github.com/shimgen/shimgen/spec"
)

// breakingCommand compares the specs under the given paths with an old
// version of them, a git ref or an old spec file, and reports the changes
// that break code using (or, with --implementers, implementing) the
// generated code. Exit status: 0 compatible, 1 breaking changes, 2 error.
func breakingCommand(fs *flag.FlagSet) func(*call) int {
	against := fs.String("against", "", "the old version: a git ref (HEAD, main, v1.2.0) or an old spec file")
	implementers := fs.Bool("implementers", false, "also report added methods, which break implementations (mocks, other backends) but not callers")
	format := formatFlag(fs)
	return func(c *call) int {
		github, ok := parseFormat(*format)
		switch {
		case *against == "":
			return c.usageError("--against is required")
		case !ok:
			return c.usageError(fmt.Sprintf("unknown format %q (want text or github)", *format))
		case github:
			c.annotate()
		}
		rep := &breakingReport{out: c.stdout, errOut: c.stderr, github: github, implementers: *implementers, against: *against}
		return runBreaking(c, rep)
	}
}

func runBreaking(c *call, rep *breakingReport) int {
	targets, err := resolveBreaking(c.args(), rep.against, isFile(rep.against))
	if err != nil {
		return c.fail("shimgen", err)
	}
	old, err := oldSource(rep.against, targets)
	if err != nil {
		return c.fail("shimgen breaking", err)
	}
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
	if isFile(against) {
		return oldFile(against, targets)
	}
	return gitSource(against, targets)
}

// isFile reports whether name exists and is not a directory.
func isFile(name string) bool {
	info, err := os.Stat(name)
	return err == nil && !info.IsDir()
}

// oldFile reads an old spec file; it stands for the one new spec, so the
// paths must select exactly one.
func oldFile(name string, targets []target) (oldSpecs, error) {
	n := 0
	for _, t := range targets {
		p, err := readDir(t)
		if err != nil {
			return nil, err
		}
		n += len(p.Specs)
	}
	if n != 1 {
		return nil, fmt.Errorf("--against %s is a spec file: the paths must select exactly one new spec to compare it with, not %d", name, n)
	}
	olds, err := resolve([]string{name})
	if err != nil {
		return nil, err
	}
	files, err := readSpecs(olds[0])
	if err != nil {
		return nil, fmt.Errorf("the old spec does not parse:\n%w", err)
	}
	return func(target) ([]*spec.File, error) { return files, nil }, nil
}

// readSpecs reads and parses a target's specs from disk, named as generate
// names them.
func readSpecs(t target) ([]*spec.File, error) {
	p, err := readDir(t)
	if err != nil {
		return nil, err
	}
	return parseSpecs(p)
}

// newSpecs reads a target's specs as they are now: of the spec files it
// names, those that still exist (a deleted one has no new version).
func newSpecs(t target) ([]*spec.File, error) {
	if len(t.only) == 0 {
		return readSpecs(t)
	}
	t.only = slices.DeleteFunc(slices.Clone(t.only), func(name string) bool { return !exists(filepath.Join(t.abs, name)) })
	if len(t.only) == 0 {
		return nil, nil
	}
	return readSpecs(t)
}

// parseSpecs parses the specs of p.
func parseSpecs(p gen.Package) ([]*spec.File, error) {
	files := make([]*spec.File, len(p.Specs))
	for i, in := range p.Specs {
		f, err := spec.Parse(in.Name, in.Data)
		if err != nil {
			return nil, err
		}
		files[i] = f
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
