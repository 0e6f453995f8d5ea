package scaffold

import (
	"go/types"
	"slices"
	"strings"

	"github.com/shimgen/shimgen/spec"
)

// method is one interface method translated into a spec method. A method
// with a skip reason is written commented out.
type method struct {
	name, doc string
	timeout   string // from the deadline sentence of a generated doc
	params    []param
	results   []param
	stream    *param // the server stream's item, nil for a plain method
	send      *param // the sent item of a client or bidirectional stream, or nil
	skip      []string
	// ctxAdded records that the source method takes no ctx (`ctx: added`);
	// errMode how it lacks an error: "" (it has one), "false" (none) or
	// "carried" (its last result carries it).
	ctxAdded bool
	errMode  string
	// as is the type the source method returns its handle as, when the
	// spec being updated says so (`as: io/fs.ReadDirFile`).
	as string
	// typed reports whether the signature could be translated: params,
	// send, results and stream are meaningful.
	typed bool
}

// param is a named parameter, sent item, result or stream item as the spec
// writes it.
type param struct {
	name, typ string
	variadic  bool
	t         types.Type // the Go type (a slice for a variadic param), names an unnamed param
}

// translator turns the methods of loaded interfaces into spec methods.
type translator struct {
	q          *qualifiers
	addContext bool
	addError   bool
	// handles maps the types of the interfaces scaffolded together, by
	// package path and name (see objKey), to their spec names: a result of
	// such a type is a handle.
	handles map[string]string
	// upgrades maps an interface type one of them embeds to that one, for
	// a result of the narrower type (fs.FS.Open's fs.File for a spec File
	// made from fs.ReadDirFile), and asOf records the narrower type.
	upgrades map[string]string
	asOf     map[string]*types.TypeName
}

// method translates fn, whose doc comment is doc.
func (tr *translator) method(fn *types.Func, doc string) *method {
	m := &method{name: fn.Name()}
	m.doc, m.timeout = splitTimeout(doc)
	if !fn.Exported() {
		m.skip = append(m.skip, "unexported method: a spec method must be exported")
		return m
	}
	sig := fn.Type().(*types.Signature)
	params := tr.dropContext(m, sig.Params())
	results, item := tr.splitResults(m, sig.Results())
	params, sent := splitSend(params, sig.Results())
	for _, v := range slices.Concat(params, sent, results, item) {
		if why := unsupported(v.Type(), tr.q.out); why != "" {
			m.skip = append(m.skip, why)
			return m
		}
	}
	if why := tr.sendHandle(sent, results, item); why != "" {
		m.skip = append(m.skip, why)
		return m
	}
	tr.translate(m, sig.Variadic(), params, sent, results, item)
	return m
}

// dropContext returns the params after a leading context.Context, noting a
// missing one unless the translator adds it.
func (tr *translator) dropContext(m *method, tup *types.Tuple) []*types.Var {
	vars := tupleVars(tup)
	if len(vars) > 0 && isContext(vars[0].Type()) {
		return vars[1:]
	}
	if !tr.addContext {
		m.skip = append(m.skip, "no leading context.Context parameter (the generated methods take ctx first; --add-ctx scaffolds such methods anyway)")
	}
	m.ctxAdded = tr.addContext
	return vars
}

// splitResults drops the trailing error result, or recognises a sole
// iter.Seq2[T, error] result as a stream of T (returned as item).
func (tr *translator) splitResults(m *method, tup *types.Tuple) (results, item []*types.Var) {
	vars := tupleVars(tup)
	switch {
	case len(vars) > 0 && isError(vars[len(vars)-1].Type()):
		return vars[:len(vars)-1], nil
	case len(vars) == 1 && streamItem(vars[0].Type()) != nil:
		return nil, []*types.Var{types.NewParam(vars[0].Pos(), nil, "", streamItem(vars[0].Type()))}
	case !tr.addError:
		m.skip = append(m.skip, "no trailing error result (the generated methods return err last; --add-err scaffolds such methods anyway)")
	case len(vars) > 0 && carriesError(vars[len(vars)-1].Type()):
		m.errMode = "carried"
	default:
		m.errMode = "false"
	}
	return vars, nil
}

