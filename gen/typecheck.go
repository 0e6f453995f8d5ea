package gen

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"github.com/shimgen/shimgen/spec"
)

// Resolving names tells only that every type a spec names exists; the
// types' semantics are go/types': map keys must be comparable, fields and
// parameters have distinct names, generic types get as many type
// arguments as they have parameters. checkTypes type-checks every type of
// a spec as a variable's type in a package of its own, beside stand-ins
// for the types of the generated package (see standIn), importing the
// packages the type loader loaded. A type that uses a package whose types
// were not loaded (no loader, as with -no-types, or a package that failed)
// is left to the compiler.

// checkPrefix starts the line of each checked type.
const checkPrefix = "var _ "

// checkTypes type-checks the types of the specs' parameters, results and
// stream items, but for those res reports unknown, and reports the first
// problem of each at its position in the spec.
func checkTypes(files []*spec.File, res resolved, known map[string]standIn) spec.ErrorList {
	var errs spec.ErrorList
	for _, f := range files {
		errs = append(errs, checkFile(f, res, known)...)
	}
	return errs
}

// checked is one type being checked, with the message start of its errors.
type checked struct {
	param   *spec.Param
	subject string
}

// checkFile type-checks the types of one spec.
func checkFile(f *spec.File, res resolved, known map[string]standIn) spec.ErrorList {
	c := newTypeCheck(f, res)
	c.known = known
	for _, iface := range f.Interfaces {
		for _, m := range iface.Methods {
			subject := fmt.Sprintf("interface %q: method %q: ", iface.Name, m.Name)
			for _, p := range m.Items() {
				c.add(p, subject)
			}
		}
	}
	return c.run()
}

// typeCheck is the package of stand-ins and types of one spec.
type typeCheck struct {
	file     *spec.File
	res      resolved
	imports  map[string]string       // qualifier → path, of the types checked
	arities  map[string]map[int]bool // local type name → numbers of type arguments given
	known    map[string]standIn
	types    []checked
	qualOf   map[*spec.Param][]string
	localsOf map[*spec.Param][]string
}

func newTypeCheck(f *spec.File, res resolved) *typeCheck {
	return &typeCheck{file: f, res: res, imports: map[string]string{}, arities: map[string]map[int]bool{},
		qualOf: map[*spec.Param][]string{}, localsOf: map[*spec.Param][]string{}}
}

// add takes p's type into the check, unless it cannot be checked.
func (c *typeCheck) add(p *spec.Param, subject string) {
	if c.res.bad[p] {
		return
	}
	quals, locals, ok := c.names(p.Type)
	if !ok {
		return
	}
	for _, q := range quals {
		c.imports[q], _ = c.file.ImportPath(q)
	}
	c.qualOf[p], c.localsOf[p] = quals, locals
	c.types = append(c.types, checked{p, subject})
}

// names returns the qualifiers and the local type names e uses, noting the
// number of type arguments each use of a local gives it, and false when e
// uses a package without type information.
func (c *typeCheck) names(e ast.Expr) (quals, locals []string, ok bool) {
	ok = true
	args := map[*ast.Ident]int{} // instantiated names: their number of type arguments
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IndexExpr:
			if id, isIdent := n.X.(*ast.Ident); isIdent {
				args[id] = 1
			}
		case *ast.IndexListExpr:
			if id, isIdent := n.X.(*ast.Ident); isIdent {
				args[id] = len(n.Indices)
			}
		}
		return true
	})
	walkType(e, func(qual, name *ast.Ident) {
		switch {
		case qual != nil:
			path, found := c.file.ImportPath(qual.Name)
			ok = ok && found && c.res.imported[path].Types != nil
			quals = append(quals, qual.Name)
		case types.Universe.Lookup(name.Name) == nil:
			locals = append(locals, name.Name)
			if c.arities[name.Name] == nil {
				c.arities[name.Name] = map[int]bool{}
			}
			c.arities[name.Name][args[name]] = true
		}
	})
	return quals, locals, ok
}

