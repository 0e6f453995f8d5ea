package spec

import "strings"

// StdType is what shimgen knows of an exported type of the standard
// library, enough to check a spec's use of it without loading the package.
type StdType struct {
	// Kind is the kind of its underlying type.
	Kind TypeKind
	// Comparable reports whether its values can be compared with == (and
	// so be map keys).
	Comparable bool
	// Params are the constraints of its type parameters, in order; nil for
	// a type that is not generic.
	Params []Constraint
}

// TypeKind is the kind of a type's underlying type.
type TypeKind byte

// The kinds; Constraint is an interface with a type set, usable only as a
// type parameter's constraint.
const (
	BasicKind      TypeKind = 'b'
	StructKind     TypeKind = 's'
	InterfaceKind  TypeKind = 'i'
	ConstraintKind TypeKind = 'k'
	PointerKind    TypeKind = 'p'
	SliceKind      TypeKind = 'l'
	MapKind        TypeKind = 'm'
	ChanKind       TypeKind = 'c'
	FuncKind       TypeKind = 'f'
	ArrayKind      TypeKind = 'a'
)

// Constraint is a type parameter's constraint, as far as a spec needs it.
type Constraint byte

// The constraints: OtherConstraint is any constraint but any and
// comparable (cmp.Ordered, a method set).
const (
	AnyConstraint        Constraint = 'a'
	ComparableConstraint Constraint = 'c'
	OtherConstraint      Constraint = 'o'
)

// StdlibType looks up the exported type name of the standard-library
// package path. ok is false if path is not a standard-library package or
// declares no such type. The table is the union over the platforms
// mkstdlib lists, taken from the Go release it was generated with.
func StdlibType(path, name string) (t StdType, ok bool) {
	for _, entry := range strings.Fields(stdlibTypes[path]) {
		if n, code, _ := strings.Cut(entry, ":"); n == name {
			return decodeStdType(code), true
		}
	}
	return StdType{}, false
}

// NamedStdType is one exported type of a standard-library package.
type NamedStdType struct {
	Name string
	StdType
}

// StdlibTypes returns the exported types of the standard-library package
// path, sorted by name; ok is false if path is not one.
func StdlibTypes(path string) (ts []NamedStdType, ok bool) {
	entries, ok := stdlibTypes[path]
	if !ok {
		return nil, false
	}
	for _, entry := range strings.Fields(entries) {
		n, code, _ := strings.Cut(entry, ":")
		ts = append(ts, NamedStdType{n, decodeStdType(code)})
	}
	return ts, true
}

// StdlibTypeNames returns the exported type names of the standard-library
// package path, sorted; ok is false if path is not one.
func StdlibTypeNames(path string) (names []string, ok bool) {
	ts, ok := StdlibTypes(path)
	for _, t := range ts {
		names = append(names, t.Name)
	}
	return names, ok
}

// IsStdlibPackage reports whether path is a standard-library package of
// the table.
func IsStdlibPackage(path string) bool {
	_, ok := stdlibTypes[path]
	return ok
}

// decodeStdType decodes mkstdlib's code of a type: its kind letter, "="
// if comparable, then its constraints in brackets.
func decodeStdType(code string) StdType {
	t := StdType{Kind: TypeKind(code[0])}
	code = code[1:]
	if strings.HasPrefix(code, "=") {
		t.Comparable, code = true, code[1:]
	}
	if params, ok := strings.CutPrefix(code, "["); ok {
		for _, c := range strings.TrimSuffix(params, "]") {
			t.Params = append(t.Params, Constraint(c))
		}
	}
	return t
}
