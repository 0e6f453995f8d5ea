package cli

import (
	"bufio"
	"bytes"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// fixCommand is the command that regenerates r's files: go generate on its
// directory when a Go file there has a //go:generate line running
// shimgen (it runs as the project set it up, whether shimgen is a tool
// dependency or not), else prog (how shimgen was run) with generate and
// r's paths.
func fixCommand(r result, prog string) string {
	if hasGoGenerate(r.abs) {
		return "go generate " + goDir(r.display)
	}
	switch {
	case r.display == "." && len(r.only) == 0:
		return prog + " generate"
	case len(r.only) == 0:
		return prog + " generate " + r.display
	}
	return prog + " generate " + strings.Join(r.pkg.SpecNames(), " ")
}

// hasGoGenerate reports whether a Go file of dir has a //go:generate line
// that runs shimgen.
func hasGoGenerate(dir string) bool {
	names, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, name := range names {
		if info, err := os.Stat(name); err != nil || !info.Mode().IsRegular() {
			continue
		}
		data, err := os.ReadFile(name)
		if err == nil && generatesWithShimgen(data) {
			return true
		}
	}
	return false
}

// generatesWithShimgen reports whether the Go source data has a
// //go:generate line whose command runs shimgen.
func generatesWithShimgen(data []byte) bool {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		cmd, ok := strings.CutPrefix(sc.Text(), "//go:generate ")
		if ok && strings.Contains(cmd, "shimgen") {
			return true
		}
	}
	return false
}

// goDir writes a directory as the go command takes it: "./kv", "..", ".".
func goDir(display string) string {
	if display == "." || strings.HasPrefix(display, "./") || strings.HasPrefix(display, "../") || display == ".." || path.IsAbs(display) || filepath.IsAbs(display) {
		return display
	}
	return "./" + display
}
