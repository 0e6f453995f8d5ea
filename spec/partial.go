package spec

import "go/token"

// ParsePartial is Parse for a caller that reports more than Parse can:
// beside the errors it returns what of the model could be read, so that
// problems only the whole package can tell (types unknown to it) are
// reported together with the spec's own, not one run later. It returns a
// nil *File when the document could not be read at all or the errors were
// too many to be complete. In a model with errors, an import whose
// declaration has problems has an empty Path, and a parameter, sent item,
// result or stream item whose type has problems is left out: what is left holds no
// problem reported already.
func ParsePartial(name string, data []byte) (*File, ErrorList) {
	p := &specParser{name: name, fset: token.NewFileSet()}
	f := p.parse(data)
	if len(p.errs) == 0 {
		return f, nil
	}
	errs := p.errorList()
	if f == nil || p.truncated {
		return nil, errs
	}
	for _, iface := range f.Interfaces {
		for _, m := range iface.Methods {
			m.Params, m.Results = withoutBad(m.Params), withoutBad(m.Results)
			if m.Stream != nil && m.Stream.bad {
				m.Stream = nil
			}
			if m.Send != nil && m.Send.bad {
				m.Send = nil
			}
		}
	}
	return f, errs
}

// withoutBad returns ps without the parameters whose types have problems.
func withoutBad(ps []*Param) []*Param {
	var out []*Param
	for _, p := range ps {
		if !p.bad {
			out = append(out, p)
		}
	}
	return out
}
