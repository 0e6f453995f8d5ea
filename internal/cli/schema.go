package cli

import (
	"flag"
	"fmt"

	"github.com/shimgen/shimgen/spec"
)

// schemaCommand prints the JSON Schema of the spec format.
func schemaCommand(*flag.FlagSet) func(*call) int {
	return func(c *call) int {
		if code, ok := c.noArgs("schema takes no arguments"); !ok {
			return code
		}
		if _, err := c.stdout.Write(spec.Schema()); err != nil {
			return c.fail("shimgen schema", err)
		}
		return exitOK
	}
}

// schemaHelp is what schema -h says about the schema.
func schemaHelp() string {
	return fmt.Sprintf("It prints the JSON Schema (draft 2020-12) of the spec format, version %d,\n"+
		"for editors and validators. It is also at\n\n\t%s\n\n"+
		"which a spec can name in a comment:\n\n\t# yaml-language-server: $schema=%[2]s",
		spec.Version, spec.SchemaID)
}
