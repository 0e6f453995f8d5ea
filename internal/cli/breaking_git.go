package cli

import (
	"bytes"
	"fmt"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"

	"github.com/shimgen/shimgen/gen"
	"github.com/shimgen/shimgen/spec"
)

// gitSource reads the old specs from a git commit, without touching the
// working tree: the specs a target's directory held at ref (or, for
// targets naming spec files, those of them that existed then).
func gitSource(ref string, targets []target) (oldSpecs, error) {
	commits := map[string]string{} // repository root -> commit of ref
	for _, t := range targets {
		root, err := repoRoot(existingAncestor(t.abs))
		if err != nil {
			return nil, err
		}
		if _, ok := commits[root]; ok {
			continue
		}
		if commits[root], err = resolveRef(root, ref); err != nil {
			return nil, err
		}
	}
	return func(t target) ([]*spec.File, error) {
		root, err := repoRoot(existingAncestor(t.abs))
		if err != nil {
			return nil, err
		}
		return gitSpecs(root, commits[root], ref, t)
	}, nil
}

// repoRoot returns the top directory of the git work tree holding dir.
func repoRoot(dir string) (string, error) {
	out, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", fmt.Errorf("%s: not in a git repository, and --against is not a spec file: %v", display(dir), err)
	}
	return strings.TrimSpace(string(out)), nil
}

// resolveRef returns the commit ref names in the repository at root.
func resolveRef(root, ref string) (string, error) {
	out, err := git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", ref+"^{commit}")
	if err != nil {
		return "", fmt.Errorf("unknown git revision %q (and no such spec file)", ref)
	}
	return strings.TrimSpace(string(out)), nil
}

// gitSpecs parses the specs of t's directory as of commit, read with the
// reader generate uses. A spec of the directory that is new since then has
// no old version and is left out.
func gitSpecs(root, commit, ref string, t target) ([]*spec.File, error) {
	rel, err := relDir(root, t.abs)
	if err != nil {
		return nil, err
	}
	names, err := gitSpecNames(root, commit, rel)
	if err != nil {
		return nil, err
	}
	names = slices.DeleteFunc(names, func(name string) bool { return len(t.only) > 0 && !slices.Contains(t.only, name) })
	fsys := fstest.MapFS{}
	for _, name := range names {
		data, err := git(root, "cat-file", "blob", commit+":"+path.Join(rel, name))
		if err != nil {
			return nil, err
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	p, err := gen.ReadDir(fsys, t.display, filepath.Base(t.abs), names)
	if err != nil {
		return nil, err
	}
	files, err := parseSpecs(p)
	if err != nil {
		return nil, fmt.Errorf("the spec as of %s does not parse:\n%w", ref, err)
	}
	return files, nil
}

// relDir returns dir relative to the repository root, slash-separated. A
// dir that no longer exists is taken under its nearest existing ancestor.
func relDir(root, dir string) (string, error) {
	base := existingAncestor(dir)
	real, err := filepath.EvalSymlinks(base)
	if err != nil {
		return "", err
	}
	real = filepath.Join(real, strings.TrimPrefix(dir, base))
	rel, err := filepath.Rel(root, real)
	if err != nil {
		return "", err
	}
	return filepath.ToSlash(rel), nil
}

// gitSpecNames lists the base names of the specs directly in the
// directory rel as of commit, sorted.
func gitSpecNames(root, commit, rel string) ([]string, error) {
	pathspec := rel + "/"
	if rel == "." {
		pathspec = "."
	}
	out, err := git(root, "ls-tree", "-z", "--name-only", commit, "--", pathspec)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, p := range strings.Split(string(out), "\x00") {
		if path.Dir(p) == rel && strings.HasSuffix(p, gen.SpecSuffix) {
			names = append(names, path.Base(p))
		}
	}
	slices.Sort(names)
	return names, nil
}

// git runs git in dir and returns its standard output; the error carries
// git's standard error.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
		}
		return nil, fmt.Errorf("git %s: %v", strings.Join(args, " "), err)
	}
	return stdout.Bytes(), nil
}
