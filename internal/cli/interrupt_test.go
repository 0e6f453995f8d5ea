package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/shimgen/shimgen/gen"
)

// TestInterrupt runs the shimgen binary over a directory of large specs
// whose generated files are all out of date, sends it SIGINT at random
// moments - some during generation, some while it writes - and checks that
// every file is then either exactly its old or exactly its new content
// (with its mode kept), that no temporary file is left behind and that the
// exit status is 0 (done before the signal) or 130.
func TestInterrupt(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("sends SIGINT")
	}
	if testing.Short() {
		t.Skip("builds the command and runs it repeatedly")
	}
	bin := filepath.Join(t.TempDir(), "shimgen")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/shimgen/shimgen").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	const specs, methods = 24, 60
	oldSpecs, newSpecs := map[string]string{}, map[string]string{}
	for i := range specs {
		name := fmt.Sprintf("s%02d.shim.yaml", i)
		oldSpecs[name] = bigSpec(i, methods, "key string")
		newSpecs[name] = bigSpec(i, methods, "key string, n int")
	}
	oldSpecs["gone.shim.yaml"] = bigSpec(specs, methods, "key string") // its outputs are orphans after
	newSpecs["added.shim.yaml"] = bigSpec(specs+1, methods, "key string")
	oldOut := generated(t, oldSpecs)
	newOut := generated(t, newSpecs)
	const keptMode = "s03_async.go" // written 0640; generate must keep that

	// setup writes the directory as it is before the run: the new specs
	// beside the files generated from the old ones.
	setup := func() string {
		dir := t.TempDir()
		for name, data := range newSpecs {
			writeTestFile(t, filepath.Join(dir, name), []byte(data), 0o644)
		}
		for name, data := range oldOut {
			mode := fs.FileMode(0o644)
			if name == keptMode {
				mode = 0o640
			}
			writeTestFile(t, filepath.Join(dir, name), data, mode)
		}
		return dir
	}
	// verify checks dir after a run; it returns how many outputs are new.
	verify := func(dir string, complete bool) (fresh int) {
		t.Helper()
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, e := range entries {
			name := e.Name()
			seen[name] = true
			if _, ok := newSpecs[name]; ok {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			old, wasOld := oldOut[name]
			want, isNew := newOut[name]
			switch {
			case isNew && bytes.Equal(data, want):
				fresh++
			case wasOld && bytes.Equal(data, old):
				if complete {
					t.Errorf("%s: still old after a complete run", name)
				}
			case !wasOld && !isNew:
				t.Errorf("%s: left behind (a temporary file?)", name)
				continue
			default:
				t.Errorf("%s: neither its old nor its new content (%d bytes)", name, len(data))
				continue
			}
			if info, err := e.Info(); err == nil && name == keptMode && info.Mode().Perm() != 0o640 {
				t.Errorf("%s: mode %v, want 0640 kept", name, info.Mode().Perm())
			}
		}
		for name := range newOut {
			if !seen[name] && (complete || oldOut[name] != nil) {
				t.Errorf("%s: missing", name)
			}
		}
		for name := range oldOut {
			if complete && newOut[name] == nil && seen[name] {
				t.Errorf("%s: orphan not removed", name)
			}
		}
		return fresh
	}

	// An uninterrupted run, which also times the whole run.
	dir := setup()
	start := time.Now()
	if out, err := runCommand(bin, dir).CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted run: %v\n%s", err, out)
	}
	full := time.Since(start)
	verify(dir, true)

	trials := 10
	var interrupted, partial int
	for i := range trials {
		dir := setup()
		cmd := runCommand(bin, dir)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		var err error
		done := false
		if i%2 == 0 {
			// any moment of the run
			select {
			case err = <-exited:
				done = true
			case <-time.After(rand.N(full + full/4)):
			}
		} else {
			// while it writes: as soon as a file changes, plus a little
			err, done = waitForWrite(dir, oldOut, exited)
			if !done {
				time.Sleep(rand.N(500 * time.Microsecond))
			}
		}
		if !done {
			if serr := cmd.Process.Signal(os.Interrupt); serr != nil && !errors.Is(serr, os.ErrProcessDone) {
				t.Fatal(serr)
			}
			err = <-exited
		}
		code := 0
		var exitErr *exec.ExitError
		switch {
		case err == nil:
		case errors.As(err, &exitErr) && exitErr.ExitCode() == exitInterrupted:
			code = exitInterrupted
			interrupted++
		case errors.As(err, &exitErr) && exitErr.Sys().(syscall.WaitStatus).Signal() == syscall.SIGINT:
			code = -1 // killed before the handler was installed: nothing was written
		default:
			t.Fatalf("trial %d: %v\n%s", i, err, &stderr)
		}
		fresh := verify(dir, code == 0)
		if code == -1 && fresh > 0 {
			t.Errorf("trial %d: killed by SIGINT after writing %d files: the signal was not handled", i, fresh)
		}
		if code == exitInterrupted && fresh > 0 && fresh < len(newOut) {
			partial++
		}
		t.Logf("trial %d: exit %d, %d of %d outputs new", i, code, fresh, len(newOut))
	}
	t.Logf("%d of %d runs interrupted, %d of them while writing (run takes %v)", interrupted, trials, partial, full)
}

func runCommand(bin, dir string) *exec.Cmd {
	cmd := exec.Command(bin, "-no-types")
	cmd.Dir = dir
	return cmd
}

// waitForWrite returns once generate started writing in dir (a temporary
// file exists, or a file appeared or went), or when the process exits first:
// then with its exit error and exited true.
func waitForWrite(dir string, old map[string][]byte, exited <-chan error) (err error, done bool) {
	for {
		select {
		case err := <-exited:
			return err, true
		default:
		}
		names, _ := os.ReadDir(dir)
		n := 0
		for _, e := range names {
			if strings.Contains(e.Name(), ".tmp") {
				return nil, false
			}
			if strings.HasSuffix(e.Name(), ".go") {
				n++
			}
		}
		if n != len(old) {
			return nil, false
		}
	}
}

// bigSpec is a spec of one interface with many methods.
func bigSpec(i, methods int, params string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "shimgen: 1\npackage: p\ninterfaces:\n  - name: Store%d\n    methods:\n", i)
	for m := range methods {
		fmt.Fprintf(&b, "      - name: Method%d\n        params: %s\n        results: value []byte, found bool\n", m, params)
	}
	return b.String()
}

// generated returns the files shimgen generates for specs, by base name.
func generated(t *testing.T, specs map[string]string) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	for name, data := range specs {
		writeTestFile(t, filepath.Join(dir, name), []byte(data), 0o644)
	}
	pkg, err := gen.ReadDir(os.DirFS(dir), ".", "p", nil)
	if err != nil {
		t.Fatal(err)
	}
	files, err := gen.Generate(pkg)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		out[f.Path] = f.Data
	}
	return out
}

func writeTestFile(t *testing.T, name string, data []byte, mode fs.FileMode) {
	t.Helper()
	if err := os.WriteFile(name, data, mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(name, mode); err != nil { // regardless of the umask
		t.Fatal(err)
	}
}
