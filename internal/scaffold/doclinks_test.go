package scaffold

import (
	"go/token"
	"go/types"
	"testing"
)

func TestQualifyLinks(t *testing.T) {
	fs := types.NewPackage("io/fs", "fs")
	for _, name := range []string{"ReadDir", "File", "FS"} {
		fs.Scope().Insert(types.NewTypeName(token.NoPos, fs, name, nil))
	}
	for in, want := range map[string]string{
		"See [ReadDir] and [File.Stat].":       "See [fs.ReadDir] and [fs.File.Stat].",
		"A [*File] or [FS]; not [Nope] or [x]": "A [*fs.File] or [fs.FS]; not [Nope] or [x]",
		"Already [io.Reader], [fs.File].":      "Already [io.Reader], [fs.File].",
		"[ReadDir]: https://example.com":       "[ReadDir]: https://example.com",
		"code:\n\t[ReadDir]\nthen [ReadDir]":   "code:\n\t[ReadDir]\nthen [fs.ReadDir]",
	} {
		if got := qualifyLinks(in, fs, func() string { return "fs" }); got != want {
			t.Errorf("qualifyLinks(%q) = %q, want %q", in, got, want)
		}
	}
	if got := qualifyLinks("[ReadDir]", fs, func() string { return "" }); got != "[ReadDir]" {
		t.Errorf("in the same package: %q", got)
	}
}
