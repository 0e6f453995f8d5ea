package spec

import (
	"go/ast"
	"strings"

	"gopkg.in/yaml.v3"
)

// item checks the value n of a present key holding a single item, a
// method's stream or sent item (kind): one named parameter. It returns the
// item, or nil.
func (p *specParser) item(subject string, kind listKind, n *yaml.Node) *Param {
	text, ok := p.scalar(n, subject, kind.kind)
	if !ok {
		p.incomplete = true
		return nil
	}
	if strings.TrimSpace(text) == "" {
		p.errorf(p.pos(n), `%s%s must not be empty: name the item and its type, such as %q`, subject, kind.kind, kind.example)
		return nil
	}
	pl := p.newParamList(subject, kind, n, text)
	list := pl.parse()
	if list == nil {
		p.incomplete = true
		return nil
	}
	return pl.item(list)
}

// item checks a parsed stream or sent item, which must hold a single item
// that is not variadic, and returns its first item, or nil when it has no
// named one.
func (pl *paramList) item(list *ast.FieldList) *Param {
	items := pl.params(list)
	if second := secondItem(list); second != nil {
		pl.syntaxErrorf(pl.offset(second.Pos()), "%s", pl.several)
	} else if e := ellipsis(list); e != nil {
		pl.syntaxErrorf(pl.offset(e.Pos()), "%s", pl.variadic)
	}
	if len(items) == 0 {
		return nil // unnamed: reported
	}
	return items[0]
}

// secondItem returns the second item of a list, its name or else its type,
// or nil when there is none.
func secondItem(list *ast.FieldList) ast.Node {
	var items []ast.Node
	for _, f := range list.List {
		if len(f.Names) == 0 {
			items = append(items, f.Type)
		}
		for _, id := range f.Names {
			items = append(items, id)
		}
		if len(items) > 1 {
			return items[1]
		}
	}
	return nil
}

// ellipsis returns the "..." of the first field of a list, or nil.
func ellipsis(list *ast.FieldList) *ast.Ellipsis {
	if len(list.List) == 0 {
		return nil
	}
	e, _ := list.List[0].Type.(*ast.Ellipsis)
	return e
}

// notBoth reports a method with both results and a stream: at the stream
// key, or at the results key when the method sends too.
func (p *specParser) notBoth(subject string, fs map[string]pair) {
	stream, streams := fs["stream"]
	results, returns := fs["results"]
	_, sends := fs["send"]
	switch {
	case !streams || !returns:
	case sends:
		p.errorf(p.pos(results.key), `%skey "results" cannot be used with both "send" and "stream": a method that sends items either returns results (a client stream) or streams items back (a bidirectional stream); remove "results" or "stream"`, subject)
	default:
		p.errorf(p.pos(stream.key), `%skey "stream" cannot be used with "results": a method either returns results or streams items, not both`, subject)
	}
}
