package scaffold

import (
	"go/types"
	"strings"

	"github.com/shimgen/shimgen/spec"
)

// splitSend recognises a last parameter iter.Seq[T] of a method that
// returns an error or a stream (results) as the items it sends (send: item
// T): a client stream, or a bidirectional one with a stream. It returns
// the other params and the sent item.
func splitSend(params []*types.Var, results *types.Tuple) (rest, sent []*types.Var) {
	n := results.Len()
	if len(params) == 0 || n == 0 || !isError(results.At(n-1).Type()) && (n != 1 || streamItem(results.At(0).Type()) == nil) {
		return params, nil
	}
	last := params[len(params)-1]
	t := seqItem(last.Type())
	if t == nil {
		return params, nil
	}
	return params[:len(params)-1], []*types.Var{types.NewParam(last.Pos(), nil, last.Name(), t)}
}

// seqItem returns T when t is iter.Seq[T], else nil.
func seqItem(t types.Type) types.Type {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "iter" || n.Obj().Name() != "Seq" {
		return nil
	}
	if args := n.TypeArgs(); args.Len() == 1 {
		return args.At(0)
	}
	return nil
}

// sendHandle says why a method that sends items cannot be scaffolded when
// its sent item, results or stream item would be a handle, else "".
func (tr *translator) sendHandle(sent, results, item []*types.Var) string {
	if len(sent) == 0 {
		return ""
	}
	for _, v := range append(append(sent[:1:1], results...), item...) {
		if n, ok := types.Unalias(v.Type()).(*types.Named); ok && (tr.handles[objKey(n.Obj())] != "" || tr.upgrades[objKey(n.Obj())] != "") {
			return "type " + n.Obj().Name() + " would be a handle, which client and bidirectional streams cannot pass yet"
		}
	}
	return ""
}

// sendName is the name of the sent item of a parameter named name (of
// item type typ): its singular when the blocking form's iterator name
// (spec.Method.SendsName) gives name back ("chunks" → "chunk"), else a
// name from the type.
func sendName(name, typ string) string {
	if s := singular(name); s != "" && spec.Plural(s) == name {
		return s
	}
	return itemName(typ)
}

// singular undoes the regular English plural rules of spec.Plural:
// "entries" → "entry", "boxes" → "box", "chunks" → "chunk"; "" when name
// ends in no plural ending.
func singular(name string) string {
	for _, r := range []struct{ plural, single string }{
		{"ies", "y"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"s", ""},
	} {
		if strings.HasSuffix(name, r.plural) && len(name) > len(r.plural) && !strings.HasSuffix(name, "ss") {
			return strings.TrimSuffix(name, r.plural) + r.single
		}
	}
	return ""
}

// sends reports whether it or an interface it embeds (among list) has a
// live method that sends items.
func sends(it *iface, byName map[string]*iface, visited map[*iface]bool) bool {
	if visited[it] {
		return false
	}
	visited[it] = true
	for _, m := range it.methods {
		if m.send != nil && len(m.skip) == 0 {
			return true
		}
	}
	for _, e := range it.embeds {
		if in := byName[e]; in != nil && sends(in, byName, visited) {
			return true
		}
	}
	return false
}

// dropSendersFrom leaves out the from (and as) of the interfaces that
// send items, which the adapt form cannot adapt yet, and the markers that
// describe methods of from.
func dropSendersFrom(list []*iface) {
	byName := map[string]*iface{}
	for _, it := range list {
		byName[it.src.Name] = it
	}
	for _, it := range list {
		if it.from == "" || !sends(it, byName, map[*iface]bool{}) {
			continue
		}
		it.leftOutFrom, it.from, it.as = it.from, "", ""
		for _, m := range it.methods {
			m.ctxAdded = false
			if m.errMode == "carried" {
				m.errMode = ""
			}
		}
	}
}
