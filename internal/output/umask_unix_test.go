//go:build unix

package output

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/shimgen/shimgen/gen"
)

// TestWriteHonoursUmask checks that a new file gets 0666 less the umask and
// that a replaced file keeps its own mode. It sets the process's umask, so
// it must not run in parallel with tests that create files.
func TestWriteHonoursUmask(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	dir := t.TempDir()
	kept := filepath.Join(dir, "k_async.go")
	if err := os.WriteFile(kept, []byte(header+"// old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	files := []gen.File{
		{Path: "n_async.go", Spec: "n.shim.yaml", Data: []byte(header)},
		{Path: "k_async.go", Spec: "k.shim.yaml", Data: []byte(header)},
	}
	if err := (Dir{Abs: dir, Display: "."}).Write(context.Background(), files, false, nil); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]os.FileMode{"n_async.go": 0o640, "k_async.go": 0o600} {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s: mode %v, want %v", name, got, want)
		}
	}
}