// carriesError reports whether t is a pointer whose method set has
// Err() error and SetErr(error), as go-redis's commands do: the error of a
// method returning one rides on it, both ways.
func carriesError(t types.Type) bool {
	if _, ok := types.Unalias(t).(*types.Pointer); !ok {
		return false
	}
	ms := types.NewMethodSet(t)
	return hasMethod(ms, "Err", 0, 1) && hasMethod(ms, "SetErr", 1, 0)
}

// hasMethod reports whether ms has a method name taking params errors and
// returning results errors (each 0 or 1).
func hasMethod(ms *types.MethodSet, name string, params, results int) bool {
	for i := 0; i < ms.Len(); i++ {
		sig, ok := ms.At(i).Obj().Type().(*types.Signature)
		if !ok || ms.At(i).Obj().Name() != name || sig.Params().Len() != params || sig.Results().Len() != results {
			continue
		}
		if (params == 0 || isError(sig.Params().At(0).Type())) && (results == 0 || isError(sig.Results().At(0).Type())) {
			return true
		}
	}
	return false
}

func tupleVars(tup *types.Tuple) []*types.Var {
	vars := make([]*types.Var, tup.Len())
	for i := range vars {
		vars[i] = tup.At(i)
	}
	return vars
}

// isContext reports whether t is context.Context.
func isContext(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

// isError reports whether t is the predeclared error.
func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// streamItem returns T when t is iter.Seq2[T, error], else nil.
func streamItem(t types.Type) types.Type {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "iter" || n.Obj().Name() != "Seq2" {
		return nil
	}
	if args := n.TypeArgs(); args.Len() == 2 && isError(args.At(1)) {
		return args.At(0)
	}
	return nil
}

// translate writes the types and picks the names of m's params, sent
// item, results and stream item.
func (tr *translator) translate(m *method, variadic bool, params, sent, results, item []*types.Var) {
	used := map[string]bool{}
	m.params = tr.params(params, variadic, used, false)
	if len(sent) == 1 {
		m.send = &tr.params(sent, false, used, false)[0]
	}
	m.results = tr.params(results, false, used, true)
	if len(item) == 1 {
		m.stream = &tr.params(item, false, used, true)[0]
	}
	m.typed = true
	nameParams(m, used)
	if len(m.skip) == 0 {
		for q := range used {
			tr.q.live[q] = true
		}
	}
}

// params writes the types of vars, results that are handles (when
// handles is set) by their spec names; the names are kept as declared for
// now.
func (tr *translator) params(vars []*types.Var, variadic bool, used map[string]bool, handles bool) []param {
	ps := make([]param, len(vars))
	for i, v := range vars {
		t := v.Type()
		if variadic && i == len(vars)-1 {
			t = t.(*types.Slice).Elem()
			ps[i].variadic = true
		}
		ps[i].name, ps[i].t = v.Name(), v.Type()
		if handles {
			ps[i].typ = tr.handleName(t)
		}
		if ps[i].typ == "" {
			ps[i].typ = tr.q.typeString(t, used)
		}
	}
	return ps
}

// text writes a parameter list the way a spec does: "a int, b ...string".
func text(ps []param) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		dots := ""
		if p.variadic {
			dots = "..."
		}
		parts[i] = p.name + " " + dots + p.typ
	}
	return strings.Join(parts, ", ")
}

// kind is the spec method kind the scaffolded method will have.
func (m *method) kind() spec.MethodKind {
	switch {
	case m.send != nil && m.stream != nil:
		return spec.BidiStream
	case m.send != nil:
		return spec.ClientStream
	case m.stream != nil:
		return spec.ServerStream
	}
	return spec.Unary
}
