package gen

import "github.com/shimgen/shimgen/spec"

// standIn is what the type check of the specs knows of a type of the
// generated package: its number of type parameters and its Shape (see
// GoDecl), from its declaration. The hand-written types ReadDir read and
// the generated interfaces are known; a type named only in
// Package.Declared is not.
type standIn struct {
	typeParams int
	shape      string
}

// knownTypes returns the types of the generated package whose stand-ins
// can be like them.
func knownTypes(forms Forms, hand handDecls, files []*spec.File) map[string]standIn {
	known := map[string]standIn{}
	for name, d := range hand.byName {
		if d.Kind == "type" && d.Pos != "" {
			known[name] = standIn{d.TypeParams, d.Shape}
		}
	}
	for _, f := range files {
		for _, iface := range f.Interfaces {
			for _, d := range forms.Declares(iface) {
				if d.API {
					known[d.Name] = standIn{shape: "interface"}
				}
			}
		}
	}
	return known
}

// body is the type a stand-in is declared as.
func (s standIn) body() string {
	switch s.shape {
	case "func":
		return "func()"
	case "map":
		return "map[int]int"
	case "slice":
		return "[]int"
	case "interface":
		return "interface{}"
	}
	return "struct{}"
}
