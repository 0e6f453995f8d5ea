package scaffold

import (
	"go/token"
	"go/types"
	"strings"
	"unicode"
)

// conventional names Go code gives values of some well-known types.
var conventional = map[string]string{
	"Context": "ctx", "Request": "req", "Response": "resp", "ResponseWriter": "w",
	"Reader": "r", "Writer": "w", "ReadCloser": "rc", "WriteCloser": "wc", "Duration": "d",
	"Time": "t", "FileMode": "mode", "FileInfo": "info", "URL": "u", "Buffer": "buf", "error": "err",
}

// nameFor derives a parameter name from its type, for a parameter the
// source leaves unnamed: *http.Request → req, fs.DirEntry → dirEntry,
// []fs.DirEntry → dirEntries, string → s.
func nameFor(t types.Type) string {
	switch t := types.Unalias(t).(type) {
	case *types.Pointer:
		return nameFor(t.Elem())
	case *types.Named:
		return typeNameFor(t.Obj().Name())
	case *types.TypeParam:
		return typeNameFor(t.Obj().Name())
	case *types.Slice:
		return sliceName(t.Elem())
	case *types.Array:
		return sliceName(t.Elem())
	case *types.Basic:
		return basicName(t)
	case *types.Map:
		return "m"
	case *types.Chan:
		return "ch"
	case *types.Signature:
		return "fn"
	}
	return "v"
}

// typeNameFor is the conventional name for a value of the named type
// name, else the name lower-camel-cased ("v" when that is not a usable
// identifier).
func typeNameFor(name string) string {
	if n, ok := conventional[name]; ok {
		return n
	}
	n := lowerCamel(name)
	if !token.IsIdentifier(n) || token.IsKeyword(n) || types.Universe.Lookup(n) != nil {
		return "v"
	}
	return n
}

// lowerCamel lower-cases name's leading capitals: File → file, FS → fs,
// HTTPClient → httpClient.
func lowerCamel(name string) string {
	runes := []rune(name)
	n := 0
	for n < len(runes) && unicode.IsUpper(runes[n]) {
		n++
	}
	if n > 1 && n < len(runes) {
		n-- // the last capital starts the next word
	}
	for i := range n {
		runes[i] = unicode.ToLower(runes[i])
	}
	return string(runes)
}

// sliceName names a slice or array of elem: data for bytes, the plural of
// a named type's name, else list.
func sliceName(elem types.Type) string {
	if b, ok := types.Unalias(elem).(*types.Basic); ok {
		if b.Kind() == types.Byte {
			return "data"
		}
		return "list"
	}
	n := nameFor(elem)
	if n == "v" {
		return "list"
	}
	return plural(n)
}

// plural is a naive English plural of an identifier.
func plural(n string) string {
	switch {
	case len(n) > 1 && strings.HasSuffix(n, "y") && !strings.ContainsRune("aeiou", rune(n[len(n)-2])):
		return n[:len(n)-1] + "ies"
	case strings.HasSuffix(n, "s"), strings.HasSuffix(n, "x"), strings.HasSuffix(n, "sh"), strings.HasSuffix(n, "ch"):
		return n + "es"
	}
	return n + "s"
}

// basicName names a value of a basic type.
func basicName(b *types.Basic) string {
	switch {
	case b.Kind() == types.Bool:
		return "ok"
	case b.Kind() == types.String:
		return "s"
	case b.Kind() == types.Byte:
		return "b"
	case b.Kind() == types.Rune:
		return "r"
	case b.Info()&types.IsInteger != 0:
		return "n"
	case b.Info()&types.IsFloat != 0:
		return "f"
	case b.Info()&types.IsComplex != 0:
		return "c"
	}
	return "v"
}
