package main

import (
	"path/filepath"

	"github.com/shimgen/shimgen/internal/bench/measure"
)

// mockgenVersion is the mockgen of issue 11's measurement.
const mockgenVersion = "go.uber.org/mock/mockgen@v0.6.0"

// tools are the two generator binaries.
type tools struct {
	shimgen string
	mockgen string
}

// buildTools builds shimgen from repo and mockgen from the module proxy
// into l.bin. mockgen is installed from outside any module (in l.bin), so
// this repository's go.mod never learns of it.
func buildTools(l layout, repo string) (tools, error) {
	t := tools{shimgen: filepath.Join(l.bin, "shimgen"), mockgen: filepath.Join(l.bin, "mockgen")}
	if err := measure.Execute(measure.Command(repo, nil, "go", "build", "-o", t.shimgen, ".")); err != nil {
		return t, err
	}
	install := measure.Command(l.bin, append([]string{"GOFLAGS=-mod=mod", "GOBIN=" + l.bin}, measure.Isolated...), "go", "install", mockgenVersion)
	return t, measure.Execute(install)
}
