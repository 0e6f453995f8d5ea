package scaffold

import (
	"go/types"
	"regexp"
	"strings"
)

// docLinkRE matches a doc link to a declaration of the current package:
// [Name], [Name.Method], [*Name].
var docLinkRE = regexp.MustCompile(`\[(\*?)([A-Z][\pL\pN_]*)((?:\.[\pL_][\pL\pN_]*)?)\]`)

// qualifyLinks rewrites the doc links in doc that name declarations of
// package src so they still resolve from another package: [ReadDir] in
// io/fs's docs becomes [fs.ReadDir], qual being the qualifier src has
// there (qual is called only when doc has such a link). Code blocks (indented lines), links that are not to src's
// exported declarations and link definitions ("[Name]: url") are kept.
func qualifyLinks(doc string, src *types.Package, qual func() string) string {
	if src == nil || !strings.Contains(doc, "[") {
		return doc
	}
	lines := strings.Split(doc, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			continue
		}
		lines[i] = qualifyLine(l, src, qual)
	}
	return strings.Join(lines, "\n")
}

func qualifyLine(l string, src *types.Package, qual func() string) string {
	var b strings.Builder
	last := 0
	for _, m := range docLinkRE.FindAllStringSubmatchIndex(l, -1) {
		if next := l[m[1]:]; strings.HasPrefix(next, ":") || strings.HasPrefix(next, "(") {
			continue
		}
		if !declares(src, l[m[4]:m[5]], l[m[6]:m[7]]) {
			continue
		}
		q := qual()
		if q == "" {
			return l // the output package: the links resolve as they are
		}
		b.WriteString(l[last:m[4]])
		b.WriteString(q + ".")
		last = m[4]
	}
	b.WriteString(l[last:])
	return b.String()
}

// declares reports whether src declares the exported name, and, when sel
// (".Method") is not empty, name is a type.
func declares(src *types.Package, name, sel string) bool {
	obj := src.Scope().Lookup(name)
	if obj == nil || !obj.Exported() {
		return false
	}
	_, isType := obj.(*types.TypeName)
	return sel == "" || isType
}
