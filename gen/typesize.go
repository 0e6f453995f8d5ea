package gen

import (
	"fmt"
	"go/ast"
	"go/types"

	"github.com/shimgen/shimgen/spec"
)

// go/types does not bound the size of types; the compiler does, rejecting
// a type larger than the address space wherever it appears, even behind a
// pointer. The bound is the compiler's: 1<<50 bytes on 64-bit platforms,
// 1<<31-1 on 32-bit ones.

// sizes reports, for each checked type without another problem, an array
// or struct within it larger than the platform allows.
func (c *typeCheck) sizes(af *ast.File, info *types.Info, kept []checked, errs []*spec.Error, sizes types.Sizes) {
	z := sizer{sizes: sizes, limit: 1<<31 - 1}
	if sizes.Sizeof(types.Typ[types.Uintptr]) == 8 {
		z.limit = 1 << 50
	}
	i := 0
	for _, d := range af.Decls {
		for _, sp := range d.(*ast.GenDecl).Specs {
			vs, ok := sp.(*ast.ValueSpec)
			if !ok {
				continue
			}
			if t := info.Types[vs.Type].Type; errs[i] == nil && t != nil {
				if big := z.tooLargeIn(t); big != nil {
					p := kept[i].param
					errs[i] = &spec.Error{Pos: p.PosAt(0), Msg: kept[i].subject + fmt.Sprintf(
						"type %q: %s is larger than the address space", p.TypeText, big)}
				}
			}
			i++
		}
	}
}

// sizer measures types against a limit.
type sizer struct {
	sizes types.Sizes
	limit int64
}

// tooLargeIn returns the first array or struct type in t (t included),
// outside named types, larger than z.limit bytes, or nil.
func (z sizer) tooLargeIn(t types.Type) types.Type {
	var inner []types.Type
	switch t := t.(type) {
	case *types.Pointer:
		inner = []types.Type{t.Elem()}
	case *types.Slice:
		inner = []types.Type{t.Elem()}
	case *types.Chan:
		inner = []types.Type{t.Elem()}
	case *types.Map:
		inner = []types.Type{t.Key(), t.Elem()}
	case *types.Array:
		inner = []types.Type{t.Elem()}
	case *types.Signature:
		inner = append(tupleTypes(t.Params()), tupleTypes(t.Results())...)
	case *types.Struct:
		for i := range t.NumFields() {
			inner = append(inner, t.Field(i).Type())
		}
	default:
		return nil
	}
	for _, e := range inner {
		if big := z.tooLargeIn(e); big != nil {
			return big
		}
	}
	switch t.(type) {
	case *types.Array, *types.Struct:
		if _, ok := z.size(t); !ok {
			return t
		}
	}
	return nil
}

func tupleTypes(t *types.Tuple) []types.Type {
	var out []types.Type
	for i := range t.Len() {
		out = append(out, t.At(i).Type())
	}
	return out
}

// size returns the size of t, without alignment padding, and false when
// it passes z.limit.
func (z sizer) size(t types.Type) (int64, bool) {
	switch t := t.(type) {
	case *types.Array:
		es, ok := z.size(t.Elem())
		if !ok || es > 0 && t.Len() > z.limit/es {
			return 0, false
		}
		return t.Len() * es, true
	case *types.Struct:
		var sum int64
		for i := range t.NumFields() {
			s, ok := z.size(t.Field(i).Type())
			if !ok || s > z.limit-sum {
				return 0, false
			}
			sum += s
		}
		return sum, true
	}
	return z.sizes.Sizeof(t), true // a named type compiled already, or one of fixed size
}
