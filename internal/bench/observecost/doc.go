// Command observecost measures what observer hooks cost generated code
// that has no observer, as issue 14 states it (no extra allocation and at
// most 2% time on the callback round trip and the blocking pass-through).
// From the repository root:
//
//	go run ./internal/bench/observecost              # 20 rounds of 200ms
//	go run ./internal/bench/observecost -n 10 -base COMMIT
//
// It exports the repository at the base commit (by default the parent of
// the commit that added runtimes/observe.go: the code before observers)
// into a temporary directory with git archive, builds the test binary of
// examples/blob there and in the working tree (go test -c), and runs each
// benchmark in the two binaries back to back, alternating which goes
// first, for every round; each run makes the calls that fill -benchtime in
// the base binary. Per benchmark it prints the median wall time per call of
// each, the medians of the per-round ratios (working tree / base) of wall
// time and of CPU time per call (the process's, less that of one that runs
// no benchmark), with their interquartile ranges, and the allocations per
// call of each. On a busy machine the CPU ratio is the steadier: time spent
// descheduled does not count in it.
package main
