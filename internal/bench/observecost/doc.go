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
// benchmark in the two binaries back to back, alternating which goes first,
// for every round. Per
// benchmark it prints both medians, the median of the per-round ratios
// (working tree / base) with its interquartile range, and the allocations
// per call of each.
package main
