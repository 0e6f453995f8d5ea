package templates

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
)

// Doc returns text as a sequence of line comments, one jen.Comment per line,
// so nothing in the text can end the comment or become a directive: every
// line starts with "// ", control characters are dropped and Unicode line
// and paragraph separators end lines. Empty text yields no comment.
func Doc(text string) []jen.Code {
	lines := DocLines(text)
	out := make([]jen.Code, 0, len(lines))
	for _, l := range lines {
		if l == "" {
			out = append(out, jen.Comment("//"))
			continue
		}
		out = append(out, jen.Comment("// "+l))
	}
	return out
}

// DocLines cleans text into comment lines: trailing spaces and blank lines
// at either end are removed.
func DocLines(text string) []string {
	text = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n", "\u0085", "\n").Replace(text)
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		lines = append(lines, strings.TrimRightFunc(strings.Map(dropControl, l), unicode.IsSpace))
	}
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

func dropControl(r rune) rune {
	if r == '\t' {
		return r
	}
	if unicode.IsControl(r) || r == '\uFEFF' {
		return -1
	}
	return r
}

// Adder is what doc lines are appended to: a *jen.File (before a
// declaration) or a *jen.Group (inside an interface body).
type Adder interface {
	Add(code ...jen.Code) *jen.Statement
}

// Comments appends doc lines to f.
func Comments(f Adder, text string) {
	for _, c := range Doc(text) {
		f.Add(c)
	}
}

// MethodDoc is a method's doc comment: the spec's doc and, for a method with
// a timeout, a sentence that says so, since the deadline is part of the API.
// A streaming method's deadline covers the whole stream.
func MethodDoc(m *spec.Method) string {
	if m.Timeout <= 0 {
		return m.Doc
	}
	what := "each call"
	if m.Kind != spec.Unary {
		what = "the whole stream"
	}
	note := fmt.Sprintf("The generated forms give %s a deadline of %v.", what, m.Timeout)
	if strings.TrimSpace(m.Doc) == "" {
		return note
	}
	return strings.TrimRightFunc(m.Doc, unicode.IsSpace) + "\n\n" + note
}
