package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// invocation is the command that runs shimgen as the user ran it, named
// by argv0 (the program name the process was started with): "go tool
// shimgen" for a binary the go command built into its cache (go tool runs
// a tool dependency from there), the bare name for one found on PATH,
// else argv0 itself. getenv reads the environment.
func invocation(argv0 string, getenv func(string) string) string {
	switch {
	case argv0 == "":
		return "shimgen"
	case inBuildCache(argv0, getenv("GOCACHE")):
		return "go tool shimgen"
	case !strings.ContainsRune(argv0, filepath.Separator) && !strings.ContainsRune(argv0, '/'):
		return argv0
	case onPath(argv0):
		return filepath.Base(argv0)
	}
	return argv0
}

// inBuildCache reports whether the executable argv0 is in the go command's
// build cache (gocache, or the default's go-build directory) or in a
// temporary go-build directory.
func inBuildCache(argv0, gocache string) bool {
	p := filepath.ToSlash(argv0)
	if gocache != "" && strings.HasPrefix(p, filepath.ToSlash(gocache)+"/") {
		return true
	}
	return strings.Contains(p, "/go-build/") || strings.Contains(p, "/go-build")
}

// onPath reports whether argv0's base name on PATH is argv0.
func onPath(argv0 string) bool {
	found, err := exec.LookPath(filepath.Base(argv0))
	if err != nil {
		return false
	}
	a, errA := os.Stat(argv0)
	b, errB := os.Stat(found)
	return errA == nil && errB == nil && os.SameFile(a, b)
}
