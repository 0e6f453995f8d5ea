package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/shimgen/shimgen/internal/scaffold"
	"github.com/shimgen/shimgen/spec"
)

// runUpdate re-syncs the spec --update names with the declarations it was
// scaffolded from, in place.
func runUpdate(c *call, f *initFlags) int {
	name := *f.update
	if *f.out != "" {
		return c.usageError("--update rewrites its spec in place; -o does not go with it")
	}
	sp, changed, err := updateSpec(c, f, name)
	if err != nil {
		return c.fail("shimgen init", err)
	}
	if !changed {
		fmt.Fprintf(c.stderr, "shimgen init: %s is up to date\n", name)
	}
	warn(c.stderr, sp)
	return exitOK
}

// updateSpec rewrites spec file name, reporting whether it changed.
func updateSpec(c *call, f *initFlags, name string) (scaffold.Spec, bool, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return scaffold.Spec{}, false, err
	}
	old, err := spec.Parse(filepath.Base(name), data)
	if err != nil {
		return scaffold.Spec{}, false, err
	}
	froms, addCtx, addErr, from := []string(f.froms), *f.addCtx, *f.addErr, "."
	if len(froms) == 0 {
		var ok bool
		if froms, addCtx, ok = scaffold.Recorded(data); !ok {
			return scaffold.Spec{}, false, fmt.Errorf("%s does not say what it was scaffolded from (no \"# Scaffolded by shimgen init from ...\" line); name the declarations with --from", name)
		}
		addCtx = addCtx || *f.addCtx
		addErr = scaffold.RecordedAddError(data) || addErr
		if !anyRelative(froms) {
			from = filepath.Dir(name) // import paths resolve from the spec's module
		}
	}
	opt := scaffold.Options{AddContext: addCtx, AddError: addErr, Schema: schemaOf(data)}
	if *f.schema != "" {
		if opt.Schema, err = schemaRef(*f.schema, filepath.Dir(name)); err != nil {
			return scaffold.Spec{}, false, err
		}
	}
	ifaces, pkg, err := load(c.stderr, froms, from, filepath.Dir(name))
	if err != nil {
		return scaffold.Spec{}, false, err
	}
	sp, err := scaffold.Update(old, ifaces, pkg, opt)
	if err != nil || bytes.Equal(sp.Data, data) {
		return sp, false, err
	}
	return sp, true, replaceFile(name, sp.Data)
}

// schemaOf is the $schema a spec's first line names, "" for none or the
// schema's address.
func schemaOf(data []byte) string {
	first, _, _ := strings.Cut(string(data), "\n")
	ref, ok := strings.CutPrefix(first, "# yaml-language-server: $schema=")
	if !ok || ref == spec.SchemaID {
		return ""
	}
	return ref
}

// replaceFile replaces file name's content atomically, keeping its mode.
func replaceFile(name string, data []byte) error {
	info, err := os.Stat(name)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename, there is none
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), info.Mode().Perm()); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// anyRelative reports whether a --from value is a relative package path,
// as the headers of specs scaffolded before they recorded import paths
// have them (relative to where init ran).
func anyRelative(froms []string) bool {
	for _, f := range froms {
		if strings.HasPrefix(f, "./") || strings.HasPrefix(f, "../") {
			return true
		}
	}
	return false
}
