package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/shimgen/shimgen/spec"
)

// schemaCommand prints the JSON Schema of the spec format, or writes it to
// the file -o names, for editors that cannot reach its address.
func schemaCommand(fs *flag.FlagSet) func(*call) int {
	out := fs.String("o", "", "write the schema to this file instead of stdout (replacing only an earlier schema), for a relative $schema that works offline")
	return func(c *call) int {
		if code, ok := c.noArgs("schema takes no arguments"); !ok {
			return code
		}
		var err error
		if *out == "" {
			_, err = c.stdout.Write(spec.Schema())
		} else {
			err = writeSchema(*out)
		}
		if err != nil {
			return c.fail("shimgen schema", err)
		}
		return exitOK
	}
}

// writeSchema writes the schema to name, creating its directory; an
// existing file is replaced only when it is a schema of the spec format.
func writeSchema(name string) error {
	old, err := os.ReadFile(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return err
	case !bytes.Contains(old, []byte(`"$id": "`+spec.SchemaID+`"`)):
		return fmt.Errorf("%s exists and is not a shimgen spec schema; refusing to overwrite it", name)
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, spec.Schema(), 0o644)
}

// schemaHelp is what schema -h says about the schema.
func schemaHelp() string {
	return fmt.Sprintf("It prints the JSON Schema (draft 2020-12) of the spec format, version %d,\n"+
		"for editors and validators. It is also at\n\n\t%s\n\n"+
		"which a spec can name in a comment:\n\n\t# yaml-language-server: $schema=%[2]s\n\n"+
		"To work offline, write it into the repository with -o and name it by a\n"+
		"path relative to the spec (shimgen init --schema FILE writes that line).",
		spec.Version, spec.SchemaID)
}

// schemaRef is how a spec written into directory dir names the local
// schema file name: a slash-separated path relative to dir ("./x" or
// "../x"); "" for no file. The file must exist.
func schemaRef(name, dir string) (string, error) {
	if name == "" {
		return "", nil
	}
	if _, err := os.Stat(name); err != nil {
		return "", fmt.Errorf("--schema %s: %v (write it first with shimgen schema -o %[1]s)", name, err)
	}
	absName, err := filepath.Abs(name)
	if err != nil {
		return "", err
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(absDir, absName)
	if err != nil {
		return "", err
	}
	rel = filepath.ToSlash(rel)
	if !strings.HasPrefix(rel, "../") {
		rel = "./" + rel
	}
	return rel, nil
}
