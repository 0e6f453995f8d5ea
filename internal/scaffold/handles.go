package scaffold

import "go/types"

// Handles and embeds among the interfaces scaffolded together: a result of
// the type of one of them is a handle (the bare spec name), and so is a
// result of an interface type one of them embeds and no other is made
// from (fs.FS.Open's fs.File for a spec File made from fs.ReadDirFile; its
// interface then records `as: io/fs.File`); an embedded one is embedded.

// sources maps the interfaces to scaffold to their spec names, and each
// interface type they embed directly that none is made from to the first
// that embeds it.
func (tr *translator) sources(ifaces []*Interface) {
	tr.handles, tr.upgrades, tr.asOf = map[*types.TypeName]string{}, map[*types.TypeName]string{}, map[string]*types.TypeName{}
	for _, in := range ifaces {
		if obj := in.typeName(); obj != nil {
			tr.handles[obj] = in.Name
		}
	}
	for _, in := range ifaces {
		if in.Type == nil {
			continue
		}
		for i := 0; i < in.Type.NumEmbeddeds(); i++ {
			if n, ok := types.Unalias(in.Type.EmbeddedType(i)).(*types.Named); ok && tr.handles[n.Obj()] == "" && tr.upgrades[n.Obj()] == "" {
				tr.upgrades[n.Obj()] = in.Name
			}
		}
	}
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
	if name := tr.handles[n.Obj()]; name != "" {
		return name
	}
	if name := tr.upgrades[n.Obj()]; name != "" {
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
		if !ok || tr.handles[n.Obj()] == "" {
			continue
		}
		names = append(names, tr.handles[n.Obj()])
		if it, ok := n.Underlying().(*types.Interface); ok {
			for j := 0; j < it.NumMethods(); j++ {
				brought[it.Method(j).Name()] = true
			}
		}
	}
	return names, brought
}
