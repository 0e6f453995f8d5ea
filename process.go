package main

import (
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/shimgen/shimgen/gen"
)

// result is the outcome of generating one directory in memory.
type result struct {
	target
	pkg   gen.Package
	files []gen.File
	err   error
}

// process generates every target in memory, in parallel, and returns the
// results in the order of targets so output stays stable.
func process(targets []target) []result {
	results := make([]result, len(targets))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, t := range targets {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			results[i] = generateDir(t)
		}()
	}
	wg.Wait()
	return results
}

func generateDir(t target) result {
	r := result{target: t}
	r.pkg, r.err = gen.ReadDir(os.DirFS(t.abs), t.display, filepath.Base(t.abs), t.only)
	if r.err == nil {
		r.files, r.err = gen.Generate(r.pkg)
	}
	return r
}
