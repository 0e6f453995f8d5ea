package cli

import (
	"flag"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "update the expected output in testdata/script")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"shimgen": func() { os.Exit(Run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the command end to end: each testdata/script/*.txtar is a
// shell-like script over a scratch directory (see testscript's docs).
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup:               goEnv,
	})
}

// goEnv lets the go command, which type resolution runs, share the test's
// build and module caches instead of filling new ones under $WORK, and keeps
// it off the network.
func goEnv(e *testscript.Env) error {
	for _, key := range []string{"GOCACHE", "GOMODCACHE"} {
		out, err := exec.Command("go", "env", key).Output()
		if err != nil {
			return err
		}
		e.Setenv(key, strings.TrimSpace(string(out)))
	}
	e.Setenv("GOPROXY", "off")
	e.Setenv("GOTOOLCHAIN", "local")
	return nil
}
