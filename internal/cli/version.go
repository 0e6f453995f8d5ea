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
		info, _ := debug.ReadBuildInfo()
		fmt.Fprintf(c.stdout, "shimgen %s %s\n", buildVersion(info), runtime.Version())
		return exitOK
	}
}

// buildVersion is the version of the shimgen module a binary was built
// from: the module version when it was built as a dependency (go tool, go
// install pkg@version), else the VCS revision of the checkout it was built
// in ("+dirty" with uncommitted changes), else "(devel)".
func buildVersion(info *debug.BuildInfo) string {
	if info == nil {
		return "(devel)"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return "(devel)"
	}
	if modified == "true" {
		rev += "+dirty"
	}
	return rev
}
