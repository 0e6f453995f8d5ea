package cli

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/shimgen/shimgen/gen"
)

// resolveBreaking turns breaking's paths into targets. Against a git ref,
// a path also selects what held specs at ref and holds none now: a
// directory whose last spec was deleted (or that is gone), a deleted spec
// file. Their APIs are removed, which is breaking.
func resolveBreaking(paths []string, ref string, againstFile bool) ([]target, error) {
	if againstFile {
		return resolve(paths)
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	byDir := map[string]*target{}
	for _, p := range paths {
		err := resolveOne(p, byDir)
		gone, gerr := goneAt(ref, p)
		if err != nil && (gerr != nil || len(gone) == 0) {
			return nil, err
		}
		for _, g := range gone {
			if _, ok := byDir[g.abs]; !ok {
				byDir[g.abs] = &g
			}
		}
	}
	return sorted(byDir), nil
}

// goneAt returns the targets under the path p (a spec file, a directory
// or a dir/... pattern) that held specs at the git ref and hold none now.
func goneAt(ref, p string) ([]target, error) {
	root, pattern := strings.CutSuffix(filepath.ToSlash(p), "/...")
	abs, err := filepath.Abs(filepath.FromSlash(root))
	if err != nil {
		return nil, err
	}
	repo, err := repoRoot(existingAncestor(abs))
	if err != nil {
		return nil, err
	}
	commit, err := resolveRef(repo, ref)
	if err != nil {
		return nil, err
	}
	rel, err := relDir(repo, abs)
	if err != nil {
		return nil, err
	}
	if !pattern && strings.HasSuffix(rel, gen.SpecSuffix) && !exists(abs) {
		return goneSpec(repo, commit, rel)
	}
	dirs, err := oldSpecDirs(repo, commit, rel, pattern)
	if err != nil {
		return nil, err
	}
	var out []target
	for _, d := range dirs {
		dir := filepath.Join(repo, filepath.FromSlash(d))
		if !hasSpecs(dir) {
			out = append(out, target{abs: dir, display: display(dir)})
		}
	}
	return out, nil
}

// goneSpec returns the target of the deleted spec file rel if it existed
// at commit.
func goneSpec(repo, commit, rel string) ([]target, error) {
	names, err := gitSpecNames(repo, commit, path.Dir(rel))
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		if name == path.Base(rel) {
			dir := filepath.Join(repo, filepath.FromSlash(path.Dir(rel)))
			return []target{{abs: dir, display: display(dir), only: []string{name}}}, nil
		}
	}
	return nil, nil
}

// oldSpecDirs lists the directories that held specs at commit: rel, or
// with pattern every directory under rel that a dir/... pattern selects.
func oldSpecDirs(repo, commit, rel string, pattern bool) ([]string, error) {
	if !pattern {
		names, err := gitSpecNames(repo, commit, rel)
		if err != nil || len(names) == 0 {
			return nil, err
		}
		return []string{rel}, nil
	}
	pathspec := rel + "/"
	if rel == "." {
		pathspec = "."
	}
	out, err := git(repo, "ls-tree", "-r", "-z", "--name-only", commit, "--", pathspec)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var dirs []string
	for _, f := range strings.Split(string(out), "\x00") {
		dir := path.Dir(f)
		if strings.HasSuffix(f, gen.SpecSuffix) && !seen[dir] && walked(rel, dir) {
			seen[dir] = true
			dirs = append(dirs, dir)
		}
	}
	return dirs, nil
}

// walked reports whether a dir/... pattern rooted at root reaches dir (a
// directory at or under root, slash-separated): it skips the directories
// the go command skips.
func walked(root, dir string) bool {
	below := dir
	if root != "." {
		var ok bool
		if below, ok = strings.CutPrefix(dir, root+"/"); !ok {
			return dir == root
		}
	} else if dir == "." {
		return true
	}
	for _, elem := range strings.Split(below, "/") {
		if elem == "testdata" || elem == "vendor" || strings.HasPrefix(elem, ".") || strings.HasPrefix(elem, "_") {
			return false
		}
	}
	return true
}

// existingAncestor returns dir, or its nearest ancestor that exists.
func existingAncestor(dir string) string {
	for {
		if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return dir
		}
		dir = parent
	}
}
