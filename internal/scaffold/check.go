package scaffold

import (
	"go/types"
)

// unsupported returns why type t cannot be written in a spec whose output
// package has import path out, or "" when it can.
func unsupported(t types.Type, out string) string {
	switch t := t.(type) {
	case *types.Basic:
		if t.Kind() == types.UnsafePointer || t.Info()&types.IsUntyped != 0 {
			return "type " + t.String() + " cannot be written in a spec"
		}
	case *types.Pointer:
		return unsupported(t.Elem(), out)
	case *types.Slice:
		return unsupported(t.Elem(), out)
	case *types.Array:
		return unsupported(t.Elem(), out)
	case *types.Map:
		return first(unsupported(t.Key(), out), unsupported(t.Elem(), out))
	case *types.Chan:
		return "channel type " + t.String() + ": a channel cannot cross between the blocking and callback forms; model it as a stream"
	case *types.Signature:
		return first(tupleProblem(t.Params(), out), tupleProblem(t.Results(), out))
	case *types.Struct:
		return structProblem(t, out)
	case *types.Interface:
		if t.NumMethods() > 0 || !t.IsMethodSet() {
			return "interface literal " + t.String() + ": only interface{} can be written in a spec"
		}
	case *types.TypeParam:
		return "type parameter " + t.Obj().Name() + ": a spec cannot declare type parameters"
	case *types.Named:
		return namedProblem(t.Obj(), t.TypeArgs(), out)
	case *types.Alias:
		return namedProblem(t.Obj(), t.TypeArgs(), out)
	}
	return ""
}

// namedProblem checks a named type or alias: it must be visible from the
// output package, and so must its type arguments.
func namedProblem(obj *types.TypeName, args *types.TypeList, out string) string {
	if obj.Pkg() != nil && obj.Pkg().Path() != out && !obj.Exported() {
		return "unexported type " + obj.Pkg().Name() + "." + obj.Name() + " cannot be referred to from another package"
	}
	for i := 0; i < args.Len(); i++ {
		if why := unsupported(args.At(i), out); why != "" {
			return why
		}
	}
	return ""
}

func tupleProblem(tup *types.Tuple, out string) string {
	for i := 0; i < tup.Len(); i++ {
		if why := unsupported(tup.At(i).Type(), out); why != "" {
			return why
		}
	}
	return ""
}

func structProblem(s *types.Struct, out string) string {
	for i := 0; i < s.NumFields(); i++ {
		if why := unsupported(s.Field(i).Type(), out); why != "" {
			return why
		}
	}
	return ""
}

// first returns the first non-empty reason.
func first(reasons ...string) string {
	for _, r := range reasons {
		if r != "" {
			return r
		}
	}
	return ""
}
