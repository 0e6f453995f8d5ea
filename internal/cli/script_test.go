package cli

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "update the expected output in testdata/script")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"shimgen": func() { os.Exit(Main(os.Args, os.Stdout, os.Stderr)) },
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
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"crlf": crlf},
	})
}

// crlf FILE... gives each file CRLF line endings, as a checkout with git's
// core.autocrlf does.
func crlf(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: crlf file...")
	}
	for _, name := range args {
		data := strings.ReplaceAll(ts.ReadFile(name), "\n", "\r\n")
		if err := os.WriteFile(ts.MkAbs(name), []byte(data), 0o644); err != nil {
			ts.Fatalf("%v", err)
		}
	}
}

// goEnv lets the go command, which type resolution runs, share the test's
// build and module caches and flags instead of filling new ones under
// $WORK, and keeps it off the network: a script that needs the module proxy
// sets GOPROXY=$HOSTGOPROXY. $SHIMGEN_ROOT is this repository's root, for
// a replace of the generator.
func goEnv(e *testscript.Env) error {
	for _, key := range []string{"GOCACHE", "GOMODCACHE", "GOFLAGS", "GOPROXY"} {
		out, err := exec.Command("go", "env", key).Output()
		if err != nil {
			return err
		}
		e.Setenv(key, strings.TrimSpace(string(out)))
	}
	e.Setenv("HOSTGOPROXY", e.Getenv("GOPROXY"))
	e.Setenv("GOPROXY", "off")
	e.Setenv("GOTOOLCHAIN", "local")
	goBin, err := exec.LookPath("go")
	if err != nil {
		return err
	}
	e.Setenv("REALGO", goBin) // for scripts that wrap the go command
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		return err
	}
	e.Setenv("SHIMGEN_ROOT", root)
	return nil
}
