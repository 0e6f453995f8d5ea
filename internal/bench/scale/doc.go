// Command scale measures what type resolution costs shimgen on a module of
// many packages, as issue 12 states it, and prints the ratios beside its
// targets. From the repository root:
//
//	go run ./internal/bench/scale                    # 200 packages, 3 rounds
//	go run ./internal/bench/scale -sizes 50,200,1000 -n 3 -keep
//
// For each size it writes a temporary module of that many packages, each
// with one spec of 10 methods whose parameters and results use
// time.Duration, io.Reader and a struct of the package's own Go files, and
// generates them once. Then, in paired rounds that alternate which runs
// first, it measures
//
//   - shimgen check ./... with type resolution (the default) and with
//     -no-types, from the module's root;
//   - shimgen generate ./p001 with and without -no-types, the run that
//     go generate makes for one package;
//
// each as the wall time, CPU time and peak RSS (ru_maxrss: the largest
// single process of the tree, shimgen or a go list it waited for) of one
// process. Ratios are types / -no-types per round; the table shows their
// median and range. Nothing needs the network: the module requires only
// the runtimes module, through a replace to this repository.
package main
