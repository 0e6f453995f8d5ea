package gen

import (
	"bytes"
	"strconv"
	"strings"
)

// groupImports puts the standard library's imports of a gofmt'd file
// before the others, with a blank line between, as goimports does. jennifer
// writes one import block sorted by path; only the order of its lines
// changes, each group staying sorted, so the result is still gofmt'd.
func groupImports(src []byte) []byte {
	start := bytes.Index(src, []byte("\nimport (\n"))
	if start < 0 {
		return src
	}
	start += len("\nimport (\n")
	end := bytes.Index(src[start:], []byte("\n)\n"))
	if end < 0 {
		return src
	}
	lines := strings.Split(string(src[start:start+end]), "\n")
	var std, other []string
	for _, l := range lines {
		if isStd(importPath(l)) {
			std = append(std, l)
		} else {
			other = append(other, l)
		}
	}
	if len(std) == 0 || len(other) == 0 {
		return src
	}
	block := strings.Join(std, "\n") + "\n\n" + strings.Join(other, "\n")
	return append(append(append([]byte{}, src[:start]...), block...), src[start+end:]...)
}

// importPath is the path of one line of an import block: `"path"` or
// `name "path"`.
func importPath(line string) string {
	quoted := strings.TrimSpace(line)
	if i := strings.LastIndexByte(quoted, ' '); i >= 0 {
		quoted = quoted[i+1:]
	}
	path, err := strconv.Unquote(quoted)
	if err != nil {
		return quoted
	}
	return path
}

// isStd reports whether an import path is in the standard library: no dot
// in its first element.
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}
