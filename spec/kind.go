package spec

import (
	"fmt"
	"go/ast"
	"slices"
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
)

// Kinds lists every method kind, in order.
var Kinds = []MethodKind{Unary, ServerStream}

func (k MethodKind) String() string {
	switch k {
	case Unary:
		return "unary"
	case ServerStream:
		return "server stream"
	}
	return fmt.Sprintf("MethodKind(%d)", uint8(k))
}

// Streams reports whether the kind returns a stream of items.
func (k MethodKind) Streams() bool { return k == ServerStream }

// kindOf derives the kind of m from the keys it has.
func kindOf(m *Method) MethodKind {
	if m.Stream != nil {
		return ServerStream
	}
	return Unary
}

// Items returns the method's parameters, results and stream item, in that
// order.
func (m *Method) Items() []*Param {
	all := append(append([]*Param{}, m.Params...), m.Results...)
	if m.Stream != nil {
		all = append(all, m.Stream)
	}
	return all
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
