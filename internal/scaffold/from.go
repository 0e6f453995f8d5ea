package scaffold

import (
	"fmt"
	"go/token"
	"strings"
)

// Source names one interface to scaffold, as given to --from: a package
// pattern and an interface name joined by the last dot, such as
// "./store.Store" or "io/fs.ReadFileFS", optionally followed by the name
// the spec gives it ("io/fs.File=FSFile").
type Source struct {
	Pattern string // a go/packages pattern: "./store", "io/fs"
	Name    string // the interface's name
	As      string // the spec interface's name, when not Name
}

// String returns the source in its --from form.
func (s Source) String() string {
	if s.As != "" {
		return s.Pattern + "." + s.Name + "=" + s.As
	}
	return s.Pattern + "." + s.Name
}

// SpecName is the name of the spec interface the source becomes.
func (s Source) SpecName() string {
	if s.As != "" {
		return s.As
	}
	return s.Name
}

// ParseSource splits a --from value at its last dot. A value with no dot
// after its last slash ("github.com/spf13/afero") names a package but no
// interface: its Name is empty, and Load says so, listing the package's
// interfaces.
func ParseSource(from string) (Source, error) {
	from, as, renamed := strings.Cut(from, "=")
	if renamed && !(token.IsIdentifier(as) && token.IsExported(as)) {
		return Source{}, fmt.Errorf("--from %s=%s: %q is not an exported Go identifier (want PACKAGE.Interface=Name)", from, as, as)
	}
	src, err := parseFrom(from)
	if renamed && err == nil && src.Name == "" {
		return Source{}, fmt.Errorf("--from %s=%s: no interface name to rename (%s)", from, as, want)
	}
	src.As = as
	return src, err
}

// parseFrom parses a --from value without its "=Name".
func parseFrom(from string) (Source, error) {
	i := strings.LastIndex(from, ".")
	if i < 0 || strings.Contains(from[i+1:], "/") {
		if strings.Trim(from, "./") == "" {
			return Source{}, fmt.Errorf("--from %q: %s", from, want)
		}
		return Source{Pattern: from}, nil
	}
	src := Source{Pattern: from[:i], Name: from[i+1:]}
	switch {
	case src.Pattern == "" || strings.HasSuffix(src.Pattern, "/"):
		return Source{}, fmt.Errorf("--from %q: no package before the interface name (want PACKAGE.Interface, such as ./store.Store)", from)
	case !token.IsIdentifier(src.Name):
		return Source{}, fmt.Errorf("--from %q: %q is not an interface name (%s)", from, src.Name, want)
	case strings.Contains(src.Pattern, "..."):
		return Source{}, fmt.Errorf("--from %q: the package must be a single package, not a pattern", from)
	}
	return src, nil
}
