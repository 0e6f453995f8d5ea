package gen

import (
	"fmt"
	"go/token"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/shimgen/shimgen/spec"
	"github.com/shimgen/shimgen/templates"
)

// load parses every spec of p, settles the Go package name and checks what
// only the package as a whole can tell: clashing generated identifiers and,
// with p.Types, the types the specs name.
func load(p Package) ([]*templates.Unit, error) {
	files, partial, errs := parseSpecs(p.Specs)
	others := parseOthers(p.Others)
	errs = append(specNameErrors(p), errs...)
	pkg, perrs := packageName(p, files)
	hand := handNames(p, pkg)
	errs = append(errs, perrs...)
	errs = append(errs, collisions(p.Forms, files, others)...)
	errs = append(errs, handClashes(p.Forms, hand, files)...)
	terrs, imported, err := typeErrors(p, hand, slices.Concat(files, partial), others)
	if err != nil {
		return nil, err
	}
	errs = append(errs, terrs...)
	units, uerrs := newUnits(files, pkg, hand)
	uerrs = append(uerrs, setExterns(units, slices.Concat(files, partial, others), imported, hand)...)
	uerrs = append(uerrs, handleShadowing(units)...)
	errs = append(errs, uerrs...)
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return units, nil
}

// parseSpecs parses specs: the models of those without errors, what could
// be read of the others (see spec.ParsePartial), and the errors.
func parseSpecs(specs []Input) (files, partial []*spec.File, errs spec.ErrorList) {
	for _, in := range specs {
		f, list := spec.ParsePartial(in.Name, in.Data)
		switch {
		case len(list) == 0:
			files = append(files, f)
		case f != nil:
			partial = append(partial, f)
		}
		errs = append(errs, list...)
	}
	return files, partial, errs
}

// typeErrors resolves and type-checks the types the specs name (the
// interfaces of others, the package's specs not generated, are known too),
// and returns the imported packages as loaded.
func typeErrors(p Package, hand handDecls, files, others []*spec.File) (spec.ErrorList, map[string]PackageTypes, error) {
	errs, res, err := resolveTypes(p, files, others)
	if err != nil {
		return nil, nil, err
	}
	known := knownTypes(p.Forms, hand, slices.Concat(files, others))
	return append(errs, checkTypes(files, res, known)...), res.imported, nil
}

// newUnits prepares the specs for emission, reporting a guard constant that
// a hand-written file declares (see templates.Unit.Guard).
func newUnits(files []*spec.File, pkg string, hand handDecls) ([]*templates.Unit, spec.ErrorList) {
	var errs spec.ErrorList
	units := make([]*templates.Unit, len(files))
	names := hand.names()
	for i, f := range files {
		units[i] = templates.NewUnit(f, pkg, names...)
		if d, ok := hand.byName[units[i].Guard]; ok {
			errs = append(errs, &spec.Error{Pos: spec.Pos{File: f.Name, Line: 1, Col: 1}, Msg: fmt.Sprintf(
				"the package's Go files already declare %s, the guard the generated code declares for this spec; rename it", describeHand(d))})
		}
	}
	return units, errs
}

// packageName decides the package of the generated files: the specs'
// `package` key, which must agree with the Go files already in the
// directory, else the directory's package, else its name.
func packageName(p Package, files []*spec.File) (string, spec.ErrorList) {
	var errs spec.ErrorList
	name, from := p.GoPackage, "the Go files in "+p.Dir
	if p.Dir == "." || p.Dir == "" {
		from = "the Go files in this directory"
	}
	for _, f := range files {
		if f.Package == "" {
			continue
		}
		if name != "" && f.Package != name {
			errs = append(errs, &spec.Error{Pos: f.PackagePos, Msg: fmt.Sprintf("package %q does not match package %q of %s", f.Package, name, from)})
			continue
		}
		name, from = f.Package, f.Name
	}
	if name != "" || len(files) == 0 {
		return name, errs
	}
	name = dirPackage(p.DirName)
	if name == "" {
		errs = append(errs, &spec.Error{Pos: spec.Pos{File: files[0].Name, Line: 1, Col: 1},
			Msg: fmt.Sprintf("cannot derive a package name from directory %q; set the package key", p.DirName)})
	}
	return name, errs
}

