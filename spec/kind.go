package spec

import (
	"fmt"
	"go/ast"
	"slices"
	"strings"
	"unicode"
)

// MethodKind is the shape of a method's exchange: what the caller sends and
// what it gets back. Every consumer of the model switches on it, with a
// default that fails loudly, so a new kind cannot be half supported.
type MethodKind uint8

const (
	// Unary: parameters in, results (and err) out.
	Unary MethodKind = iota + 1
	// ServerStream: parameters in, a stream of items (`stream:`) out.
	ServerStream
	// ClientStream: parameters and a stream of sent items (`send:`) in,
	// results (and err) out.
	ClientStream
	// BidiStream: parameters and a stream of sent items (`send:`) in, a
	// stream of items (`stream:`) out.
	BidiStream
)

// Kinds lists every method kind, in order.
var Kinds = []MethodKind{Unary, ServerStream, ClientStream, BidiStream}

func (k MethodKind) String() string {
	switch k {
	case Unary:
		return "unary"
	case ServerStream:
		return "server stream"
	case ClientStream:
		return "client stream"
	case BidiStream:
		return "bidirectional stream"
	}
	return fmt.Sprintf("MethodKind(%d)", uint8(k))
}

// Streams reports whether the kind returns a stream of items.
func (k MethodKind) Streams() bool { return k == ServerStream || k == BidiStream }

// Sends reports whether the caller of the kind sends a stream of items.
func (k MethodKind) Sends() bool { return k == ClientStream || k == BidiStream }

// kindOf derives the kind of a method from whether it has the keys send
// and stream.
func kindOf(sends, streams bool) MethodKind {
	switch {
	case sends && streams:
		return BidiStream
	case sends:
		return ClientStream
	case streams:
		return ServerStream
	}
	return Unary
}

// Items returns the method's parameters, sent item, results and stream
// item, in that order.
func (m *Method) Items() []*Param {
	all := append([]*Param{}, m.Params...)
	if m.Send != nil {
		all = append(all, m.Send)
	}
	all = append(all, m.Results...)
	if m.Stream != nil {
		all = append(all, m.Stream)
	}
	return all
}

// SendsName is the name of the parameter that carries the sent items of a
// client or bidirectional stream in the blocking form: the plural of the
// sent item's name ("chunk" gives "chunks"), or, when that is the name of
// another parameter or is no plural ("data"), the item's name with "Seq".
func (m *Method) SendsName() string {
	if m.Send == nil {
		return ""
	}
	name := Plural(m.Send.Name)
	for _, p := range m.Params {
		if p.Name == name {
			return m.Send.Name + "Seq"
		}
	}
	if name == m.Send.Name {
		return name + "Seq"
	}
	return name
}

// Plural returns the English plural of an identifier's last word by the
// regular rules: "chunk" → "chunks", "entry" → "entries", "box" →
// "boxes", "dataBatch" → "dataBatches". Names that already end in "s",
// and names whose last word has no plural ("data", "rawInfo"), are
// returned unchanged.
func Plural(name string) string {
	lower := strings.ToLower(name)
	switch {
	case name == "" || uncountable[strings.ToLower(lastWord(name))]:
		return name
	case strings.HasSuffix(lower, "s"):
		return name
	case strings.HasSuffix(lower, "x"), strings.HasSuffix(lower, "z"),
		strings.HasSuffix(lower, "ch"), strings.HasSuffix(lower, "sh"):
		return name + "es"
	case strings.HasSuffix(lower, "y") && len(lower) > 1 && !strings.ContainsRune("aeiou", rune(lower[len(lower)-2])):
		return name[:len(name)-1] + "ies"
	}
	return name + "s"
}

// uncountable are the words of item names that have no plural.
var uncountable = map[string]bool{
	"data": true, "metadata": true, "info": true, "information": true,
	"media": true, "feedback": true, "evidence": true, "advice": true,
	"traffic": true, "audio": true, "equipment": true, "software": true,
}

// lastWord returns the last word of a camel-case or snake-case identifier:
// "rawData" → "Data", "raw_data" → "data".
func lastWord(name string) string {
	i := strings.LastIndexFunc(name, func(r rune) bool { return r == '_' || unicode.IsUpper(r) })
	switch {
	case i < 0:
		return name
	case name[i] == '_':
		return name[i+1:]
	}
	return name[i:]
}

// Qualifiers returns the package qualifiers the types of iface's methods
// use ("time" in time.Duration), sorted and without repeats.
func Qualifiers(iface *Interface) []string {
	seen := map[string]bool{}
	for _, m := range iface.Methods {
		for _, p := range m.Items() {
			ast.Inspect(p.Type, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok {
					if x, ok := sel.X.(*ast.Ident); ok {
						seen[x.Name] = true
					}
					return false
				}
				return true
			})
		}
	}
	out := make([]string, 0, len(seen))
	for q := range seen {
		out = append(out, q)
	}
	slices.Sort(out)
	return out
}
