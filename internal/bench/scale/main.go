package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/shimgen/shimgen/internal/bench/measure"
)

func main() {
	if err := bench(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(os.Stderr, "scale: %v\n", err)
		}
		os.Exit(2)
	}
}

// config is the command line.
type config struct {
	rounds int
	sizes  []int
	repo   string
	keep   bool
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	c := config{}
	fs := flag.NewFlagSet("scale", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&c.rounds, "n", 3, "paired rounds per size")
	sizes := fs.String("sizes", "200", "comma-separated numbers of packages")
	fs.StringVar(&c.repo, "repo", "", "the shimgen repository (default: the module of the current directory)")
	fs.BoolVar(&c.keep, "keep", false, "keep the temporary directory")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return c, fmt.Errorf("-sizes: %q is not a number of packages", s)
		}
		c.sizes = append(c.sizes, n)
	}
	if fs.NArg() > 0 || c.rounds < 1 {
		return c, errors.New("usage: go run ./internal/bench/scale [-n rounds] [-sizes N,...] [-repo DIR] [-keep]")
	}
	return c, nil
}

// bench measures every size and prints one table per size.
func bench(args []string, stdout, stderr io.Writer) (err error) {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	repo, err := measure.FindRepo(c.repo)
	if err != nil {
		return err
	}
	root, err := os.MkdirTemp("", "shimgen-scale-")
	if err != nil {
		return err
	}
	defer measure.Leave(root, c.keep, stderr, &err)
	t, err := buildTools(root, repo)
	if err != nil {
		return err
	}
	for _, n := range c.sizes {
		if err := benchSize(t, filepath.Join(root, fmt.Sprintf("mod%d", n)), repo, n, c.rounds, stdout, stderr); err != nil {
			return err
		}
	}
	return nil
}

// benchSize writes the module of n packages, generates it once and runs
// the rounds.
func benchSize(t tools, dir, repo string, n, rounds int, stdout, stderr io.Writer) error {
	fmt.Fprintf(stderr, "writing a module of %d packages in %s\n", n, dir)
	if err := writeModule(dir, repo, n); err != nil {
		return err
	}
	if err := measure.Execute(t.shimgen(dir, "generate", "./...")); err != nil {
		return err
	}
	ss := samples{}
	for r := 1; r <= rounds; r++ {
		fmt.Fprintf(stderr, "%d packages: round %d/%d\n", n, r, rounds)
		if err := ss.round(t, dir, r); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "\n%d packages, one spec of %d methods each; %d paired rounds; ratio: types / -no-types per round\n", n, methodsPerSpec, rounds)
	return printTable(stdout, ss.rows())
}

// tools are the shimgen binary and a go wrapper that counts its runs.
type tools struct {
	bin, log string
}

// buildTools builds shimgen into root/bin, beside a go wrapper that logs
// its arguments to root/go.log and runs the real go command.
func buildTools(root, repo string) (tools, error) {
	t := tools{bin: filepath.Join(root, "bin"), log: filepath.Join(root, "go.log")}
	if err := os.MkdirAll(t.bin, 0o755); err != nil {
		return t, err
	}
	if err := measure.Execute(measure.Command(repo, nil, "go", "build", "-o", filepath.Join(t.bin, "shimgen"), ".")); err != nil {
		return t, err
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		return t, err
	}
	wrapper := fmt.Sprintf("#!/bin/sh\necho \"$*\" >> %q\nexec %q \"$@\"\n", t.log, goBin)
	return t, os.WriteFile(filepath.Join(t.bin, "go"), []byte(wrapper), 0o755)
}

// shimgen prepares one shimgen run in dir, with the go wrapper first on
// PATH.
func (t tools) shimgen(dir string, args ...string) *exec.Cmd {
	env := append([]string{"PATH=" + t.bin + string(os.PathListSeparator) + os.Getenv("PATH")}, measure.Isolated...)
	return measure.Command(dir, env, filepath.Join(t.bin, "shimgen"), args...)
}

// goLists counts the go list runs logged since the log was last read, and
// empties the log.
func (t tools) goLists() (int, error) {
	data, err := os.ReadFile(t.log)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	n := 0
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "list ") {
			n++
		}
	}
	return n, os.Remove(t.log)
}
