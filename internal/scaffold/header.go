package scaffold

import (
	"regexp"
	"strings"
)

// scaffoldedRE matches the header line that records what a spec was
// scaffolded from, which init --update reads.
var scaffoldedRE = regexp.MustCompile(`(?m)^# Scaffolded by shimgen init (--add-ctx )?(--add-err )?from (.+)\.$`)

// scaffoldedLine is that line, without its "# ".
func scaffoldedLine(froms []Source, addContext, addError bool) string {
	parts := make([]string, len(froms))
	for i, f := range froms {
		parts[i] = f.String()
	}
	flag := ""
	if addContext {
		flag = "--add-ctx "
	}
	if addError {
		flag += "--add-err "
	}
	return "Scaffolded by shimgen init " + flag + "from " + strings.Join(parts, ", ") + "."
}

// recorded is the source as the header records it: by import path, so
// that init --update finds it from any directory.
func (in *Interface) recorded() Source {
	src := in.Source
	if in.PkgPath != "" {
		src.Pattern = in.PkgPath
	}
	return src
}

// Recorded returns the sources a spec's header says it was scaffolded
// from, and whether it was with --add-ctx; ok is false when the spec has
// no such line.
func Recorded(data []byte) (froms []string, addContext, ok bool) {
	m := scaffoldedRE.FindSubmatch(data)
	if m == nil {
		return nil, false, false
	}
	return strings.Split(string(m[3]), ", "), len(m[1]) > 0, true
}

// RecordedAddError reports whether a spec's header says it was scaffolded
// with --add-err.
func RecordedAddError(data []byte) bool {
	m := scaffoldedRE.FindSubmatch(data)
	return m != nil && len(m[2]) > 0
}
