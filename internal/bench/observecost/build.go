package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/shimgen/shimgen/internal/bench/measure"
)

// binaries are the test binaries of examples/blob: before observers and
// now.
type binaries struct {
	base, head       string
	baseDir, headDir string // the package directories they run in
}

// buildBinaries exports the base commit into root/base and builds both
// test binaries into root.
func buildBinaries(root, repo, base string, stderr io.Writer) (binaries, error) {
	tree := filepath.Join(root, "base")
	b := binaries{
		base: filepath.Join(root, "base.test"), head: filepath.Join(root, "head.test"),
		baseDir: filepath.Join(tree, "examples", "blob"), headDir: filepath.Join(repo, "examples", "blob"),
	}
	fmt.Fprintf(stderr, "exporting %s into %s\n", short(base), tree)
	if err := export(repo, base, tree); err != nil {
		return b, err
	}
	for _, t := range []struct{ dir, out string }{{tree, b.base}, {repo, b.head}} {
		fmt.Fprintf(stderr, "building %s\n", t.out)
		cmd := measure.Command(filepath.Join(t.dir, "examples"), nil, "go", "test", "-c", "-o", t.out, "./blob")
		if err := measure.Execute(cmd); err != nil {
			return b, err
		}
	}
	return b, nil
}

// export writes the tree of commit into dir: git archive, so that the
// repository gains no worktree to clean up.
func export(repo, commit, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	archive := measure.Command(repo, nil, "git", "archive", "--format=tar", commit)
	untar := exec.Command("tar", "-x", "-C", dir)
	pipe, err := archive.StdoutPipe()
	if err != nil {
		return err
	}
	untar.Stdin = pipe
	if err := archive.Start(); err != nil {
		return err
	}
	if err := measure.Execute(untar); err != nil {
		_ = archive.Wait()
		return err
	}
	if err := archive.Wait(); err != nil {
		return fmt.Errorf("git archive %s: %v", commit, err)
	}
	return nil
}
