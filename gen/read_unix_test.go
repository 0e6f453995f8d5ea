//go:build unix

package gen

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadDirRefusesSpecialFiles checks that a spec that is a FIFO or a
// link to /dev/zero is refused at once, with a clear error, and that a Go
// file that is a FIFO does not block reading the directory.
func TestReadDirRefusesSpecialFiles(t *testing.T) {
	tests := []struct {
		name string
		make func(dir string) error
		want string
	}{
		{"fifo.shim.yaml", func(dir string) error { return syscall.Mkfifo(filepath.Join(dir, "fifo.shim.yaml"), 0o644) },
			"p/fifo.shim.yaml: is a named pipe (FIFO), not a regular file; a spec must be a regular file"},
		{"zero.shim.yaml", func(dir string) error { return os.Symlink("/dev/zero", filepath.Join(dir, "zero.shim.yaml")) },
			"p/zero.shim.yaml: is a character device, not a regular file"},
		{"", func(dir string) error { return syscall.Mkfifo(filepath.Join(dir, "x.go"), 0o644) }, ""},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		if err := tt.make(dir); err != nil {
			t.Fatal(err)
		}
		var only []string
		if tt.name != "" {
			only = []string{tt.name}
		}
		done := make(chan error, 1)
		go func() {
			_, err := ReadDir(os.DirFS(dir), "p", "p", only)
			done <- err
		}()
		select {
		case err := <-done:
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("ReadDir(%s) = %v, want %q", tt.name, err, tt.want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("ReadDir(%s) blocks", tt.name)
		}
	}
}

// TestReadDirLimitsSize checks that a spec larger than spec.MaxSize is read
// only up to just past the limit, so Parse reports it too large.
func TestReadDirLimitsSize(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "big.shim.yaml"), make([]byte, 9<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := ReadDir(os.DirFS(dir), "p", "p", nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(p.Specs[0].Data); n != 8<<20+1 {
		t.Errorf("read %d bytes, want %d", n, 8<<20+1)
	}
}
