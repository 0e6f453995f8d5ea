package spec

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// bidiControls are the Unicode characters that reorder the text around
// them when it is displayed (embeddings, overrides and isolates, U+202A to
// U+202E and U+2066 to U+2069): in a doc comment of generated code they
// can make it read differently from what it is ("Trojan Source").
const bidiControls = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069"

// checkBidi reports a bidirectional control character in doc s, the value
// of node n, at its position when the doc appears verbatim in the source.
func (p *specParser) checkBidi(n *yaml.Node, subject, s string) {
	i := strings.IndexAny(s, bidiControls)
	if n == nil || i < 0 {
		return
	}
	pos := p.pos(n)
	if col := p.textColumn(n); col > 0 {
		pos.Col = col + len([]rune(s[:i]))
	}
	r := []rune(s[i:])[0]
	p.errorf(pos, "%sdoc holds the bidirectional control character U+%04X, which makes text display in another order than it is read; remove it", subject, r)
}