// arity returns the number of type parameters of local's stand-in: its
// own when it is known, else the number of type arguments the spec gives
// it, and false when the spec gives it different numbers (or none here and
// some there): one of its uses is wrong, but which one takes its
// declaration to tell, and the compiler will.
func (c *typeCheck) arity(local string) (int, bool) {
	if k, ok := c.known[local]; ok {
		return k.typeParams, true
	}
	if len(c.arities[local]) != 1 {
		return 0, false
	}
	for n := range c.arities[local] {
		return n, true
	}
	return 0, false
}

// run type-checks the types added and reports their first problems.
func (c *typeCheck) run() spec.ErrorList {
	kept := slices.DeleteFunc(c.types, func(t checked) bool {
		return slices.ContainsFunc(c.localsOf[t.param], func(l string) bool {
			_, q := c.imports[l]
			_, known := c.arity(l)
			return q || l == "init" || !known
		})
	})
	if len(kept) == 0 {
		return nil
	}
	src, starts := c.source(kept)
	fset := token.NewFileSet()
	af, err := parser.ParseFile(fset, "check.go", src, parser.SkipObjectResolution)
	if err != nil {
		return nil // a type the spec's parser took but not in this place: left to the compiler
	}
	errs := make([]*spec.Error, len(kept))
	report := func(i int, msg string) {
		if errs[i] == nil {
			errs[i] = &spec.Error{Msg: kept[i].subject + fmt.Sprintf("type %q: %s", kept[i].param.TypeText, msg)}
		}
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
	conf := types.Config{Importer: c, Sizes: platformSizes(), Error: func(err error) {
		te, ok := err.(types.Error)
		if !ok || strings.HasPrefix(te.Msg, "\t") {
			return
		}
		off := fset.Position(te.Pos).Offset
		i := sortSearch(starts, off)
		if i < 0 {
			return // in the stand-ins, which hold none
		}
		report(i, te.Msg)
		if errs[i].Pos.File == "" {
			errs[i].Pos = kept[i].param.PosAt(off - starts[i])
		}
	}}
	conf.Check("shimgen.check/"+c.file.Name, fset, []*ast.File{af}, info)
	c.sizes(af, info, kept, errs, conf.Sizes)
	var out spec.ErrorList
	for _, e := range errs {
		if e != nil {
			out = append(out, e)
		}
	}
	return out
}

// source writes the package checked: imports, stand-ins and one variable
// per type, and returns the offsets at which the types start.
func (c *typeCheck) source(kept []checked) (string, []int) {
	var b strings.Builder
	b.WriteString("package shimgencheck\n")
	used := map[string]bool{}
	locals := map[string]bool{}
	for _, t := range kept {
		for _, q := range c.qualOf[t.param] {
			used[q] = true
		}
		for _, l := range c.localsOf[t.param] {
			locals[l] = true
		}
	}
	for _, q := range sortedSet(used) {
		fmt.Fprintf(&b, "import %s %s\n", q, strconv.Quote(c.imports[q]))
	}
	for _, l := range sortedSet(locals) {
		n, _ := c.arity(l)
		fmt.Fprintf(&b, "type %s%s %s\n", l, typeParams(n), c.known[l].body())
	}
	starts := make([]int, len(kept))
	for i, t := range kept {
		b.WriteString(checkPrefix)
		starts[i] = b.Len()
		b.WriteString(t.param.TypeText)
		b.WriteString("\n")
	}
	return b.String(), starts
}

// typeParams is the type parameter list of a stand-in given n type
// arguments: "[_ any, _ any]".
func typeParams(n int) string {
	if n == 0 {
		return ""
	}
	return "[" + strings.Repeat("_ any, ", n-1) + "_ any]"
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// sortSearch returns the index of the last start at or before off.
func sortSearch(starts []int, off int) int {
	i, found := slices.BinarySearch(starts, off)
	if found {
		return i
	}
	return i - 1
}

// Import implements types.Importer with the packages the loader loaded.
func (c *typeCheck) Import(path string) (*types.Package, error) {
	if pt := c.res.imported[path]; pt.Types != nil {
		return pt.Types, nil
	}
	return nil, fmt.Errorf("package %q was not loaded", path)
}

// platformSizes are the sizes of the platform generated for.
func platformSizes() types.Sizes {
	if s := types.SizesFor("gc", build.Default.GOARCH); s != nil {
		return s
	}
	return types.SizesFor("gc", "amd64")
}
