package spec

import (
	"bytes"
	"sort"

	"gopkg.in/yaml.v3"
)

// YAML columns count characters, not bytes. Positions inside scalars are
// computed with character indexes, which keep that linear in the input
// even for hostile specs with megabyte-long lines.

// charIndex counts the characters of a valid UTF-8 string quickly.
type charIndex struct {
	s      string
	counts []int // counts[k] is the number of characters in s[:k*chunk]; nil if s is ASCII
}

// chunk is the byte distance between the counts of a charIndex.
const chunk = 64

func newCharIndex(s string) *charIndex {
	x := &charIndex{s: s}
	ascii := true
	for i := 0; i < len(s) && ascii; i++ {
		ascii = s[i] < 0x80
	}
	if ascii {
		return x
	}
	x.counts = make([]int, 1, len(s)/chunk+1)
	n := 0
	for i := 0; i < len(s); i++ {
		if i > 0 && i%chunk == 0 {
			x.counts = append(x.counts, n)
		}
		if s[i]&0xC0 != 0x80 { // not a continuation byte: a character starts
			n++
		}
	}
	return x
}

// charsBefore returns the number of characters in s[:off].
func (x *charIndex) charsBefore(off int) int {
	if x.counts == nil {
		return off
	}
	k := min(off/chunk, len(x.counts)-1) // off may be len(s), a multiple of chunk
	n := x.counts[k]
	for i := k * chunk; i < off; i++ {
		if x.s[i]&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// offsetOf returns the byte offset at which the character numbered n
// (0-based) starts, and false when s has fewer characters.
func (x *charIndex) offsetOf(n int) (int, bool) {
	if x.counts == nil {
		return n, n <= len(x.s)
	}
	// The last chunk starting at or before the character.
	k := sort.Search(len(x.counts), func(k int) bool { return x.counts[k] > n }) - 1
	count := x.counts[k]
	for i := k * chunk; i < len(x.s); i++ {
		if x.s[i]&0xC0 != 0x80 {
			if count == n {
				return i, true
			}
			count++
		}
	}
	return len(x.s), count == n
}

// textColumn returns the column of the first character of scalar n's value
// in the source when the value appears there verbatim on n's line (a plain
// or quoted single-line scalar without escapes), and 0 otherwise.
func (p *specParser) textColumn(n *yaml.Node) int {
	line := p.line(n.Line)
	if line == nil || n.Column < 1 {
		return 0
	}
	off, ok := line.offsetOf(n.Column - 1)
	if !ok {
		return 0
	}
	rest := line.s[off:]
	switch n.Style &^ yaml.FlowStyle {
	case 0:
		if hasPrefix(rest, n.Value) {
			return n.Column
		}
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		if len(rest) > 0 && (rest[0] == '"' || rest[0] == '\'') &&
			hasPrefix(rest[1:], n.Value) && hasPrefix(rest[1+len(n.Value):], rest[:1]) {
			return n.Column + 1
		}
	}
	return 0
}

func hasPrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && s[:len(prefix)] == prefix
}

// line returns the character index of source line n (1-based), with its
// line break, or nil if there is no such line. Lines end as YAML ends
// them: at CR LF, CR, LF, NEL, LS or PS.
func (p *specParser) line(n int) *charIndex {
	if p.lineStarts == nil {
		p.lineStarts = lineStarts(p.src)
		p.lines = map[int]*charIndex{}
	}
	if n < 1 || n > len(p.lineStarts) {
		return nil
	}
	if x := p.lines[n]; x != nil {
		return x
	}
	end := len(p.src)
	if n < len(p.lineStarts) {
		end = p.lineStarts[n]
	}
	x := newCharIndex(string(p.src[p.lineStarts[n-1]:end]))
	p.lines[n] = x
	return x
}

// lineStarts returns the byte offsets at which the lines of src start.
func lineStarts(src []byte) []int {
	starts := make([]int, 1, 1+bytes.Count(src, []byte("\n")))
	for i := 0; i < len(src); i++ {
		width := 0 // of the line break at i, if any
		switch c := src[i]; {
		case c == '\r' && i+1 < len(src) && src[i+1] == '\n':
			width = 2
		case c == '\r' || c == '\n':
			width = 1
		case c == 0xC2 && bytes.HasPrefix(src[i:], []byte("\u0085")):
			width = 2
		case c == 0xE2 && (bytes.HasPrefix(src[i:], []byte("\u2028")) || bytes.HasPrefix(src[i:], []byte("\u2029"))):
			width = 3
		}
		if width > 0 {
			i += width - 1
			starts = append(starts, i+1)
		}
	}
	return starts
}
