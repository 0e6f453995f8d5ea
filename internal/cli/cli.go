// Package cli is the shimgen command: one table of commands (commands.go)
// gives each its name, synopsis, summary and flags; the top-level usage and
// each command's -h are built from it. Run executes a command line and
// returns the exit status; only main exits.
package cli

import (
	"fmt"
	"io"
	"os"
)

// Exit codes.
const (
	exitOK    = 0
	exitDrift = 1
	exitError = 2
	// exitInterrupted: generate stopped on SIGINT or SIGTERM (128+SIGINT,
	// as shells report it); every file is either old or new.
	exitInterrupted = 130
)

// Main runs the command line argv (the program name first, as os.Args)
// and returns the exit status. The program name decides how fix hints
// name shimgen ("go tool shimgen" when the go command runs it as a tool).
func Main(argv []string, stdout, stderr io.Writer) int {
	if len(argv) == 0 {
		return Run(nil, stdout, stderr)
	}
	return run(invocation(argv[0], os.Getenv), argv[1:], stdout, stderr)
}

// Run executes one command line (without the program name) and returns the
// exit status. With no command name it runs generate.
func Run(args []string, stdout, stderr io.Writer) int {
	return run("shimgen", args, stdout, stderr)
}

// run executes args for a shimgen run as prog.
func run(prog string, args []string, stdout, stderr io.Writer) int {
	name := "generate"
	if len(args) > 0 {
		switch a := args[0]; {
		case a == "help" || a == "-h" || a == "-help" || a == "--help":
			fmt.Fprint(stdout, usage())
			return exitOK
		case lookup(a) != nil:
			name, args = a, args[1:]
		}
	}
	return lookup(name).run(prog, args, stdout, stderr)
}
