package spec

import (
	"bytes"
	"strings"

	"gopkg.in/yaml.v3"
)

// The YAML library names, in a syntax error, the line where the enclosing
// construct starts (a mapping's first key), not the line of the token it
// could not parse: `results: []string` on line 12 is reported at line 9.
// The offending position is found instead as the shortest prefix of the
// source that already fails with the same message: a prefix that ends
// before the offending token parses (or fails otherwise), one that reaches
// into it fails as the whole does. A binary search over lines, then over
// the characters of the line found, keeps that to a few dozen decodes.

// syntaxPos returns the line and column of the YAML syntax error msg (the
// library's message without its "line N: " prefix), searching from line
// from on, or line from and column 1 when no prefix fails that way (an
// error in a later document).
func (p *specParser) syntaxPos(msg string, from int) (line, col int) {
	starts := lineStarts(p.src)
	from = max(from, 1)
	if from > len(starts) {
		return from, 1
	}
	fails := func(end int) bool { return failsWith(p.src[:end], msg) }
	lo, hi := from, len(starts) // the line found is in [lo, hi]
	if !fails(len(p.src)) {
		return from, 1
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(lineEnd(p.src, starts, mid)) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo, p.syntaxCol(starts, lo, fails)
}

// syntaxCol returns the column of the first character of line n whose
// inclusion makes the source fail, or 1 when the lines before fail already.
func (p *specParser) syntaxCol(starts []int, n int, fails func(end int) bool) int {
	start, end := starts[n-1], lineEnd(p.src, starts, n)
	if fails(start) {
		return 1
	}
	lo, hi := start+1, end // the smallest failing end is in [lo, hi]
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	// The character that ends the failing prefix, counted from 1.
	return 1 + len([]rune(string(p.src[start:lo-1])))
}

// lineEnd returns the offset just past line n (1-based), its line break
// included.
func lineEnd(src []byte, starts []int, n int) int {
	if n < len(starts) {
		return starts[n]
	}
	return len(src)
}

// failsWith reports whether the first YAML document of src fails to parse
// with message msg.
func failsWith(src []byte, msg string) bool {
	var n yaml.Node
	err := decode(yaml.NewDecoder(bytes.NewReader(src)), &n)
	if err == nil {
		return false
	}
	got := strings.TrimPrefix(err.Error(), "yaml: ")
	if m := yamlLine.FindStringSubmatch(got); m != nil {
		got = got[len(m[0]):]
	}
	return got == msg
}
