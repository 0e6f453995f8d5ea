package spec

import (
	"slices"
	"strings"
)

// ReservedName is a name that a method's parameters, sent item, results
// and stream item cannot take: the spec format or a generated form binds it in the
// method's scope. The table below is the one list of them; the generator's
// forms declare the names their code binds and a test holds them to it.
type ReservedName struct {
	Name string
	// Kinds are the method kinds the name is reserved in; nil means all.
	Kinds []MethodKind
	// Implicit is the noun ("parameter", "result") for which the name is
	// not a clash but a redundancy: the format supplies it already, and
	// ImplicitWhy says so.
	Implicit    string
	ImplicitWhy string
	// Why completes the message `parameter "x" ...`; {noun} stands for
	// parameter, sent item, result or stream item.
	Why string
	// Late names are checked by the generator once every spec of the
	// package is read, beside the generated identifiers, so that they do
	// not keep the spec from being checked further; Parse accepts them.
	Late bool
}

// reservedNames is the table of reserved names.
var reservedNames = []ReservedName{
	{Name: "_", Why: "is not allowed: every {noun} needs a name"},
	{Name: "nil", Late: true, Why: "would shadow an identifier the generated code uses; rename it"},
	{Name: "ctx", Implicit: "parameter", ImplicitWhy: "is implicit: every method receives ctx context.Context first; remove it",
		Why: "is reserved: every method receives ctx context.Context first; rename it"},
	{Name: "err", Implicit: "result", ImplicitWhy: "is implicit: every method returns err error last; remove it",
		Why: "is reserved: every method returns err error last; rename it"},
	{Name: "done", Why: "is reserved for the completion callback of the callback form; rename it"},
	{Name: "each", Kinds: []MethodKind{ServerStream, BidiStream}, Why: "is reserved for the item callback of a streaming method's callback form; rename it"},
	{Name: "send", Kinds: []MethodKind{ClientStream, BidiStream}, Why: "is reserved for the sending side of a method that sends items; rename it"},
}

// in reports whether r is reserved in methods of kind k.
func (r ReservedName) in(k MethodKind) bool { return r.Kinds == nil || slices.Contains(r.Kinds, k) }

// ReservedNames returns the names reserved in methods of kind k, sorted,
// Late ones included.
func ReservedNames(k MethodKind) []string {
	var out []string
	for _, r := range reservedNames {
		if r.in(k) {
			out = append(out, r.Name)
		}
	}
	slices.Sort(out)
	return out
}

// IsReserved reports whether name is reserved in methods of kind k.
func IsReserved(name string, k MethodKind) bool {
	return slices.ContainsFunc(reservedNames, func(r ReservedName) bool { return r.Name == name && r.in(k) })
}

// reservedWhy says why a parameter, sent item, result or stream item (noun) of a
// method of kind k cannot be named name, or returns "".
func reservedWhy(name, noun string, k MethodKind) string {
	for _, r := range reservedNames {
		if r.Name != name || r.Late || !r.in(k) {
			continue
		}
		if r.Implicit == noun {
			return r.ImplicitWhy
		}
		return strings.ReplaceAll(r.Why, "{noun}", noun)
	}
	return ""
}
