package gen

import (
	"fmt"
	"go/token"
	"go/types"
	"path"

	"github.com/shimgen/shimgen/spec"
)

// splitStd answers for the standard-library packages among paths from the
// table shimgen carries (spec.StdlibTypes), so that they need no loading,
// and returns the other paths, for the TypeLoader.
func splitStd(paths []string) (std map[string]PackageTypes, rest []string) {
	std = map[string]PackageTypes{}
	for _, p := range paths {
		if ts, ok := spec.StdlibTypes(p); ok {
			std[p] = stdPackage(p, ts)
		} else {
			rest = append(rest, p)
		}
	}
	return std, rest
}

// stdPackage is a stand-in for the standard-library package path, for the
// type check of the specs (see checkTypes): each of its types has the kind,
// comparability and type parameters of the real one, which is what a spec's
// use of it can get wrong.
func stdPackage(p string, ts []spec.NamedStdType) PackageTypes {
	pkg := types.NewPackage(p, path.Base(p))
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = t.Name
		obj := types.NewTypeName(token.NoPos, pkg, t.Name, nil)
		named := types.NewNamed(obj, stdUnderlying(t.StdType), nil)
		if len(t.Params) > 0 {
			named.SetTypeParams(stdTypeParams(pkg, t.Params))
		}
		pkg.Scope().Insert(obj)
	}
	pkg.MarkComplete()
	return PackageTypes{Names: names, Types: pkg}
}

// stdUnderlying is an underlying type of t's kind and comparability.
func stdUnderlying(t spec.StdType) types.Type {
	elem := types.Type(types.Typ[types.Int])
	if !t.Comparable {
		elem = types.NewSlice(elem) // a field or element that is not comparable
	}
	switch t.Kind {
	case spec.StructKind:
		if t.Comparable {
			return types.NewStruct(nil, nil)
		}
		return types.NewStruct([]*types.Var{types.NewField(token.NoPos, nil, "_", elem, false)}, nil)
	case spec.InterfaceKind:
		return types.NewInterfaceType(nil, nil).Complete()
	case spec.ConstraintKind:
		union := types.NewUnion([]*types.Term{types.NewTerm(true, types.Typ[types.Int])})
		return types.NewInterfaceType(nil, []types.Type{union}).Complete()
	case spec.PointerKind:
		return types.NewPointer(types.Typ[types.Int])
	case spec.SliceKind:
		return types.NewSlice(types.Typ[types.Int])
	case spec.MapKind:
		return types.NewMap(types.Typ[types.Int], types.Typ[types.Int])
	case spec.ChanKind:
		return types.NewChan(types.SendRecv, types.Typ[types.Int])
	case spec.FuncKind:
		return types.NewSignatureType(nil, nil, nil, nil, nil, false)
	case spec.ArrayKind:
		return types.NewArray(elem, 1)
	}
	return types.Typ[types.Int]
}

// stdTypeParams are type parameters with the constraints cs, named T (or
// T1, T2, … when there are several) as the real ones are not; a constraint
// other than any and comparable is taken as any, so that no valid type
// argument is refused (the compiler checks the rest).
func stdTypeParams(pkg *types.Package, cs []spec.Constraint) []*types.TypeParam {
	out := make([]*types.TypeParam, len(cs))
	for i, c := range cs {
		constraint := types.Universe.Lookup("any").Type()
		if c == spec.ComparableConstraint {
			constraint = types.Universe.Lookup("comparable").Type()
		}
		name := "T"
		if len(cs) > 1 {
			name = fmt.Sprintf("T%d", i+1)
		}
		out[i] = types.NewTypeParam(types.NewTypeName(token.NoPos, pkg, name, nil), constraint)
	}
	return out
}
