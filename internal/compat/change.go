package compat

import (
	"cmp"
	"slices"

	"github.com/shimgen/shimgen/spec"
)

// Kind says whom a change breaks.
type Kind int

const (
	// Breaking changes break callers of the generated code, and usually its
	// implementers too.
	Breaking Kind = iota
	// Implementers changes break only code implementing the generated
	// interfaces (mocks, other backends): an added method.
	Implementers
)

// String returns "breaking" or "implementers".
func (k Kind) String() string {
	if k == Implementers {
		return "implementers"
	}
	return "breaking"
}

// Change is one incompatible difference between the old and the new specs.
type Change struct {
	Kind Kind
	// Pos is where the change is, in the new spec; for a removal, where the
	// removed element was, in the old spec.
	Pos spec.Pos
	// Subject names what changed, as spec errors do:
	// `interface "Bucket": method "Get"`, or "" for the package.
	Subject string
	// Msg describes the change, e.g. `method removed`.
	Msg string
}

// String formats c as "file:line:col: subject: message".
func (c Change) String() string {
	if c.Subject == "" {
		return c.Pos.String() + ": " + c.Msg
	}
	return c.Pos.String() + ": " + c.Subject + ": " + c.Msg
}

// sortChanges orders changes by file, line, column, then subject and
// message, so output does not depend on map order.
func sortChanges(cs []Change) {
	slices.SortStableFunc(cs, func(a, b Change) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Subject, b.Subject),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
}
