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

	"github.com/shimgen/shimgen/internal/scaffold"
)

// fromFlags collects repeated --from values.
type fromFlags []string

func (f *fromFlags) String() string     { return strings.Join(*f, ",") }
func (f *fromFlags) Set(s string) error { *f = append(*f, s); return nil }

// initCommand writes a starting spec: from the named Go interfaces, or a
// commented starter spec without --from. It writes to stdout unless -o
// names a file, which must not exist yet.
func initCommand(fs *flag.FlagSet) func(*call) int {
	var froms fromFlags
	fs.Var(&froms, "from", "an interface to scaffold, PACKAGE.Interface (repeatable)")
	addCtx := fs.Bool("add-ctx", false, "scaffold methods without a leading context.Context too (the generated methods take one)")
	out := fs.String("o", "", "write the spec to this file (default: stdout); it must not exist")
	schema := fs.String("schema", "", "name this local copy of the schema (written by shimgen schema -o) in the spec's first line, by a path relative to the spec, instead of the schema's address")
	return func(c *call) int {
		if code, ok := c.noArgs("init takes no arguments; name interfaces with --from"); !ok {
			return code
		}
		if *out != "" && exists(*out) {
			fmt.Fprintf(c.stderr, "shimgen init: %s already exists; refusing to overwrite it\n", *out)
			return exitError
		}
		ref, err := schemaRef(*schema, outDir(*out))
		if err != nil {
			return c.fail("shimgen init", err)
		}
		data, err := initSpec(froms, *out, scaffold.Options{AddContext: *addCtx, Schema: ref})
		if err == nil {
			err = emitSpec(*out, data, c.stdout)
		}
		if err != nil {
			return c.fail("shimgen init", err)
		}
		return exitOK
	}
}

// initSpec builds the spec: the starter without froms, else a scaffold of
// the interfaces as seen from the package of out's directory.
func initSpec(froms []string, out string, opt scaffold.Options) ([]byte, error) {
	if len(froms) == 0 {
		return scaffold.Starter(opt.Schema), nil
	}
	srcs := make([]scaffold.Source, len(froms))
	for i, f := range froms {
		src, err := scaffold.ParseSource(f)
		if err != nil {
			return nil, err
		}
		srcs[i] = src
	}
	ifaces, err := scaffold.Load(".", srcs)
	if err != nil {
		return nil, err
	}
	pkg, err := scaffold.OutputPackage(outDir(out))
	if err != nil {
		return nil, err
	}
	return scaffold.Write(ifaces, pkg, opt)
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
