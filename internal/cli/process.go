package cli

import (
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/shimgen/shimgen/gen"
	"github.com/shimgen/shimgen/internal/output"
)

// result is the outcome of generating one directory in memory.
type result struct {
	target
	pkg   gen.Package
	files []gen.File
	err   error
}

// process generates every target in memory and returns the results in
// the order of targets, so output stays stable: the directories are read
// in parallel, then with types the packages their specs import are loaded
// (see loadTypes), then the directories are generated in parallel.
func process(targets []target, types bool) []result {
	results := make([]result, len(targets))
	parallel(len(targets), func(i int) {
		results[i].target = targets[i]
		results[i].pkg, results[i].err = readDir(targets[i])
	})
	if types {
		loadTypes(results)
	}
	parallel(len(results), func(i int) {
		if r := &results[i]; r.err == nil {
			r.files, r.err = gen.Generate(r.pkg)
		}
	})
	return results
}

// parallel runs f(0) … f(n-1), at most GOMAXPROCS at a time.
func parallel(n int, f func(i int)) {
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			f(i)
		}()
	}
	wg.Wait()
}

// readDir reads the specs a target selects: the one reader of specs on
// disk, for every command.
func readDir(t target) (gen.Package, error) {
	return gen.ReadDir(os.DirFS(t.abs), t.display, filepath.Base(t.abs), t.only)
}

// outputDir is where the target's generated files go.
func (t target) outputDir() output.Dir {
	return output.Dir{Abs: t.abs, Display: t.display}
}

// noTypesFlag defines the flag that skips type resolution.
func noTypesFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("no-types", false, "do not resolve the types specs name against the Go packages (faster; the build finds such mistakes later)")
}
