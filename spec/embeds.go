package spec

import (
	"fmt"
	"go/ast"
	"go/printer"
	"go/token"
	"strings"

	"gopkg.in/yaml.v3"
)

// embedList reads the optional embeds key of an interface: a list of
// interface names of the same spec, resolved later by resolveEmbeds.
func (p *specParser) embedList(fs map[string]pair, subject string) []*Embed {
	kv, ok := fs["embeds"]
	if !ok || kv.value == nil || isNull(kv.value) {
		return nil
	}
	if kv.value.Kind != yaml.SequenceNode {
		p.errorf(p.pos(kv.value), "%sembeds must be a list of interface names, not %s", subject, describe(kv.value))
		p.incomplete = true
		return nil
	}
	var out []*Embed
	seen := map[string]*Embed{}
	for _, item := range kv.value.Content {
		n := p.resolve(item)
		name, ok := p.scalar(n, subject, "embedded interface")
		if !ok || n == nil {
			continue
		}
		e := &Embed{Name: name, Pos: p.pos(n)}
		if prev := seen[name]; prev != nil {
			p.errorf(e.Pos, "%sembedded interface %s listed twice (first at %d:%d)", subject, quote(name), prev.Pos.Line, prev.Pos.Col)
			continue
		}
		seen[name] = e
		out = append(out, e)
	}
	return out
}

// resolveEmbeds links each embed to its interface and reports unknown
// names, an interface embedding itself, cycles and methods that the
// embedding brings together under one name with different signatures.
func (p *specParser) resolveEmbeds(ifaces []*Interface) {
	byName := map[string]*Interface{}
	var names []string
	for _, it := range ifaces {
		if it.Name != "" && byName[it.Name] == nil {
			byName[it.Name] = it
			names = append(names, it.Name)
		}
	}
	for _, it := range ifaces {
		subject := fmt.Sprintf("interface %s: ", quote(it.Name))
		for _, e := range it.Embeds {
			switch target := byName[e.Name]; {
			case e.Name == it.Name:
				p.errorf(e.Pos, "%san interface cannot embed itself", subject)
			case target == nil:
				p.errorf(e.Pos, "%sunknown interface %s in embeds%s", subject, quote(e.Name), didYouMean(e.Name, names))
			default:
				e.Iface = target
			}
		}
	}
	p.cycles(ifaces)
	for _, it := range ifaces {
		p.methodClashes(it)
	}
}

// cycles reports each cycle of embeds once, at the embed that closes it,
// and unlinks that embed, in one depth-first walk.
func (p *specParser) cycles(ifaces []*Interface) {
	const (
		unseen = iota
		open
		finished
	)
	state := map[*Interface]int{}
	var stack []*Interface
	var visit func(it *Interface)
	visit = func(it *Interface) {
		state[it] = open
		stack = append(stack, it)
		for _, e := range it.Embeds {
			switch t := e.Iface; {
			case t == nil:
			case state[t] == open:
				p.reportCycle(stack, it, e)
			case state[t] == unseen:
				visit(t)
			}
		}
		stack = stack[:len(stack)-1]
		state[it] = finished
	}
	for _, it := range ifaces {
		if state[it] == unseen {
			visit(it)
		}
	}
}

// reportCycle reports the cycle that embed e of last closes, stack being
// the walk's path down to last, and unlinks e.
func (p *specParser) reportCycle(stack []*Interface, last *Interface, e *Embed) {
	i := len(stack) - 1
	for stack[i] != e.Iface {
		i--
	}
	var names []string
	for _, it := range stack[i:] {
		names = append(names, it.Name)
	}
	names = append(names, e.Iface.Name)
	p.errorf(e.Pos, "interface %s: embeds form a cycle: %s", quote(last.Name), strings.Join(names, " → "))
	e.Iface = nil
}

// methodClashes reports two methods of it's method set with one name and
// different signatures, as Go does; identical ones (the same method reached
// twice, or two declarations alike) are one method.
func (p *specParser) methodClashes(it *Interface) {
	seen := map[string]*Method{}
	for _, m := range it.allMethods(map[*Interface]bool{}) {
		prev := seen[m.Name]
		switch {
		case prev == nil:
			seen[m.Name] = m
		case prev != m && !Identical(prev, m):
			p.errorf(it.Pos, "interface %s: duplicate method %s: the one at %d:%d and the one at %d:%d differ",
				quote(it.Name), quote(m.Name), prev.Pos.Line, prev.Pos.Col, m.Pos.Line, m.Pos.Col)
		}
	}
}

// MethodSet returns the methods of iface: its own, then those of its
// embeds, depth first in spec order, each name once (the first).
func (iface *Interface) MethodSet() []*Method {
	var out []*Method
	seen := map[string]bool{}
	for _, m := range iface.allMethods(map[*Interface]bool{}) {
		if !seen[m.Name] {
			seen[m.Name] = true
			out = append(out, m)
		}
	}
	return out
}

// allMethods lists the methods of iface and of what it embeds, with
// repeats, visiting each interface once.
func (iface *Interface) allMethods(visited map[*Interface]bool) []*Method {
	if visited[iface] {
		return nil
	}
	visited[iface] = true
	out := append([]*Method{}, iface.Methods...)
	for _, e := range iface.Embeds {
		if e.Iface != nil {
			out = append(out, e.Iface.allMethods(visited)...)
		}
	}
	return out
}

// Identical reports whether two methods have the same signature in both
// forms, as Go compares method types (names aside), and the same timeout
// and error result.
func Identical(a, b *Method) bool {
	return a.Name == b.Name && a.Kind == b.Kind && a.Timeout == b.Timeout && a.NoError == b.NoError &&
		typeList(a.Params) == typeList(b.Params) && typeList(a.Results) == typeList(b.Results) &&
		sameItem(a.Stream, b.Stream) && sameItem(a.Send, b.Send)
}

// sameItem reports whether two stream or sent items, either nil, have the
// same type.
func sameItem(a, b *Param) bool {
	return (a == nil) == (b == nil) && (a == nil || typeList([]*Param{a}) == typeList([]*Param{b}))
}

// typeList renders the types of ps, normalised: "string,...int".
func typeList(ps []*Param) string {
	var b strings.Builder
	for _, prm := range ps {
		if prm.Variadic {
			b.WriteString("...")
		}
		b.WriteString(exprString(prm.Type))
		b.WriteByte(',')
	}
	return b.String()
}

func exprString(e ast.Expr) string {
	if e == nil {
		return ""
	}
	var b strings.Builder
	if err := printer.Fprint(&b, token.NewFileSet(), e); err != nil {
		return fmt.Sprintf("%p", e)
	}
	return b.String()
}