// dirPackage turns a directory name into a package name the way Go
// programmers do by hand: lower case, letters and digits only.
func dirPackage(dir string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(dir) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) && b.Len() > 0) {
			b.WriteRune(r)
		}
	}
	if s := b.String(); token.IsIdentifier(s) && !token.IsKeyword(s) {
		return s
	}
	return ""
}

// collisions reports interfaces declared twice in the package, generated
// identifiers that clash, and parameters named like a generated identifier
// the generated method bodies refer to, those of others (the package's
// specs not generated in this run, whose handles the bodies convert with
// their constructors) included.
func collisions(forms Forms, files, others []*spec.File) spec.ErrorList {
	var errs spec.ErrorList
	owner := map[string]*spec.Interface{}
	for _, f := range files {
		for _, iface := range f.Interfaces {
			for _, d := range forms.Declares(iface) {
				if prev, ok := owner[d.Name]; ok {
					errs = append(errs, &spec.Error{Pos: iface.Pos, Msg: clash(iface, prev, d.Name)})
					break
				}
				owner[d.Name] = iface
			}
		}
	}
	generated := maps.Clone(owner)
	for _, f := range others {
		for _, iface := range f.Interfaces {
			if iface.Name == "" {
				continue // what could not be read of it
			}
			for _, d := range forms.Declares(iface) {
				if generated[d.Name] == nil {
					generated[d.Name] = iface
				}
			}
		}
	}
	for _, f := range files {
		for _, iface := range f.Interfaces {
			errs = append(errs, shadowing(iface, generated)...)
		}
	}
	return errs
}

func clash(iface, prev *spec.Interface, id string) string {
	if iface == prev {
		return noLowerCase(iface, id)
	}
	if iface.Name == prev.Name {
		return fmt.Sprintf("interface %q is already declared at %s", iface.Name, prev.Pos)
	}
	return fmt.Sprintf("interface %q: generated identifier %s clashes with one generated for interface %q at %s; rename one of them", iface.Name, id, prev.Name, prev.Pos)
}

// shadowing reports parameters, sent items, results and stream items that
// would hide a generated identifier inside generated method bodies, and
// the blocking form's iterator of the sent items (see spec.SendsName),
// a parameter of its methods. A stream item's name only names the
// parameter of each's func type today; it is held to the same rule so that
// no generated body ever has to care. The fixed names the forms bind are
// spec's reserved names, rejected when the spec is parsed, but for the
// Late ones (nil), checked here.
func shadowing(iface *spec.Interface, generated map[string]*spec.Interface) spec.ErrorList {
	var errs spec.ErrorList
	for _, m := range iface.Methods {
		errs = append(errs, shadowed(iface, m, "parameter", m.Params, generated)...)
		if m.Send != nil {
			errs = append(errs, shadowed(iface, m, "sent item", []*spec.Param{m.Send}, generated)...)
			errs = append(errs, shadowed(iface, m, "sent item "+strconv.Quote(m.Send.Name)+": the iterator of the sent items",
				[]*spec.Param{{Name: m.SendsName(), Pos: m.Send.Pos}}, generated)...)
		}
		errs = append(errs, shadowed(iface, m, "result", m.Results, generated)...)
		if m.Stream != nil {
			errs = append(errs, shadowed(iface, m, "stream item", []*spec.Param{m.Stream}, generated)...)
		}
	}
	return errs
}

func shadowed(iface *spec.Interface, m *spec.Method, kind string, ps []*spec.Param, generated map[string]*spec.Interface) spec.ErrorList {
	var errs spec.ErrorList
	for _, p := range ps {
		if spec.IsReserved(p.Name, m.Kind) || generated[p.Name] != nil {
			errs = append(errs, &spec.Error{Pos: p.Pos, Msg: fmt.Sprintf(
				"interface %q: method %q: %s %q would shadow an identifier the generated code uses; rename it", iface.Name, m.Name, kind, p.Name)})
		}
	}
	return errs
}
