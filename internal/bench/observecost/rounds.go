package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/shimgen/shimgen/internal/bench/measure"
)

// result is one benchmark's figures in one run: wall and CPU time per call
// and allocations per call.
type result struct {
	ns, cpu, allocs float64
}

// results are the runs of each benchmark, in round order, per binary.
type results struct {
	names      []string // in the order of the first run
	base, head map[string][]result
}

// side is one binary, where it runs and its results.
type side struct {
	bin, dir string
	into     map[string][]result
}

// runRounds runs each benchmark in both binaries, one process each, back
// to back, so that a pair shares the machine's load of the moment: odd
// rounds the base first, even rounds the working tree first. Every run of
// a benchmark makes the same number of calls (calibrate), so that its CPU
// time, less that of a process that runs no benchmark, is the calls' own:
// on a busy machine, time spent descheduled inflates wall time, not CPU
// time.
func runRounds(b binaries, c config, stderr io.Writer) (*results, error) {
	rs := &results{base: map[string][]result{}, head: map[string][]result{}}
	calls, err := calibrate(b, c)
	if err != nil {
		return nil, err
	}
	for r := 1; r <= c.rounds; r++ {
		fmt.Fprintf(stderr, "round %d/%d\n", r, c.rounds)
		sides := []side{{b.base, b.baseDir, rs.base}, {b.head, b.headDir, rs.head}}
		if r%2 == 0 {
			sides[0], sides[1] = sides[1], sides[0]
		}
		idle := map[string]time.Duration{}
		for _, s := range sides {
			_, cpu, err := runBench(s, "-test.run", "^$", "-test.bench", "^$")
			if err != nil {
				return nil, err
			}
			idle[s.bin] = cpu
		}
		for _, name := range c.bench {
			for _, s := range sides {
				if err := rs.measure(s, name, calls[name], idle[s.bin]); err != nil {
					return nil, err
				}
			}
		}
	}
	return rs, nil
}

// calibrate returns, per benchmark, how many calls fill c.benchtime in the
// base binary.
func calibrate(b binaries, c config) (map[string]int, error) {
	calls := map[string]int{}
	for _, name := range c.bench {
		out, _, err := runBench(side{bin: b.base, dir: b.baseDir}, benchArgs(name, c.benchtime.String())...)
		if err != nil {
			return nil, err
		}
		_, r, ok := findResult(out, name)
		if !ok {
			return nil, fmt.Errorf("the base binary has no benchmark %s", name)
		}
		calls[name] = max(1, int(float64(c.benchtime.Nanoseconds())/r.ns))
	}
	return calls, nil
}

// measure runs name for n calls in s and records the result.
func (rs *results) measure(s side, name string, n int, idle time.Duration) error {
	out, cpu, err := runBench(s, benchArgs(name, strconv.Itoa(n)+"x")...)
	if err != nil {
		return err
	}
	_, r, ok := findResult(out, name)
	if !ok {
		return nil // a benchmark that this side lacks
	}
	r.cpu = float64((cpu - idle).Nanoseconds()) / float64(n)
	if _, seen := rs.base[name]; !seen {
		if _, seen := rs.head[name]; !seen {
			rs.names = append(rs.names, name)
		}
	}
	s.into[name] = append(s.into[name], r)
	return nil
}

func benchArgs(name, benchtime string) []string {
	return []string{"-test.run", "^$", "-test.bench", "^Benchmark" + name + "$", "-test.benchmem", "-test.benchtime", benchtime}
}

// runBench runs s's binary with args and returns its output and CPU time
// (user and system).
func runBench(s side, args ...string) ([]byte, time.Duration, error) {
	cmd := measure.Command(s.dir, nil, s.bin, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return nil, 0, fmt.Errorf("%s: %v\n%s", s.bin, err, out.Bytes())
	}
	return out.Bytes(), cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), nil
}

// findResult returns the result of benchmark name in out.
func findResult(out []byte, name string) (string, result, bool) {
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if n, r, ok := parseLine(sc.Text()); ok && n == name {
			return n, r, true
		}
	}
	return "", result{}, false
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
