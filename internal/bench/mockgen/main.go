package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/shimgen/shimgen/internal/bench/measure"
)

func main() {
	if err := bench(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(os.Stderr, "bench: %v\n", err)
		}
		os.Exit(2)
	}
}

// config is the command line.
type config struct {
	rounds, methods int
	seed            uint64
	repo            string
	keep            bool
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&c.rounds, "n", 5, "paired rounds")
	fs.IntVar(&c.methods, "methods", 1000, "methods of the interface")
	fs.Uint64Var(&c.seed, "seed", 1, "seed of the method mix")
	fs.StringVar(&c.repo, "repo", "", "the shimgen repository (default: the module of the current directory)")
	fs.BoolVar(&c.keep, "keep", false, "keep the temporary directory")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 || c.rounds < 1 || c.methods < 1 {
		return c, errors.New("usage: go run ./internal/bench/mockgen [-n rounds] [-methods N] [-seed N] [-repo DIR] [-keep]")
	}
	return c, nil
}

// bench runs the whole measurement and prints the table to stdout and
// progress to stderr.
func bench(args []string, stdout, stderr io.Writer) (err error) {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	repo, err := measure.FindRepo(c.repo)
	if err != nil {
		return err
	}
	l, err := newLayout()
	if err != nil {
		return err
	}
	defer measure.Leave(l.root, c.keep, stderr, &err)
	ms := methods(c.methods, c.seed)
	fmt.Fprintf(stderr, "writing a %d-method module in %s; building shimgen and %s\n", len(ms), l.module, mockgenVersion)
	if err := writeModule(l, repo, ms); err != nil {
		return err
	}
	t, err := buildTools(l, repo)
	if err != nil {
		return err
	}
	fmt.Fprintln(stderr, "warming up (go mod tidy, caching dependencies)")
	if err := warmUp(l, t); err != nil {
		return err
	}
	ss, err := rounds(l, t, c.rounds, stderr)
	if err != nil {
		return err
	}
	return report(stdout, l, ss, c)
}

// newLayout makes the temporary directory.
func newLayout() (layout, error) {
	root, err := os.MkdirTemp("", "shimgen-bench-")
	if err != nil {
		return layout{}, err
	}
	l := layout{root: root, bin: filepath.Join(root, "bin"), module: filepath.Join(root, "mod")}
	return l, os.MkdirAll(l.bin, 0o755)
}

// report prints the table and the totals it is computed from.
func report(w io.Writer, l layout, ss samples, c config) error {
	shim, err := measureSize(l.shimDir(), shimOutputs)
	if err != nil {
		return err
	}
	mock, err := measureSize(l.apiDir(), mockOutputs)
	if err != nil {
		return err
	}
	floor, err := measureSize(l.floorDir(), shimOutputs)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%d methods, %d paired rounds; values: median (min–max); ratio: shimgen/mockgen per round\n", c.methods, c.rounds)
	fmt.Fprintf(w, "generated: shimgen %d bytes, %d lines; mockgen %d bytes, %d lines\n", shim.bytes, shim.lines, mock.bytes, mock.lines)
	fmt.Fprintf(w, "API floor (shimgen's exported API, adapter bodies panic(0)): %d bytes, %d lines\n\n", floor.bytes, floor.lines)
	return printTable(w, table(ss, shim, mock, floor, c.methods))
}
