package main

import (
	"fmt"
	"os"
	"path/filepath"
)

// The temporary module: its path and its two packages.
const (
	modulePath = "bench.example/store"
	apiPkg     = "api"  // x.go and mockgen's mock_x.go
	shimPkg    = "shim" // x.shim.yaml, record.go and shimgen's two forms
)

// layout is the temporary directory of one run.
type layout struct {
	root   string // the temporary directory
	bin    string // the shimgen and mockgen binaries
	module string // the Go module
}

func (l layout) apiDir() string  { return filepath.Join(l.module, apiPkg) }
func (l layout) shimDir() string { return filepath.Join(l.module, shimPkg) }

// writeModule writes the module: go.mod (requiring runtimes from repo
// through a replace, and go.uber.org/mock v0.6.0), the Go interface and
// the spec of ms.
func writeModule(l layout, repo string, ms []method) error {
	gomod := fmt.Sprintf(`module %s

go 1.23

require (
	github.com/shimgen/shimgen/runtimes v0.0.0
	go.uber.org/mock v0.6.0
)

replace github.com/shimgen/shimgen/runtimes => %s
`, modulePath, filepath.Join(repo, "runtimes"))
	files := map[string][]byte{
		filepath.Join(l.module, "go.mod"):         []byte(gomod),
		filepath.Join(l.apiDir(), "x.go"):         goSource(apiPkg, ms),
		filepath.Join(l.shimDir(), "x.shim.yaml"): shimSpec(ms),
		filepath.Join(l.shimDir(), "record.go"):   recordSource(shimPkg),
		filepath.Join(l.apiDir(), roundFile):      roundSource(apiPkg, 0),
		filepath.Join(l.shimDir(), roundFile):     roundSource(shimPkg, 0),
	}
	for name, data := range files {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(name, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// roundFile is the file that changes every round so that the package it is
// in compiles again while everything else stays cached.
const roundFile = "round.go"

func roundSource(pkg string, round int) []byte {
	return fmt.Appendf(nil, "package %s\n\n// round %d\n", pkg, round)
}

// touch rewrites the packages' round files for round.
func touch(l layout, round int) error {
	for dir, pkg := range map[string]string{l.apiDir(): apiPkg, l.shimDir(): shimPkg, l.floorDir(): floorPkg} {
		if err := os.WriteFile(filepath.Join(dir, roundFile), roundSource(pkg, round), 0o644); err != nil {
			return err
		}
	}
	return nil
}
