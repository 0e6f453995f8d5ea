// Command mockgen measures shimgen against mockgen v0.6.0 (go.uber.org/mock)
// on the same interface and prints shimgen/mockgen ratios beside the targets
// of issue 11. From the repository root:
//
//	go run ./internal/bench/mockgen             # 1000 methods, 5 rounds
//	go run ./internal/bench/mockgen -n 3 -methods 5000 -keep
//
// It needs the network once (the Go module proxy) to build mockgen and to
// fill the temporary module's go.sum; nothing is added to this repository's
// go.mod. Flags:
//
//	-n N         paired rounds (default 5)
//	-methods N   methods of the interface (default 1000)
//	-seed N      seed of the method mix (default 1)
//	-repo DIR    the shimgen repository (default: the module of the current directory)
//	-keep        keep the temporary directory and print its path
//
// # What it builds
//
// A temporary Go module with two packages made from one deterministic list
// of methods: package api holds x.go, the Go interface Store (each method
// with a one-line doc comment, ctx first and err last, 0–3 params of
// builtin types, []byte, time.Duration, io.Reader or the local struct
// Record, some variadic, and 0–2 results) beside the struct; mockgen writes
// its mocks into that package. Package shim holds the equivalent spec
// x.shim.yaml and the same struct; shimgen writes both forms beside it. So
// each generated package compiles the interface, the struct and the
// generated code, and nothing else. There are no streaming methods: mockgen
// has no equivalent of a shimgen stream, so only unary methods compare
// fairly.
//
// # What each figure measures
//
// Each round runs every command once, alternating which tool goes first
// (A B in odd rounds, B A in even ones); the table shows medians with the
// min–max over the rounds, and the ratio column is the median (min–max)
// of the per-round ratios shimgen/mockgen, so both sides of a ratio ran
// moments apart under the same machine load.
//
//   - generate: the wall time of one run of the tool's binary, from start
//     to exit, with its outputs removed beforehand so that each run writes
//     them: shimgen (built from -repo with go build) on the spec's
//     directory, with -no-types and with type resolution (the default,
//     which runs go list through go/packages), against
//     mockgen -source=x.go -destination=mock_x.go.
//   - go build: the wall time of "go build ./api" or "go build ./shim" with
//     every dependency (runtimes, gomock, the standard library) already in
//     the build cache. Before each round a one-line file round.go in each
//     package changes, so that exactly the generated package compiles
//     again.
//   - peak RSS: the ru_maxrss of wait4 for the command. On Linux that is
//     the largest resident set of any single process of the tree the
//     command waited for: the command itself or, for go build, the compiler
//     (the go command waits for each compile and asm it runs), and for
//     shimgen with types, go list. It is not the sum of processes running
//     at the same time.
//   - bytes / lines per method: the size of the generated files (shimgen's
//     three files; mockgen's one file), divided by the number of methods.
//   - go build CPU: the user and system time of go build and the compiler
//     it waited for; steadier than wall time on a loaded machine.
//
// # The API floor
//
// The last rows measure package floor: shimgen's output with every adapter
// method's body replaced by panic(0) and the per-call state types and
// functions removed, so both interfaces with their docs, the constructors
// and one method per adapter type and interface method remain. Issue 11
// keeps this exported API fixed, so the floor's ratios to mockgen are the
// least any generated code behind that API can reach: where the floor is
// above a target, no body can meet it. The gofmt rows time gofmt -l (from
// PATH) over shimgen's files and over the floor's against mockgen's whole
// run: a generator that emits through jennifer formats every byte it
// emits, so gofmt of its output is about the least its generation costs.
package main
