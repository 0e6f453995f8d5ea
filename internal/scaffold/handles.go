package scaffold

import (
	"go/types"
	"slices"
)

// Handles and embeds among the interfaces scaffolded together: a result of
// the type of one of them is a handle (the bare spec name), and so is a
// result of an interface type one of them embeds and no other is made
// from (fs.FS.Open's fs.File for a spec File made from fs.ReadDirFile; its
// interface then records `as: io/fs.File`); an embedded one is embedded.

// sources maps the interfaces to scaffold to their spec names, and each
// interface type they embed directly that none is made from to the first
// that embeds it.
func (tr *translator) sources(ifaces []*Interface) {
	tr.handles, tr.upgrades, tr.asOf = map[string]string{}, map[string]string{}, map[string]*types.TypeName{}
	for _, in := range ifaces {
		if obj := in.typeName(); obj != nil {
			tr.handles[objKey(obj)] = in.Name
		}
	}
	for _, in := range ifaces {
		if in.Type == nil {
			continue
		}
		for i := 0; i < in.Type.NumEmbeddeds(); i++ {
			if n, ok := types.Unalias(in.Type.EmbeddedType(i)).(*types.Named); ok && tr.handles[objKey(n.Obj())] == "" && tr.upgrades[objKey(n.Obj())] == "" {
				tr.upgrades[objKey(n.Obj())] = in.Name
			}
		}
	}
}

// objKey names a type by package path and name: each source is loaded on
// its own, so one type can be two objects.
func objKey(obj *types.TypeName) string {
	if obj.Pkg() == nil {
		return obj.Name()
	}
	return obj.Pkg().Path() + "." + obj.Name()
}

// typeName is the declared type of an interface source, or nil for a
// concrete type.
func (in *Interface) typeName() *types.TypeName {
	if in.Concrete || in.Type == nil || in.Pkg == nil {
		return nil
	}
	obj, _ := in.Pkg.Scope().Lookup(in.Source.Name).(*types.TypeName)
	return obj
}

// handleName returns the spec name a result of type t is written as when
// it is a handle, else "".
func (tr *translator) handleName(t types.Type) string {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return ""
	}
	if name := tr.handles[objKey(n.Obj())]; name != "" {
		return name
	}
	if name := tr.upgrades[objKey(n.Obj())]; name != "" {
		tr.asOf[name] = n.Obj()
		return name
	}
	return ""
}

// embeds returns the spec names of the interfaces scaffolded together
// that in embeds directly, and the names of the methods they bring, which
// in's own entry leaves to them.
func (tr *translator) embeds(in *Interface) (names []string, brought map[string]bool) {
	brought = map[string]bool{}
	if in.Type == nil {
		return nil, brought
	}
	for i := 0; i < in.Type.NumEmbeddeds(); i++ {
		n, ok := types.Unalias(in.Type.EmbeddedType(i)).(*types.Named)
		if !ok || tr.handles[objKey(n.Obj())] == "" {
			continue
		}
		names = append(names, tr.handles[objKey(n.Obj())])
		if it, ok := n.Underlying().(*types.Interface); ok {
			for j := 0; j < it.NumMethods(); j++ {
				brought[it.Method(j).Name()] = true
			}
		}
	}
	return names, brought
}

// methodAs gives each method of an interface with a from whose handles,
// all of one interface, the source returns as another type than that
// interface's as (or from) the type as its own as: OpenDir returning
// fs.ReadDirFile where File, made from it, says as: io/fs.File.
func methodAs(list []*iface) {
	byName := map[string]*iface{}
	for _, it := range list {
		byName[it.src.Name] = it
	}
	for _, it := range list {
		if it.from == "" {
			continue
		}
		for _, m := range it.methods {
			if len(m.skip) == 0 && m.typed {
				m.as = handleAs(m, byName)
			}
		}
	}
}

// handleAs is the as method m needs, or "".
func handleAs(m *method, byName map[string]*iface) string {
	items := slices.Clone(m.results)
	if m.stream != nil {
		items = append(items, *m.stream)
	}
	var h *iface
	as := ""
	for _, p := range items {
		hi := byName[p.typ]
		if hi == nil || hi.from == "" {
			continue
		}
		n, ok := types.Unalias(p.t).(*types.Named)
		if !ok || n.Obj().Pkg() == nil {
			return ""
		}
		id := n.Obj().Pkg().Path() + "." + n.Obj().Name()
		if h != nil && (h != hi || as != id) {
			return "" // handles of two interfaces, or two types: no one as says it
		}
		h, as = hi, id
	}
	if h == nil || as == h.as || h.as == "" && as == h.from {
		return ""
	}
	return as
}
