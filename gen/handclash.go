package gen

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/shimgen/shimgen/spec"
)

// handDecls are the declarations of the generated package's hand-written
// files, by name, and their methods, by receiver type.
type handDecls struct {
	byName  map[string]GoDecl
	methods map[string][]GoDecl
}

// handNames gathers the declarations of p's hand-written files in package
// pkg: Package.Go, and Package.Declared for the types it alone names.
func handNames(p Package, pkg string) handDecls {
	h := handDecls{byName: map[string]GoDecl{}, methods: map[string][]GoDecl{}}
	for _, d := range p.Go {
		switch {
		case d.Package != pkg:
		case d.Kind == "method":
			h.methods[d.Recv] = append(h.methods[d.Recv], d)
		case h.byName[d.Name].Name == "":
			h.byName[d.Name] = d
		}
	}
	for _, name := range p.Declared {
		if h.byName[name].Name == "" {
			h.byName[name] = GoDecl{Name: name, Kind: "type"}
		}
	}
	return h
}

// names returns the package-level names of the hand-written files, sorted.
func (h handDecls) names() []string {
	out := make([]string, 0, len(h.byName))
	for name := range h.byName {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// handClashes reports generated identifiers that the hand-written files
// declare too, and methods they declare on a generated type: the generated
// code would not compile, or not once the spec changes. The generated
// files' imports never clash: they are renamed around the hand-written
// names (see templates.NewUnit).
func handClashes(forms Forms, h handDecls, files []*spec.File) spec.ErrorList {
	var errs spec.ErrorList
	for _, f := range files {
		for _, iface := range f.Interfaces {
			if msg := handClash(forms, h, iface); msg != "" {
				errs = append(errs, &spec.Error{Pos: iface.Pos, Msg: fmt.Sprintf("interface %q: %s", iface.Name, msg)})
			}
		}
	}
	return errs
}

// handClash describes the first clash of iface's generated identifiers with
// the hand-written declarations, or returns "".
func handClash(forms Forms, h handDecls, iface *spec.Interface) string {
	for _, d := range forms.Declares(iface) {
		if hd, ok := h.byName[d.Name]; ok {
			return fmt.Sprintf("the package's Go files already declare %s, which the generated code declares; rename one of them", describeHand(hd))
		}
		if ms := h.methods[d.Name]; len(ms) > 0 {
			m := slices.MinFunc(ms, func(a, b GoDecl) int { return strings.Compare(a.Pos, b.Pos) })
			return fmt.Sprintf("the package's Go files declare %s on %s, a type the generated code declares with its own methods; declare it on a type of your own", describeHand(m), d.Name)
		}
	}
	return ""
}

// describeHand names a hand-written declaration and, when known, where it is.
func describeHand(d GoDecl) string {
	if d.Pos == "" {
		return fmt.Sprintf("a %s %s", d.Kind, d.Name)
	}
	return fmt.Sprintf("%s %s at %s", d.Kind, qualifiedName(d), d.Pos)
}

func qualifiedName(d GoDecl) string {
	if d.Kind == "method" {
		return d.Recv + "." + d.Name
	}
	return d.Name
}
