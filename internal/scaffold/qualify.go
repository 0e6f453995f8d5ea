package scaffold

import (
	"fmt"
	"go/types"
	"sort"

	"github.com/shimgen/shimgen/spec"
)

// qualifiers names the packages the spec's types refer to, as seen from the
// output package, and records which need an imports entry.
type qualifiers struct {
	out    string            // the output package's import path
	byPath map[string]string // import path → qualifier
	taken  map[string]string // qualifier → import path
	live   map[string]bool   // qualifiers used by methods written uncommented
	// pending are qualifiers that methods kept from a spec being updated
	// use, not (yet) known by path.
	pending map[string]bool
}

func newQualifiers(out string) *qualifiers {
	return &qualifiers{out: out, byPath: map[string]string{}, taken: map[string]string{}, live: map[string]bool{}, pending: map[string]bool{}}
}

// qualifier returns the qualifier of package p: "" for the output package,
// else its name, numbered when another package already has it.
func (q *qualifiers) qualifier(p *types.Package) string {
	if p.Path() == q.out {
		return ""
	}
	if name, ok := q.byPath[p.Path()]; ok {
		return name
	}
	name := p.Name()
	for i := 2; q.taken[name] != ""; i++ {
		name = fmt.Sprintf("%s%d", p.Name(), i)
	}
	q.byPath[p.Path()], q.taken[name] = name, p.Path()
	return name
}

// needsImport reports whether qualifier name must be declared under
// imports: it does not resolve alone to its package in the standard
// library.
func (q *qualifiers) needsImport(name string) bool {
	std, _ := spec.StdlibPath(name)
	return std != q.taken[name]
}

// imports returns the qualifiers that need an imports entry, sorted, split
// by whether a live method uses them.
func (q *qualifiers) imports() (live, skipped []string) {
	for name := range q.taken {
		switch {
		case !q.needsImport(name):
		case q.live[name]:
			live = append(live, name)
		default:
			skipped = append(skipped, name)
		}
	}
	sort.Strings(live)
	sort.Strings(skipped)
	return live, skipped
}

// typeString writes t as seen from the output package, adding the
// qualifiers it uses to used.
func (q *qualifiers) typeString(t types.Type, used map[string]bool) string {
	return types.TypeString(t, func(p *types.Package) string {
		name := q.qualifier(p)
		if name != "" {
			used[name] = true
		}
		return name
	})
}
