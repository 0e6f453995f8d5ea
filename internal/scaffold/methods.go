package scaffold

import (
	"go/types"
	"sort"
)

// interfaceMethods returns an interface's method set in declaration
// order.
func interfaceMethods(t *types.Interface) []*types.Func {
	fns := make([]*types.Func, t.NumMethods())
	for i := range fns {
		fns[i] = t.Method(i)
	}
	return inOrder(fns)
}

// exportedMethods returns the exported methods of *t's method set (t's
// own and those promoted from embedded fields), in declaration order.
func exportedMethods(t types.Type) []*types.Func {
	ms := types.NewMethodSet(types.NewPointer(t))
	var fns []*types.Func
	for i := 0; i < ms.Len(); i++ {
		if fn, ok := ms.At(i).Obj().(*types.Func); ok && fn.Exported() {
			fns = append(fns, fn)
		}
	}
	return inOrder(fns)
}

// inOrder sorts methods by source position (then name), so that explicit
// methods keep their declaration order.
func inOrder(fns []*types.Func) []*types.Func {
	sort.SliceStable(fns, func(i, j int) bool {
		if fns[i].Pos() != fns[j].Pos() {
			return fns[i].Pos() < fns[j].Pos()
		}
		return fns[i].Name() < fns[j].Name()
	})
	return fns
}
