package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/shimgen/shimgen/internal/bench/measure"
)

func main() {
	if err := bench(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(os.Stderr, "observecost: %v\n", err)
		}
		os.Exit(2)
	}
}

// defaultBench are the benchmarks of examples/blob that the target
// is about, with the hand-written call as a control: its code is the same
// in both binaries, so its ratio is the noise of the machine.
const defaultBench = "BlockingPassThroughStat,BlockingPassThrough,CallbackRoundTripLoopStat,CallbackRoundTripLoop,DirectInterfaceCallStat"

// config is the command line.
type config struct {
	rounds    int
	base      string
	bench     []string
	benchtime time.Duration
	repo      string
	keep      bool
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	c := config{}
	fs := flag.NewFlagSet("observecost", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&c.rounds, "n", 20, "paired rounds")
	fs.StringVar(&c.base, "base", "", "the commit to compare with (default: the parent of the commit that added runtimes/observe.go)")
	bench := fs.String("bench", defaultBench, "comma-separated names of benchmarks of examples/blob, without the Benchmark prefix")
	fs.DurationVar(&c.benchtime, "benchtime", 200*time.Millisecond, "how long the base binary takes for the calls of each run")
	fs.StringVar(&c.repo, "repo", "", "the shimgen repository (default: the module of the current directory)")
	fs.BoolVar(&c.keep, "keep", false, "keep the temporary directory")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	for _, name := range strings.Split(*bench, ",") {
		if name = strings.TrimSpace(name); name != "" {
			c.bench = append(c.bench, name)
		}
	}
	if fs.NArg() > 0 || c.rounds < 1 || len(c.bench) == 0 {
		return c, errors.New("usage: go run ./internal/bench/observecost [-n rounds] [-base COMMIT] [-bench NAME,...] [-benchtime D] [-repo DIR] [-keep]")
	}
	return c, nil
}

// bench builds both binaries, runs the rounds and prints the table.
func bench(args []string, stdout, stderr io.Writer) (err error) {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	repo, err := measure.FindRepo(c.repo)
	if err != nil {
		return err
	}
	if c.base == "" {
		if c.base, err = beforeObservers(repo); err != nil {
			return err
		}
	}
	root, err := os.MkdirTemp("", "shimgen-observecost-")
	if err != nil {
		return err
	}
	defer measure.Leave(root, c.keep, stderr, &err)
	bins, err := buildBinaries(root, repo, c.base, stderr)
	if err != nil {
		return err
	}
	rs, err := runRounds(bins, c, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "examples/blob, %d paired rounds of the calls the base makes in %s; base %s; ratios: working tree / base per round%s\n", c.rounds, c.benchtime, short(c.base), loadAverage())
	return printTable(stdout, rs.rows())
}

// beforeObservers returns the parent of the commit that added
// runtimes/observe.go.
func beforeObservers(repo string) (string, error) {
	out, err := gitOutput(repo, "log", "--format=%H", "--diff-filter=A", "--", "runtimes/observe.go")
	if err != nil {
		return "", err
	}
	added := strings.Fields(out)
	if len(added) == 0 {
		return "", errors.New("no commit adds runtimes/observe.go: pass -base")
	}
	return gitOutput(repo, "rev-parse", added[len(added)-1]+"^")
}

func gitOutput(dir string, args ...string) (string, error) {
	cmd := measure.Command(dir, nil, "git", args...)
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %v", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out)), nil
}

func short(commit string) string {
	if len(commit) > 12 {
		return commit[:12]
	}
	return commit
}

// loadAverage returns "; load average ..." from /proc/loadavg, where there
// is one: the figures mean little on a busy machine.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(data))
	if err != nil || len(f) < 3 {
		return ""
	}
	return "; load average " + strings.Join(f[:3], " ")
}
