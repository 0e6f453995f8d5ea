package cli

import (
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
)

// versionCommand prints the version of shimgen and of Go.
func versionCommand(*flag.FlagSet) func(*call) int {
	return func(c *call) int {
		if code, ok := c.noArgs("version takes no arguments"); !ok {
			return code
		}
		fmt.Fprintf(c.stdout, "shimgen %s %s\n", moduleVersion(), runtime.Version())
		return exitOK
	}
}

// moduleVersion is the version of the shimgen module this binary was built
// from ("(devel)" for a build inside the repository).
func moduleVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Version == "" {
		return "(devel)"
	}
	return info.Main.Version
}
