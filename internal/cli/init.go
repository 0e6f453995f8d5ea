package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/shimgen/shimgen/internal/scaffold"
)

// fromFlags collects repeated --from values.
type fromFlags []string

func (f *fromFlags) String() string     { return strings.Join(*f, ",") }
func (f *fromFlags) Set(s string) error { *f = append(*f, s); return nil }

// initFlags are init's flags.
type initFlags struct {
	froms               fromFlags
	addCtx, addErr      *bool
	out, schema, update *string
}

// initCommand writes a starting spec: from the named Go interfaces (or
// types' method sets), or a commented starter spec without --from. It
// writes to stdout unless -o names a file, which must not exist yet.
// --update rewrites an existing spec instead.
func initCommand(fs *flag.FlagSet) func(*call) int {
	f := &initFlags{}
	fs.Var(&f.froms, "from", "an interface to scaffold, PACKAGE.Interface, or a type's exported methods, PACKAGE.Type; PACKAGE.Name=NewName renames it (repeatable)")
	f.addCtx = fs.Bool("add-ctx", false, "scaffold methods without a leading context.Context too (the generated methods take one)")
	f.addErr = fs.Bool("add-err", false, "scaffold methods without a trailing error too: error: carried when the last result carries one (Err() error, SetErr(error)), else error: false")
	f.out = fs.String("o", "", "write the spec to this file (default: stdout); it must not exist")
	f.update = fs.String("update", "", "re-sync this spec with the Go declarations it was scaffolded from (its header names them; --from overrides), keeping its docs, timeouts, names and hand-made entries")
	f.schema = fs.String("schema", "", "name this local copy of the schema (written by shimgen schema -o) in the spec's first line, by a path relative to the spec, instead of the schema's address")
	return func(c *call) int {
		if code, ok := c.noArgs("init takes no arguments; name interfaces with --from"); !ok {
			return code
		}
		if *f.update != "" {
			return runUpdate(c, f)
		}
		if *f.out != "" && exists(*f.out) {
			fmt.Fprintf(c.stderr, "shimgen init: %s already exists; refusing to overwrite it (--update %[1]s re-syncs it)\n", *f.out)
			return exitError
		}
		ref, err := schemaRef(*f.schema, outDir(*f.out))
		if err != nil {
			return c.fail("shimgen init", err)
		}
		sp, err := initSpec(c.stderr, f.froms, outDir(*f.out), scaffold.Options{AddContext: *f.addCtx, AddError: *f.addErr, Schema: ref})
		if err == nil {
			err = emitSpec(*f.out, sp.Data, c.stdout)
		}
		if err != nil {
			return c.fail("shimgen init", err)
		}
		warn(c.stderr, sp)
		return exitOK
	}
}

// initSpec builds the spec: the starter without froms, else a scaffold of
// the declarations as seen from the package of directory dir.
func initSpec(stderr io.Writer, froms []string, dir string, opt scaffold.Options) (scaffold.Spec, error) {
	if len(froms) == 0 {
		return scaffold.Spec{Data: scaffold.Starter(opt.Schema)}, nil
	}
	ifaces, pkg, err := load(stderr, froms, ".", dir)
	if err != nil {
		return scaffold.Spec{}, err
	}
	return scaffold.Write(ifaces, pkg, opt)
}

// load loads the declarations froms name, resolving relative patterns
// from directory from, saying so on stderr when that takes more than
// progressAfter, and describes the output package of dir.
func load(stderr io.Writer, froms []string, from, dir string) ([]*scaffold.Interface, scaffold.Output, error) {
	srcs := make([]scaffold.Source, len(froms))
	pkgs := make([]string, len(froms))
	for i, f := range froms {
		src, err := scaffold.ParseSource(f)
		if err != nil {
			return nil, scaffold.Output{}, err
		}
		srcs[i], pkgs[i] = src, src.Pattern
	}
	timer := time.NewTimer(progressAfter)
	defer timer.Stop()
	var ifaces []*scaffold.Interface
	msg := "shimgen init: loading " + strings.Join(pkgs, ", ") + " (with the go command)..."
	err := withProgress(stderr, timer.C, msg, func() error {
		var err error
		ifaces, err = scaffold.Load(from, srcs)
		return err
	})
	if err != nil {
		return nil, scaffold.Output{}, err
	}
	pkg, err := scaffold.OutputPackage(dir)
	return ifaces, pkg, err
}

// warn prints the spec's warning, if any.
func warn(stderr io.Writer, sp scaffold.Spec) {
	if sp.Warning != "" {
		fmt.Fprintf(stderr, "shimgen init: %s\n", sp.Warning)
	}
}

// emitSpec writes data to stdout, or creates file out (and its directory).
func emitSpec(out string, data []byte, stdout io.Writer) error {
	if out == "" {
		_, err := stdout.Write(data)
		return err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// outDir is the directory the spec goes to: out's, or the current one for
// stdout.
func outDir(out string) string {
	if out == "" {
		return "."
	}
	return filepath.Dir(out)
}

func exists(name string) bool {
	_, err := os.Lstat(name)
	return !errors.Is(err, fs.ErrNotExist)
}
