package spec

import (
	"go/ast"
	"strings"

	"gopkg.in/yaml.v3"
)

// stream checks a method's stream, the value n of a key that is present:
// one named parameter, the item. It returns the item, or nil.
func (p *specParser) stream(subject string, n *yaml.Node) *Param {
	text, ok := p.scalar(n, subject, streamKind.kind)
	if !ok {
		p.incomplete = true
		return nil
	}
	if strings.TrimSpace(text) == "" {
		p.errorf(p.pos(n), `%sstream must not be empty: name the item and its type, such as "entry Entry"`, subject)
		return nil
	}
	pl := p.newParamList(subject, streamKind, n, text)
	list := pl.parse()
	if list == nil {
		p.incomplete = true
		return nil
	}
	return pl.item(list)
}

// item checks a parsed stream, which must hold a single item that is not
// variadic, and returns its first item, or nil when it has no named one.
func (pl *paramList) item(list *ast.FieldList) *Param {
	items := pl.params(list)
	if second := secondItem(list); second != nil {
		pl.syntaxErrorf(pl.offset(second.Pos()), "a stream has a single item; to stream several values, make it a struct")
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

// notBoth reports a method with both results and a stream, at the stream
// key.
func (p *specParser) notBoth(subject string, fs map[string]pair) {
	kv, streams := fs["stream"]
	if _, returns := fs["results"]; streams && returns {
		p.errorf(p.pos(kv.key), `%skey "stream" cannot be used with "results": a method either returns results or streams items, not both`, subject)
	}
}
