package spec

import (
	"go/ast"
	"go/token"
	"strings"

	"gopkg.in/yaml.v3"
)

// origin reads the optional from (or as) key of an interface: the Go
// interface it was scaffolded from, as import path and name ("io/fs.FS").
func (p *specParser) origin(fs map[string]pair, subject, key string) *Origin {
	kv, ok := fs[key]
	if !ok || kv.value == nil {
		return nil
	}
	s, ok := p.scalar(kv.value, subject, key)
	if !ok || s == "" {
		return nil
	}
	pos := p.pos(kv.value)
	i := strings.LastIndex(s, ".")
	if i <= 0 || strings.LastIndex(s, "/") > i {
		p.errorf(pos, "%s%s %s must be an import path and an interface name, such as io/fs.FS", subject, key, quote(s))
		return nil
	}
	o := &Origin{Path: s[:i], Name: s[i+1:], Pos: pos}
	if err := checkImportPath(o.Path); err != nil {
		p.errorf(pos, "%s%s %s: invalid import path %s: %v", subject, key, quote(s), quote(o.Path), err)
		return nil
	}
	if !token.IsIdentifier(o.Name) || !token.IsExported(o.Name) {
		p.errorf(pos, "%s%s %s: %s is not an exported Go identifier", subject, key, quote(s), quote(o.Name))
		return nil
	}
	return o
}

// addedContext reads the optional ctx key of a method: `ctx: added`
// records that the method of the interface's from takes no ctx.
func (p *specParser) addedContext(fs map[string]pair, subject string) bool {
	kv, ok := fs["ctx"]
	if !ok || kv.value == nil || isNull(kv.value) {
		return false
	}
	if kv.value.Kind != yaml.ScalarNode || kv.value.Value != "added" {
		p.errorf(p.pos(kv.value), "%sctx must be added (the original method takes no ctx), not %s", subject, describe(kv.value))
		return false
	}
	return true
}

// carried checks `error: carried` (at n) on method m: m has results, the
// last a pointer (the adapter to the original carries a runtime error in
// a new one), and no stream or sent item.
func (p *specParser) carried(fs map[string]pair, subject string, n *yaml.Node, m *Method) bool {
	if _, sends := fs["send"]; sends {
		p.errorf(p.pos(n), `%s"error: carried" cannot be used with "send": it describes a method of the interface's from, and a method that sends items cannot be adapted to one yet`, subject)
		return false
	}
	if _, streams := fs["stream"]; streams {
		p.errorf(p.pos(n), `%s"error: carried" cannot be used with "stream"`, subject)
		return false
	}
	if len(m.Results) == 0 {
		p.errorf(p.pos(n), `%s"error: carried" needs a last result of pointer type (cmd *redis.StringCmd) that carries the error`, subject)
		return false
	}
	if last := m.Results[len(m.Results)-1]; last.Type != nil {
		if _, ptr := last.Type.(*ast.StarExpr); !ptr {
			p.errorf(last.Pos, `%s"error: carried": the last result must be a pointer (cmd *redis.StringCmd), which carries the error, not %s`, subject, last.TypeText)
			return false
		}
	}
	return true
}

// originMarkers reports the markers of an interface's own methods that
// describe an original method when the interface names none.
func (p *specParser) originMarkers(it *Interface, subject string) {
	if it.From != nil {
		return
	}
	if it.As != nil {
		p.errorf(it.As.Pos, "%sas names the type original methods return the interface as, but the interface has no from", subject)
	}
	for _, m := range it.Methods {
		key := ""
		switch {
		case m.AddedContext:
			key = `"ctx: added"`
		case m.CarriedError:
			key = `"error: carried"`
		case m.As != nil:
			key = "as"
		default:
			continue
		}
		p.errorf(m.Pos, "%smethod %s: %s describes the original method, but the interface has no from", subject, quote(m.Name), key)
	}
}
