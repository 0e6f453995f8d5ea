package adapt

import (
	"strings"
	"unicode"

	"github.com/shimgen/shimgen/spec"
	t "github.com/shimgen/shimgen/templates"
)

// names are the identifiers the adapt form declares for one interface X
// from pkg.O: XFromPkgO, PkgOFromX, their types and the nil-keeping
// helpers handles use.
type names struct {
	from, to         string // FSFromFSFS, FSFSFromFS
	fromType, toType string // fsFromFSFS, fsfsFromFS
	fromOf, toOf     string // fsOfFSFS, fsfsOfFS
}

func namesOf(iface *spec.Interface) names {
	label := originLabel(iface.From)
	if label == iface.Name {
		// FSFile from io/fs.File: FSFileFromFSFile would name both ways.
		label = "Original" + label
	}
	return names{
		from:     iface.Name + "From" + label,
		to:       label + "From" + iface.Name,
		fromType: t.LowerFirst(iface.Name) + "From" + label,
		toType:   t.LowerFirst(label) + "From" + iface.Name,
		fromOf:   t.LowerFirst(iface.Name) + "Of" + label,
		toOf:     t.LowerFirst(label) + "Of" + iface.Name,
	}
}

// originLabel names an origin by its package, spelled as Go spells
// initialisms, and type: FSFS for io/fs.FS, HTTPRoundTripper for
// net/http.RoundTripper, RedisCmdable for
// github.com/redis/go-redis/v9.Cmdable.
func originLabel(o *spec.Origin) string {
	pkg := packageGuess(o.Path)
	if pkg == "" {
		return o.Name
	}
	return exported(pkg) + o.Name
}

// packageGuess is the package name an import path most likely declares,
// as jennifer guesses it: the last element without a major version,
// "go-" or "-go", and with only letters and digits.
func packageGuess(p string) string {
	elems := strings.Split(p, "/")
	last := elems[len(elems)-1]
	if len(elems) > 1 && isMajor(last) {
		last = elems[len(elems)-2]
	}
	last = strings.TrimSuffix(strings.TrimPrefix(last, "go-"), "-go")
	return strings.Map(func(r rune) rune {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return unicode.ToLower(r)
		}
		return -1
	}, last)
}

// isMajor reports whether an import path element is a major version
// suffix: v2, v9.
func isMajor(s string) bool {
	if len(s) < 2 || s[0] != 'v' {
		return false
	}
	for _, r := range s[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
