package spec

import (
	"fmt"
	"go/ast"
	"slices"
)

// variadicSend reports a variadic last parameter of method m, which has
// the key send: the blocking form passes the sent items after the
// parameters, and "..." can only mark the last.
func (p *specParser) variadicSend(subject string, m *Method) {
	if !m.Variadic() {
		return
	}
	last := m.Params[len(m.Params)-1]
	p.errorf(last.dotsPos, `%sparameter %s cannot be variadic in a method with "send": the blocking form passes the sent items after the parameters; make it a slice (%s []%s)`,
		subject, quote(last.Name), last.Name, last.TypeText)
}

// sendsName reports the name the blocking form gives the iterator of
// method m's sent items (see SendsName) when another of m's items has it.
func (p *specParser) sendsName(subject string, m *Method) {
	name := m.SendsName()
	if name == "" {
		return
	}
	items := m.Items()
	for i, prm := range items {
		if prm != m.Send && prm.Name == name {
			p.errorf(m.Send.Pos, "%ssent item %s: the blocking form names the iterator of the sent items %s, the name of %s %s (at %d:%d); rename one of them",
				subject, quote(m.Send.Name), quote(name), nounOf(m, i), quote(prm.Name), prm.Pos.Line, prm.Pos.Col)
			return
		}
	}
}

// sendChecks reports what client and bidirectional streams cannot do yet,
// once every interface of f is known: be adapted to an interface's from,
// and pass handles.
func (p *specParser) sendChecks(f *File) {
	for _, it := range f.Interfaces {
		subject := fmt.Sprintf("interface %s: ", quote(it.Name))
		if it.From != nil {
			p.sendsFrom(subject, it)
		}
		for _, m := range it.Methods {
			if m.Kind.Sends() {
				p.sendHandles(subject+fmt.Sprintf("method %s: ", quote(m.Name)), f, m)
			}
		}
	}
}

// sendsFrom reports the methods of it, which has a from, that send items:
// the adapt form has no adapter for them yet.
func (p *specParser) sendsFrom(subject string, it *Interface) {
	for _, m := range it.MethodSet() {
		if !m.Kind.Sends() {
			continue
		}
		if !slices.Contains(it.Methods, m) {
			p.errorf(it.From.Pos, "%sfrom %s: the embedded method %s (at %d:%d) is a %s, which cannot be adapted to an original interface yet; remove from, or do not embed the interface that declares it",
				subject, it.From, quote(m.Name), m.Pos.Line, m.Pos.Col, m.Kind)
			continue
		}
		pos := m.Pos
		if m.Send != nil {
			pos = m.Send.Pos
		}
		p.errorf(pos, "%smethod %s: a %s cannot be adapted to the original interface %s yet; move the method to an interface without from",
			subject, quote(m.Name), m.Kind, it.From)
	}
}

// sendHandles reports the handles (see Handles) among the sent item of m,
// the results of a client stream and the items of a bidirectional one.
func (p *specParser) sendHandles(subject string, f *File, m *Method) {
	check := func(noun string, prm *Param) {
		if prm == nil || !isHandle(f, prm) {
			return
		}
		p.errorf(prm.PosAt(0), "%s%s %s has type %s, an interface of this spec: a %s cannot pass it as a handle yet; use another type, such as a name or an ID the implementation resolves",
			subject, noun, quote(prm.Name), prm.TypeText, m.Kind)
	}
	check("sent item", m.Send)
	for _, r := range m.Results {
		check("result", r)
	}
	check("stream item", m.Stream)
}

// isHandle reports whether the type of prm is the bare name of an
// interface of f.
func isHandle(f *File, prm *Param) bool {
	id, ok := prm.Type.(*ast.Ident)
	if !ok || prm.Variadic {
		return false
	}
	for _, it := range f.Interfaces {
		if it.Name == id.Name {
			return true
		}
	}
	return false
}
