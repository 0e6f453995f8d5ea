package cli

import (
	"flag"
	"fmt"
	"io"
)

// command is one shimgen command: the single source of its name, its
// synopsis (shown by -h and by the top-level usage), its summary, the help
// text -h adds and its flags.
type command struct {
	name     string
	synopsis string
	summary  string
	help     string // more text for -h, may be empty
	// setup defines the command's flags on fs and returns what runs the
	// command once they are parsed.
	setup func(fs *flag.FlagSet) func(c *call) int
}

// commands is the command table, in the order the usage lists them.
var commands = []*command{
	{
		name:     "generate",
		synopsis: "shimgen [generate] [-v] [-no-types] [paths...]",
		summary:  "write NAME_blocking.go, NAME_async.go, NAME_shim.go (and NAME_adapt.go) beside each spec",
		setup:    generateCommand,
	},
	{
		name:     "check",
		synopsis: "shimgen check [--format text|github|json] [-no-types] [paths...]",
		summary:  "report stale, missing and orphaned generated files",
		setup:    checkCommand,
	},
	{
		name:     "init",
		synopsis: "shimgen init [--from PKG.Name[=NewName]]... [--add-ctx] [--add-err] [--schema FILE] [-o file.shim.yaml | --update file.shim.yaml]",
		summary:  "write a spec from Go interfaces or a type's methods, or a starter spec; --update re-syncs one",
		setup:    initCommand,
	},
	{
		name:     "schema",
		synopsis: "shimgen schema [-o FILE]",
		summary:  "print the JSON Schema of the spec format",
		help:     schemaHelp(),
		setup:    schemaCommand,
	},
	{
		name:     "breaking",
		synopsis: "shimgen breaking --against REF|FILE [--implementers] [--format text|github] [paths...]",
		summary:  "report changes that break users of the generated API",
		setup:    breakingCommand,
	},
	{
		name:     "version",
		synopsis: "shimgen version",
		summary:  "print the module version or VCS revision, and the Go version",
		setup:    versionCommand,
	},
}

// lookup returns the command named name, or nil.
func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// call is one invocation of a command, its flags parsed.
type call struct {
	cmd            *command
	fs             *flag.FlagSet
	paths          []string // the arguments that are not flags
	prog           string   // how shimgen was run, for fix hints
	stdout, stderr io.Writer
}

// run parses args with the command's flags and runs it: exit status 0 on
// -h, 2 on a bad flag.
func (cmd *command) run(prog string, args []string, stdout, stderr io.Writer) int {
	fs := cmd.flagSet(stderr)
	run := cmd.setup(fs)
	paths, err := parseInterspersed(fs, args)
	switch err {
	case nil:
	case flag.ErrHelp:
		return exitOK
	default:
		return exitError
	}
	return run(&call{cmd: cmd, fs: fs, paths: paths, prog: prog, stdout: stdout, stderr: stderr})
}

// flagSet returns a flag set that reports errors to stderr instead of
// exiting, and whose usage is the command's synopsis, help and flags.
func (cmd *command) flagSet(stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: %s\n", cmd.synopsis)
		if cmd.help != "" {
			fmt.Fprintf(stderr, "\n%s\n", cmd.help)
		}
		fs.PrintDefaults()
	}
	return fs
}

// args are the arguments that are not flags.
func (c *call) args() []string { return c.paths }

// usageError reports a bad command line, with the command's usage.
func (c *call) usageError(msg string) int {
	fmt.Fprintf(c.stderr, "shimgen %s: %s\n", c.cmd.name, msg)
	c.fs.Usage()
	return exitError
}

// noArgs fails unless the command line has no arguments after the flags.
func (c *call) noArgs(why string) (int, bool) {
	if len(c.args()) > 0 {
		return c.usageError(why), false
	}
	return exitOK, true
}

// fail reports err, prefixed with prefix ("shimgen" or "shimgen NAME"),
// and returns exitError.
func (c *call) fail(prefix string, err error) int {
	fmt.Fprintf(c.stderr, "%s: %v\n", prefix, err)
	return exitError
}
