package scaffold

import (
	"bytes"
	"strings"

	"gopkg.in/yaml.v3"
)

// writer builds a spec's YAML text line by line; any line can be written
// c out, with its "# " at column c (at most its indent), so that
// removing the "# " restores it. A column c < 0 means not c.
type writer struct {
	b bytes.Buffer
}

// line writes text at indent, c out at column c when c >= 0.
func (w *writer) line(indent, c int, text string) {
	switch {
	case c < 0:
		w.b.WriteString(strings.Repeat(" ", indent) + text)
	case text == "":
		w.b.WriteString(strings.Repeat(" ", c) + "#")
	default:
		w.b.WriteString(strings.Repeat(" ", c) + "# " + strings.Repeat(" ", indent-c) + text)
	}
	w.b.WriteString("\n")
}

// field writes "key: value" unless value is empty; a multi-line value is
// written as a literal block scalar.
func (w *writer) field(indent, c int, key, value string) {
	value = strings.TrimSpace(value)
	switch {
	case value == "":
	case strings.Contains(value, "\n"):
		w.block(indent, c, key, value)
	default:
		w.line(indent, c, key+": "+scalar(value))
	}
}

// block writes a literal block scalar, indented two more than its key.
func (w *writer) block(indent, c int, key, value string) {
	w.line(indent, c, key+": |")
	for _, l := range strings.Split(value, "\n") {
		l = strings.TrimRight(l, " \t")
		if l == "" && c < 0 {
			w.b.WriteString("\n")
			continue
		}
		w.line(indent+2, c, l)
	}
}

// scalar writes a single-line string as a YAML scalar: plain when that
// reads back as the same string, else quoted.
func scalar(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return `"` + s + `"` // unreachable: a string always marshals
	}
	return strings.TrimSuffix(string(out), "\n")
}
