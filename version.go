package main

import (
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("version", "shimgen version", stderr)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(stderr, fs, "version takes no arguments")
	}
	fmt.Fprintf(stdout, "shimgen %s %s\n", moduleVersion(), runtime.Version())
	return exitOK
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

// newFlagSet returns a flag set that reports errors to stderr instead of
// exiting, with a usage line.
func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: %s\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args; on -h it returns exitOK, on a bad flag exitError,
// with ok false in both cases.
func parseFlags(fs *flag.FlagSet, args []string) (int, bool) {
	switch err := fs.Parse(args); err {
	case nil:
		return exitOK, true
	case flag.ErrHelp:
		return exitOK, false
	}
	return exitError, false
}

func usageError(stderr io.Writer, fs *flag.FlagSet, msg string) int {
	fmt.Fprintf(stderr, "shimgen %s: %s\n", fs.Name(), msg)
	fs.Usage()
	return exitError
}
