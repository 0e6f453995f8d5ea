package spec

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Names that look alike but differ (Latin "Store" and "Ѕtore" with a
// Cyrillic Ѕ) let a spec declare what a reader takes for one name twice,
// or hide one API behind another. A spec's names are compared by their
// skeleton, in the manner of Unicode's confusable detection (UTS #39): each
// character that looks like a Latin letter or digit is replaced by it. The
// table holds the letters of the scripts whose capitals and small letters
// are drawn like Latin ones (Cyrillic, Greek, Armenian, the dotless i) and
// the fullwidth forms; that is what a Go identifier can carry and a reader
// cannot tell apart, without the full Unicode data.

// lookalikes maps characters to the Latin character they are drawn as.
var lookalikes = map[rune]rune{
	// Cyrillic.
	'А': 'A', 'В': 'B', 'С': 'C', 'Е': 'E', 'Н': 'H', 'І': 'I', 'Ј': 'J', 'К': 'K',
	'М': 'M', 'О': 'O', 'Р': 'P', 'Ѕ': 'S', 'Т': 'T', 'Х': 'X', 'У': 'Y', 'Ү': 'Y',
	'Ԛ': 'Q', 'Ԝ': 'W', 'Ӏ': 'I', 'а': 'a', 'с': 'c', 'е': 'e', 'о': 'o', 'р': 'p',
	'х': 'x', 'у': 'y', 'і': 'i', 'ј': 'j', 'ѕ': 's', 'һ': 'h', 'ԁ': 'd', 'ԛ': 'q',
	'ԝ': 'w', 'ӏ': 'l', 'ү': 'y',
	// Greek.
	'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M',
	'Ν': 'N', 'Ο': 'O', 'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X', 'ο': 'o', 'ν': 'v',
	'α': 'a',
	// Armenian and Latin.
	'Տ': 'S', 'Օ': 'O', 'օ': 'o', 'ս': 'u', 'հ': 'h', 'ո': 'n', 'ı': 'i',
}

// skeleton returns the form of name that names drawn alike share.
func skeleton(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case lookalikes[r] != 0:
			r = lookalikes[r]
		case r >= '！' && r <= '～': // fullwidth ASCII
			r = r - '！' + '!'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// namedAt is one name of a spec and where it is declared.
type namedAt struct {
	subject    string // of messages: `interface "I": `
	what, name string // what: "interface", "method", "parameter" ...
	pos        Pos
}

// confusables reports each name of f that differs from an earlier one but
// looks the same.
func (p *specParser) confusables(f *File) {
	first := map[string]namedAt{}
	for _, n := range specNames(f) {
		key := skeleton(n.name)
		prev, ok := first[key]
		switch {
		case !ok:
			first[key] = n
		case prev.name != n.name:
			p.errorf(n.pos, "%s%s %s looks like %s %s at %d:%d but is spelt with other characters (%s); rename one of them",
				n.subject, n.what, quote(n.name), prev.what, quote(prev.name), prev.pos.Line, prev.pos.Col, differing(n.name, prev.name))
		}
	}
}

// specNames lists the names f declares, in spec order.
func specNames(f *File) []namedAt {
	var out []namedAt
	for _, iface := range f.Interfaces {
		out = append(out, namedAt{"", "interface", iface.Name, iface.Pos})
		subject := fmt.Sprintf("interface %s: ", quote(iface.Name))
		for _, m := range iface.Methods {
			out = append(out, namedAt{subject, "method", m.Name, m.Pos})
			inner := fmt.Sprintf("%smethod %s: ", subject, quote(m.Name))
			for i, prm := range m.Items() {
				out = append(out, namedAt{inner, nounOf(m, i), prm.Name, prm.Pos})
			}
		}
	}
	return out
}

// differing names the characters of a and b that are not ASCII.
func differing(a, b string) string {
	var codes []string
	seen := map[rune]bool{}
	for _, r := range a + b {
		if r >= utf8.RuneSelf && !seen[r] {
			seen[r] = true
			codes = append(codes, fmt.Sprintf("%s is U+%04X", quote(string(r)), r))
		}
	}
	return strings.Join(codes, ", ")
}
