package spec

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestErrorList(t *testing.T) {
	var empty ErrorList
	if empty.Err() != nil {
		t.Errorf("empty list: Err() = %v, want nil", empty.Err())
	}
	l := ErrorList{
		{Pos: Pos{File: "b.yaml", Line: 1, Col: 1}, Msg: "b"},
		{Pos: Pos{File: "a.yaml", Line: 2, Col: 1}, Msg: "second"},
		{Pos: Pos{File: "a.yaml", Line: 1, Col: 5}, Msg: "first"},
		{Pos: Pos{File: "a.yaml", Line: 1, Col: 5}, Msg: "first again"},
		{Pos: Pos{File: "a.yaml", Line: 3}, Msg: "no column"},
	}
	l.Sort()
	want := "a.yaml:1:5: first\na.yaml:1:5: first again\na.yaml:2:1: second\na.yaml:3: no column\nb.yaml:1:1: b"
	if got := l.Err().Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
	if l.Len() != 5 {
		t.Errorf("Len() = %d", l.Len())
	}
	var e *Error
	if !errors.As(l.Err(), &e) || e.Msg != "first" {
		t.Errorf("errors.As found %v", e)
	}
}

func TestSuggest(t *testing.T) {
	keys := []string{"name", "doc", "params", "results", "timeout"}
	tests := []struct {
		word       string
		candidates []string
		want       string
	}{
		{"paramz", keys, "params"},
		{"result", keys, "results"},
		{"dco", keys, "doc"},
		{"Name", keys, "name"},
		{"timeuot", keys, "timeout"},
		{"color", keys, ""},
		{"x", keys, ""},
		{"jsn", []string{"js", "json"}, "json"},
		{"mta", []string{"meta", "math"}, "meta"},
		{"name", keys, ""}, // the word itself is no suggestion
		{"日本x", []string{"日本語"}, "日本語"},
	}
	for _, tt := range tests {
		if got := suggest(tt.word, tt.candidates); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestCheckImportPath(t *testing.T) {
	valid := []string{"example.com/blob/meta", "math/rand/v2", "gopkg.in/yaml.v3", "a", "x/y_z~1+2-3", "example.com/internal/x"}
	for _, p := range valid {
		if err := checkImportPath(p); err != nil {
			t.Errorf("checkImportPath(%q) = %v, want nil", p, err)
		}
	}
	invalid := map[string]string{
		"":                 "empty string",
		"-x":               "leading dash",
		"a//b":             "double slash",
		"a/":               "trailing slash",
		"/a":               "empty path element",
		"a/../b":           `invalid path element ".."`,
		"a/b./c":           "trailing dot in path element",
		"a b":              "invalid char ' '",
		"é":                "invalid char 'é'",
		"a/con/b":          `"con" disallowed as path element component on Windows`,
		"a/com1.txt":       `"com1" disallowed as path element component on Windows`,
		"a/PROGRA~1":       "trailing tilde and digits in path element",
		"a/\xff":           "invalid UTF-8",
		`a\b`:              `invalid char '\\'`,
		"example.com/a:b":  "invalid char ':'",
		"example.com/a\"b": `invalid char '"'`,
	}
	for p, want := range invalid {
		err := checkImportPath(p)
		if err == nil || err.Error() != want {
			t.Errorf("checkImportPath(%q) = %v, want %s", p, err, want)
		}
	}
}

func TestCharIndex(t *testing.T) {
	for _, s := range []string{
		"", "abc", "é", "aé日本x", strings.Repeat("aé", 100), strings.Repeat("日", 70) + "x" + strings.Repeat("b", 130),
		"é" + strings.Repeat("a", 62), strings.Repeat("é", 64), // lengths that are multiples of the chunk
	} {
		x := newCharIndex(s)
		n := 0
		for off := range len(s) + 1 {
			if off < len(s) && !utf8.RuneStart(s[off]) {
				continue // offsets always fall on a character
			}
			if got := x.charsBefore(off); got != n {
				t.Errorf("%q: charsBefore(%d) = %d, want %d", s, off, got, n)
			}
			if got, ok := x.offsetOf(n); got != off || !ok {
				t.Errorf("%q: offsetOf(%d) = %d, %v; want %d", s, n, got, ok, off)
			}
			n++
		}
		if _, ok := x.offsetOf(n); ok {
			t.Errorf("%q: offsetOf(%d) past the end is ok", s, n)
		}
	}
}
