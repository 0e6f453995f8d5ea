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

// process generates every target in memory, in parallel, and returns the
// results in the order of targets so output stays stable. With types, the
// types the specs name are resolved against the Go packages.
func process(targets []target, types bool) []result {
	results := make([]result, len(targets))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, t := range targets {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			results[i] = generateDir(t, types)
		}()
	}
	wg.Wait()
	return results
}

func generateDir(t target, types bool) result {
	r := result{target: t}
	r.pkg, r.err = readDir(t)
	if types {
		r.pkg.Types = gen.ExportLoader{Dir: t.abs}
	}
	if r.err == nil {
		r.files, r.err = gen.Generate(r.pkg)
	}
	return r
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
