package scaffold

import (
	"fmt"
	"go/token"
	"go/types"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shimgen/shimgen/spec"
)

// nameParams gives every param, result, stream item and sent item of m a
// name that the spec accepts and that is unique in the method: unnamed
// params and results are named after their type (req *http.Request, n
// int), a stream item after its type, a sent item after the iterator it
// comes from (see sendName); reserved names, repeated ones and names equal
// to a qualifier the method uses get a number (s, s2).
func nameParams(m *method, qualifiers map[string]bool) {
	taken := map[string]bool{}
	bad := func(name string) bool {
		return spec.IsReserved(name, m.kind()) || qualifiers[name] || taken[name]
	}
	pick := func(p *param, fallback string) {
		name := p.name
		if name == "" || name == "_" {
			name = fallback
		}
		base := name
		for i := 2; bad(name); i++ {
			name = fmt.Sprintf("%s%d", base, i)
		}
		p.name, taken[name] = name, true
	}
	for i := range m.params {
		pick(&m.params[i], nameFor(m.params[i].t))
	}
	for i := range m.results {
		pick(&m.results[i], nameFor(m.results[i].t))
	}
	if m.stream != nil {
		pick(m.stream, itemName(m.stream.typ))
	}
	if m.send != nil {
		pickSend(m.send, bad, taken)
	}
}

// pickSend names the sent item after the iterator parameter it comes from
// (see sendName), avoiding, besides the names bad rejects, those that
// would give the blocking form's iterator of the sent items a name taken.
func pickSend(p *param, bad func(string) bool, taken map[string]bool) {
	base := sendName(p.name, p.typ)
	name := base
	for i := 2; bad(name) || taken[spec.Plural(name)] || taken[name+"Seq"]; i++ {
		name = fmt.Sprintf("%s%d", base, i)
	}
	p.name, taken[name] = name, true
}

// itemName derives a stream item's name from its type: "*meta.Entry" →
// "entry"; "item" when the type is not a plain named type.
func itemName(typ string) string {
	typ = strings.TrimPrefix(typ, "*")
	if i := strings.LastIndex(typ, "."); i >= 0 {
		typ = typ[i+1:]
	}
	r, size := utf8.DecodeRuneInString(typ)
	name := string(unicode.ToLower(r)) + typ[size:]
	if !token.IsIdentifier(name) || token.IsKeyword(name) || types.Universe.Lookup(name) != nil || name == typ {
		return "item"
	}
	return name
}
