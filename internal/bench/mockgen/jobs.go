package main

import (
	"os"
	"os/exec"
	"path/filepath"

	"github.com/shimgen/shimgen/gen"
	"github.com/shimgen/shimgen/internal/bench/measure"
)

// job is one measured command: prepare runs first, untimed.
type job struct {
	prepare func() error
	cmd     func() *exec.Cmd
}

// The jobs, by name.
const (
	genShimNoTypes = "shimgen -no-types"
	genShimTypes   = "shimgen"
	genMock        = "mockgen"
	buildShim      = "go build ./" + shimPkg
	buildMock      = "go build ./" + apiPkg
	buildFloor     = "go build ./" + floorPkg
	gofmtFloor     = "gofmt " + floorPkg
	gofmtShim      = "gofmt " + shimPkg
)

// Generated files of each tool: shimgen writes one per form.
var (
	shimOutputs = gen.DefaultForms().Always().Outputs("x.shim.yaml")
	mockOutputs = []string{"mock_x.go"}
)

// genJobs are the three generation runs; each first removes its tool's
// outputs, so that every run writes them.
func genJobs(l layout, t tools) map[string]job {
	shim := func(args ...string) func() *exec.Cmd {
		return func() *exec.Cmd { return measure.Command(l.shimDir(), measure.Isolated, t.shimgen, args...) }
	}
	mock := func() *exec.Cmd {
		return measure.Command(l.apiDir(), measure.Isolated, t.mockgen, "-source=x.go", "-destination="+mockOutputs[0],
			"-package="+apiPkg, "-self_package="+modulePath+"/"+apiPkg)
	}
	return map[string]job{
		genShimNoTypes: {removing(l.shimDir(), shimOutputs), shim("generate", "-no-types", ".")},
		genShimTypes:   {removing(l.shimDir(), shimOutputs), shim("generate", ".")},
		genMock:        {removing(l.apiDir(), mockOutputs), mock},
	}
}

// buildJobs are the three go build runs, and gofmt over shimgen's and the
// floor's generated files.
func buildJobs(l layout) map[string]job {
	build := func(pkg string) func() *exec.Cmd {
		return func() *exec.Cmd { return measure.Command(l.module, measure.Isolated, "go", "build", "./"+pkg) }
	}
	none := func() error { return nil }
	return map[string]job{
		buildShim:  {none, build(shimPkg)},
		buildMock:  {none, build(apiPkg)},
		buildFloor: {none, build(floorPkg)},
		gofmtFloor: {none, gofmt(l.floorDir())},
		gofmtShim:  {none, gofmt(l.shimDir())},
	}
}

// gofmt returns the command that runs gofmt -l over shimgen's outputs in
// dir.
func gofmt(dir string) func() *exec.Cmd {
	return func() *exec.Cmd {
		return measure.Command(dir, measure.Isolated, "gofmt", append([]string{"-l"}, shimOutputs...)...)
	}
}

// removing returns a prepare func that removes names from dir.
func removing(dir string, names []string) func() error {
	return func() error {
		for _, name := range names {
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !os.IsNotExist(err) {
				return err
			}
		}
		return nil
	}
}

// runJob prepares and measures j.
func runJob(j job) (measure.Sample, error) {
	if err := j.prepare(); err != nil {
		return measure.Sample{}, err
	}
	return measure.Run(j.cmd())
}
