package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/shimgen/shimgen/internal/bench/measure"
)

// result is one benchmark's figures in one run.
type result struct {
	ns, allocs float64
}

// results are the runs of each benchmark, in round order, per binary.
type results struct {
	names      []string // in the order of the first run
	base, head map[string][]result
}

// runRounds runs each benchmark in both binaries, one process each, back
// to back, so that a pair shares the machine's load of the moment: odd
// rounds the base first, even rounds the working tree first.
func runRounds(b binaries, c config, stderr io.Writer) (*results, error) {
	rs := &results{base: map[string][]result{}, head: map[string][]result{}}
	for r := 1; r <= c.rounds; r++ {
		fmt.Fprintf(stderr, "round %d/%d\n", r, c.rounds)
		runs := []struct {
			bin, dir string
			into     map[string][]result
		}{{b.base, b.baseDir, rs.base}, {b.head, b.headDir, rs.head}}
		if r%2 == 0 {
			runs[0], runs[1] = runs[1], runs[0]
		}
		for _, name := range c.bench {
			args := []string{"-test.run", "^$", "-test.bench", "^Benchmark" + name + "$", "-test.benchmem", "-test.benchtime", c.benchtime}
			for _, run := range runs {
				out, err := benchOutput(run.bin, run.dir, args)
				if err != nil {
					return nil, err
				}
				if err := rs.add(run.into, out); err != nil {
					return nil, err
				}
			}
		}
	}
	return rs, nil
}

func benchOutput(bin, dir string, args []string) ([]byte, error) {
	cmd := measure.Command(dir, nil, bin, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s: %v\n%s", bin, err, out.Bytes())
	}
	return out.Bytes(), nil
}

// add parses the benchmark lines of out into into.
func (rs *results) add(into map[string][]result, out []byte) error {
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		name, r, ok := parseLine(sc.Text())
		if !ok {
			continue
		}
		if _, seen := rs.base[name]; !seen {
			if _, seen := rs.head[name]; !seen {
				rs.names = append(rs.names, name)
			}
		}
		into[name] = append(into[name], r)
	}
	return sc.Err()
}

// parseLine parses a line such as
// "BenchmarkX-2  5000000  31.6 ns/op  0 B/op  0 allocs/op".
func parseLine(line string) (string, result, bool) {
	f := strings.Fields(line)
	if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
		return "", result{}, false
	}
	name := f[0]
	if i := strings.LastIndexByte(name, '-'); i > 0 {
		if _, err := strconv.Atoi(name[i+1:]); err == nil {
			name = name[:i]
		}
	}
	var r result
	found := false
	for i := 1; i+1 < len(f); i++ {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			continue
		}
		switch f[i+1] {
		case "ns/op":
			r.ns, found = v, true
		case "allocs/op":
			r.allocs = v
		}
	}
	return strings.TrimPrefix(name, "Benchmark"), r, found
}
