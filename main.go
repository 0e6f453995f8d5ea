// Command shimgen generates, from one YAML spec, an I/O API in two forms:
// a blocking form (plain Go methods) and a callback form (each method takes
// a completion callback delivered on a pluggable runtime), each derivable
// from an implementation of the other.
//
// Usage:
//
//	shimgen [generate] [-v] [-no-types] [paths...]
//	shimgen check [--format text|github] [-no-types] [paths...]
//	shimgen init [--from PKG.Interface]... [--add-ctx] [-o file.shim.yaml]
//	shimgen schema
//	shimgen breaking --against REF|FILE [--implementers] [--format text|github] [paths...]
//	shimgen version
//
// A path is a spec file, a directory (its *.shim.yaml files) or a dir/...
// pattern; no path means the current directory, so a package needs only
//
//	//go:generate go tool shimgen
//
// Exit status: 0 success (check: in sync; breaking: compatible), 1 check
// found drift or breaking found breaking changes, 2 error, 130 generate was
// interrupted (SIGINT or SIGTERM).
//
// Files: generate writes NAME_blocking.go and NAME_async.go only in the
// directory of the spec NAME.shim.yaml, each atomically (a temporary file
// in that directory renamed over the old one, keeping its mode). It never
// overwrites a file without the generated header, and never writes through
// a symbolic link: an output name that is a symlink, a directory or another
// non-regular file is an error and nothing of that directory is written. A
// symlinked spec is read, and its outputs go beside the link. A directory
// named on the command line is used even if it is a symlink, but a dir/...
// pattern does not descend into symlinked directories (as the go command).
// Generating a whole directory removes orphans: files with the generated
// header and a generated name whose "// source:" line names a spec of that
// directory, generating that name, that no longer exists; nothing else is
// ever removed. On SIGINT or SIGTERM generate finishes the write in flight,
// starts no other, removes its temporary files and exits with status 130:
// every file is left either as it was or completely rewritten.
package main

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

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	cmd := "generate"
	if len(args) > 0 {
		switch args[0] {
		case "generate", "check", "init", "schema", "breaking", "version", "help":
			cmd, args = args[0], args[1:]
		case "-h", "-help", "--help":
			cmd = "help"
		}
	}
	switch cmd {
	case "check":
		return runCheck(args, stdout, stderr)
	case "init":
		return runInit(args, stdout, stderr)
	case "schema":
		return runSchema(args, stdout, stderr)
	case "breaking":
		return runBreaking(args, stdout, stderr)
	case "version":
		return runVersion(args, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	return runGenerate(args, stdout, stderr)
}

const usage = `shimgen generates the blocking and callback forms of an API from a YAML spec.

Usage:

	shimgen [generate] [-v] [-no-types] [paths...]
	                                     write NAME_blocking.go and NAME_async.go beside each spec
	shimgen check [--format text|github] [-no-types] [paths...]
	                                     report stale, missing and orphaned generated files
	shimgen init [--from PKG.Interface]... [--add-ctx] [-o file.shim.yaml]
	                                     write a spec from Go interfaces, or a starter spec
	shimgen schema                       print the JSON Schema of the spec format
	shimgen breaking --against REF|FILE [--implementers] [--format text|github] [paths...]
	                                     report changes that break users of the generated API
	shimgen version                      print the version

A path is a spec file, a directory (its *.shim.yaml files) or a dir/... pattern;
the default is the current directory. Run "shimgen COMMAND -h" for a command's flags.

Generated files go only beside their spec, replace old ones atomically and
never a file without the generated header, a symlink or a directory; a dir/...
pattern does not follow symlinked directories. On SIGINT or SIGTERM generate
completes the file in flight, writes no other and exits with status 130.

Exit status: 0 success, 1 check found drift or breaking found breaking changes,
2 error (bad spec, bad usage), 130 interrupted.
`
