package main

import (
	"fmt"
	"io"

	"github.com/shimgen/shimgen/spec"
)

func runSchema(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("schema", "shimgen schema", stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: shimgen schema\n\n"+
			"It prints the JSON Schema (draft 2020-12) of the spec format, version %d,\n"+
			"for editors and validators. It is also at\n\n\t%s\n\n"+
			"which a spec can name in a comment:\n\n\t# yaml-language-server: $schema=%[2]s\n",
			spec.Version, spec.SchemaID)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(stderr, fs, "schema takes no arguments")
	}
	if _, err := stdout.Write(spec.Schema()); err != nil {
		fmt.Fprintf(stderr, "shimgen schema: %v\n", err)
		return exitError
	}
	return exitOK
}
