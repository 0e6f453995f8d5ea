package spec

import (
	"fmt"
	"go/token"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// The keys of each level of a spec.
var (
	rootKeys      = []string{"shimgen", "package", "imports", "interfaces"}
	interfaceKeys = []string{"name", "doc", "from", "as", "embeds", "methods"}
	methodKeys    = []string{"name", "doc", "params", "send", "results", "stream", "timeout", "error", "ctx", "as"}
)

// futureMethodKeys are the method keys a later format version will give a
// meaning, each with the message a method using it gets instead of "unknown
// key". There are none at present: "send", the last, is a key now.
var futureMethodKeys = map[string]string{}

// file builds the model from the document's root node.
func (p *specParser) file(root *yaml.Node) *File {
	if root.Kind != yaml.MappingNode {
		p.errorf(p.pos(root), "a spec must be a mapping with the keys %s, not %s",
			strings.Join(rootKeys, ", "), describe(root))
		return nil
	}
	pairs := p.pairs(root)
	if !p.version(root, pairs) {
		return nil
	}
	fs := p.fields(pairs, "", rootKeys)
	f := &File{Name: p.name, PackagePos: p.docPos()}
	if v := fs["package"].value; v != nil {
		if f.Package = p.packageName(v); f.Package != "" {
			f.PackagePos = p.pos(v)
		}
	}
	f.Imports = p.importList(fs["imports"].value)
	f.Interfaces = p.interfaces(root, fs)
	p.resolveEmbeds(f.Interfaces)
	p.sendChecks(f)
	p.methodAs(f.Interfaces)
	p.unusedImports(f.Imports)
	p.confusables(f)
	return f
}

// version checks the format version, checked first. It returns false when
// the version is one this package does not read: the rest of the spec,
// which may follow another format, is then not checked.
func (p *specParser) version(root *yaml.Node, pairs []pair) bool {
	n, ok := lookup(pairs, "shimgen")
	switch {
	case !ok:
		p.errorf(p.pos(root), `missing required key "shimgen": add "shimgen: %d" to declare the format version`, Version)
		return true
	case n == nil:
		return true
	}
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		p.errorf(p.pos(n), "shimgen must be the format version, the integer %d, not %s", Version, describe(n))
		return true
	}
	var v int
	if err := n.Decode(&v); err != nil || v != Version {
		p.errorf(p.pos(n), "unsupported format version %s (this shimgen reads version %d)", n.Value, Version)
		return false
	}
	return true
}

// identProblem says what makes name unusable as a Go identifier, or "".
func identProblem(name string) string {
	switch {
	case name == "_":
		return "is the blank identifier"
	case token.IsKeyword(name):
		return "is a Go keyword"
	case !token.IsIdentifier(name):
		return "is not a valid Go identifier"
	}
	return ""
}

// packageName checks the optional package key.
func (p *specParser) packageName(n *yaml.Node) string {
	name, ok := p.scalar(n, "", "package")
	if !ok || isNull(n) {
		return ""
	}
	if problem := identProblem(name); problem != "" {
		p.errorf(p.pos(n), "package %s %s", quote(name), problem)
	}
	return name
}

// importList checks the imports mapping and returns the imports sorted by
// name. Every declared name is recorded, valid or not, so that types using
// it do not add errors of their own.
func (p *specParser) importList(n *yaml.Node) []*Import {
	p.imports = map[string]*Import{}
	p.used = map[string]bool{}
	switch {
	case n == nil || isNull(n):
		return nil
	case n.Kind != yaml.MappingNode:
		p.errorf(p.pos(n), "imports must be a mapping from qualifier to import path, not %s", describe(n))
		return nil
	}
	var out []*Import
	for _, kv := range p.pairs(n) {
		if !p.keyOK(kv.key, "imports: ") {
			continue
		}
		name := kv.key.Value
		if first := p.imports[name]; first != nil {
			p.errorf(p.pos(kv.key), "duplicate import %s (first at line %d)", quote(name), first.Pos.Line)
			continue
		}
		imp := &Import{Name: name, Pos: p.pos(kv.key)}
		p.imports[name] = imp
		errs := len(p.errs)
		if problem := identProblem(name); problem != "" {
			p.errorf(imp.Pos, "import name %s %s", quote(name), problem)
		}
		imp.Path = p.importPath(kv.value, name)
		if len(p.errs) > errs {
			p.used[name] = true // reported already: not also as unused
			imp.Path = ""       // see ParsePartial
		}
		out = append(out, imp)
	}
	slices.SortFunc(out, func(a, b *Import) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// importPath checks the path of import name.
func (p *specParser) importPath(n *yaml.Node, name string) string {
	subject := fmt.Sprintf("import %s: ", quote(name))
	path, ok := p.scalar(n, subject, "path")
	switch {
	case !ok:
	case path == "":
		p.errorf(p.pos(n), "%spath must not be empty", subject)
	default:
		if err := checkImportPath(path); err != nil {
			p.errorf(p.pos(n), "%sinvalid import path %s: %v", subject, quote(path), err)
		}
	}
	return path
}

// unusedImports reports the imports no type refers to, unless some types
// could not be read.
func (p *specParser) unusedImports(imports []*Import) {
	if p.incomplete {
		return
	}
	for _, imp := range imports {
		if !p.used[imp.Name] {
			p.errorf(imp.Pos, "import %s is not used by any type; remove it", quote(imp.Name))
		}
	}
}

// list checks that n is a non-empty list of what (named plural in
// messages) and returns its items.
func (p *specParser) list(n *yaml.Node, subject, plural, singular string) []*yaml.Node {
	switch {
	case isNull(n) || n.Kind == yaml.SequenceNode && len(n.Content) == 0:
		p.errorf(p.pos(n), "%s%s must list at least one %s", subject, plural, singular)
	case n.Kind != yaml.SequenceNode:
		p.errorf(p.pos(n), "%s%s must be a list of %s, not %s", subject, plural, plural, describe(n))
	default:
		return n.Content
	}
	p.incomplete = true
	return nil
}

// interfaces checks the interfaces list and returns its interfaces.
func (p *specParser) interfaces(root *yaml.Node, fs map[string]pair) []*Interface {
	kv, ok := fs["interfaces"]
	switch {
	case !ok:
		p.errorf(p.pos(root), `missing required key "interfaces"`)
		p.incomplete = true
		return nil
	case kv.value == nil:
		return nil
	}
	var out []*Interface
	first := map[string]*Interface{}
	for i, item := range p.list(kv.value, "", "interfaces", "interface") {
		it := p.iface(i+1, p.resolve(item))
		if it == nil {
			continue
		}
		if prev := first[it.Name]; prev != nil && it.Name != "" {
			p.errorf(it.Pos, "interface %s: duplicate name (first declared at line %d)", quote(it.Name), prev.Pos.Line)
		} else {
			first[it.Name] = it
		}
		out = append(out, it)
	}
	return out
}

// iface checks the i'th (1-based) entry of interfaces.
func (p *specParser) iface(i int, n *yaml.Node) *Interface {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		p.errorf(p.pos(n), "interface #%d must be a mapping with the keys %s, not %s",
			i, strings.Join(interfaceKeys, ", "), describe(n))
		p.incomplete = true
		return nil
	}
	pairs := p.pairs(n)
	subject := subjectOf(pairs, fmt.Sprintf("interface #%d", i), "interface")
	fs := p.fields(pairs, subject, interfaceKeys)
	it := &Interface{Pos: p.pos(n)}
	it.Name = p.exportedName(n, fs, subject, "", "interface name")
	if v := fs["name"].value; v != nil {
		it.Pos = p.pos(v)
	}
	it.Doc = p.doc(fs, subject)
	it.Embeds = p.embedList(fs, subject)
	it.Methods = p.methods(n, fs, subject, len(it.Embeds) > 0)
	it.From = p.origin(fs, subject, "from")
	it.As = p.origin(fs, subject, "as")
	p.originMarkers(it, subject)
	return it
}

// subjectOf is the subject of errors about an entry: `kind "Name": `, or
// fallback when the entry has no usable name.
func subjectOf(pairs []pair, fallback, kind string) string {
	if v, _ := lookup(pairs, "name"); v != nil && v.Kind == yaml.ScalarNode && !isNull(v) && v.Value != "" {
		return fmt.Sprintf("%s %s: ", kind, quote(v.Value))
	}
	return fallback + ": "
}

// exportedName checks the required name key of entry n: an exported Go
// identifier. Messages about the name itself start with outer (the
// enclosing entry's subject) and what ("interface name"), the others with
// subject.
func (p *specParser) exportedName(n *yaml.Node, fs map[string]pair, subject, outer, what string) string {
	kv, ok := fs["name"]
	if !ok {
		p.errorf(p.pos(n), `%smissing required key "name"`, subject)
		return ""
	}
	name, ok := p.scalar(kv.value, subject, "name")
	switch {
	case !ok:
		return ""
	case name == "":
		p.errorf(p.pos(kv.value), "%sname must not be empty", subject)
		return ""
	}
	if problem := identProblem(name); problem != "" {
		p.errorf(p.pos(kv.value), "%s%s %s %s", outer, what, quote(name), problem)
	} else if !token.IsExported(name) {
		p.errorf(p.pos(kv.value), "%s%s %s must be exported%s", outer, what, quote(name), exportHint(name))
	}
	return name
}

// exportHint suggests an exported form of name.
func exportHint(name string) string {
	if c := capitalized(name); token.IsExported(c) && token.IsIdentifier(c) {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return " (start it with an upper-case letter)"
}

// doc returns the optional doc string of an entry, trimmed.
func (p *specParser) doc(fs map[string]pair, subject string) string {
	s, _ := p.scalar(fs["doc"].value, subject, "doc")
	p.checkBidi(fs["doc"].value, subject, s)
	return strings.TrimSpace(s)
}

// methods checks the methods list of an interface, which may be absent or
// empty when the interface embeds others.
func (p *specParser) methods(n *yaml.Node, fs map[string]pair, subject string, embeds bool) []*Method {
	kv, ok := fs["methods"]
	switch {
	case embeds && (!ok || kv.value == nil || isNull(kv.value) || kv.value.Kind == yaml.SequenceNode && len(kv.value.Content) == 0):
		return nil
	case !ok:
		p.errorf(p.pos(n), `%smissing key "methods": an interface has methods or embeds other interfaces`, subject)
		p.incomplete = true
		return nil
	case kv.value == nil:
		return nil
	}
	var out []*Method
	first := map[string]*Method{}
	for i, item := range p.list(kv.value, subject, "methods", "method") {
		if p.tooManyMethods(item) {
			break
		}
		m := p.method(subject, i+1, p.resolve(item))
		if m == nil {
			continue
		}
		if prev := first[m.Name]; prev != nil && m.Name != "" {
			p.errorf(m.Pos, "%smethod %s: duplicate name (first declared at line %d)", subject, quote(m.Name), prev.Pos.Line)
		} else {
			first[m.Name] = m
		}
		out = append(out, m)
	}
	return out
}

// method checks the i'th (1-based) method of an interface.
func (p *specParser) method(outer string, i int, n *yaml.Node) *Method {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		p.errorf(p.pos(n), "%smethod #%d must be a mapping with the keys %s, not %s",
			outer, i, strings.Join(methodKeys, ", "), describe(n))
		p.incomplete = true
		return nil
	}
	pairs := p.pairs(n)
	subject := outer + subjectOf(pairs, fmt.Sprintf("method #%d", i), "method")
	fs := p.fields(p.withoutFutureKeys(pairs, subject, futureMethodKeys), subject, methodKeys)
	m := &Method{Pos: p.pos(n)}
	m.Name = p.exportedName(n, fs, subject, outer, "method name")
	if v := fs["name"].value; v != nil {
		m.Pos = p.pos(v)
	}
	m.Doc = p.doc(fs, subject)
	m.Timeout = p.timeout(fs["timeout"].value, subject)
	p.signature(subject, fs, m)
	m.NoError, m.CarriedError = p.noError(fs, subject, m)
	m.AddedContext = p.addedContext(fs, subject)
	m.As = p.origin(fs, subject, "as")
	_, sends := fs["send"]
	_, streams := fs["stream"]
	m.Kind = kindOf(sends, streams) // even when an item could not be read
	p.checkNames(subject, m)
	p.sendsName(subject, m)
	return m
}

// signature checks the params, sent item, results and stream of method m.
func (p *specParser) signature(subject string, fs map[string]pair, m *Method) {
	if kv, ok := fs["params"]; ok {
		m.Params = p.paramList(subject, paramsKind, kv.value)
	}
	if kv, ok := fs["send"]; ok {
		m.Send = p.item(subject, sendKind, kv.value)
		p.variadicSend(subject, m)
	}
	if kv, ok := fs["results"]; ok {
		m.Results = p.paramList(subject, resultsKind, kv.value)
	}
	if kv, ok := fs["stream"]; ok {
		m.Stream = p.item(subject, streamKind, kv.value)
	}
	p.notBoth(subject, fs)
}

// timeout checks the optional timeout of a method.
func (p *specParser) timeout(n *yaml.Node, subject string) time.Duration {
	s, ok := p.scalar(n, subject, "timeout")
	if !ok || s == "" {
		return 0
	}
	d, err := time.ParseDuration(s)
	switch {
	case err != nil:
		p.errorf(p.pos(n), "%stimeout %s is not a duration: %s", subject, quote(s), durationProblem(err))
	case d <= 0:
		p.errorf(p.pos(n), "%stimeout %s must be positive", subject, quote(s))
	}
	return d
}

// durationProblem cleans up an error of time.ParseDuration, which repeats
// the input.
func durationProblem(err error) string {
	msg := strings.TrimPrefix(err.Error(), "time: ")
	if i := strings.Index(msg, " in duration "); i >= 0 {
		msg = msg[:i]
	}
	if strings.HasPrefix(msg, "invalid duration") {
		msg = `expected a number and a unit, such as "2s" or "1m30s"`
	}
	return msg
}

// checkNames checks the names of a method's parameters, sent item, results
// and stream item: no reserved names and no name twice.
func (p *specParser) checkNames(subject string, m *Method) {
	first := map[string]*Param{}
	for i, prm := range m.Items() {
		noun := nounOf(m, i)
		if msg := reservedWhy(prm.Name, noun, m.Kind); msg != "" {
			p.errorf(prm.Pos, "%s%s %s %s", subject, noun, quote(prm.Name), msg)
			continue
		}
		if prev := first[prm.Name]; prev != nil {
			p.errorf(prm.Pos, "%s%s %s: duplicate name (first declared at %d:%d)",
				subject, noun, quote(prm.Name), prev.Pos.Line, prev.Pos.Col)
			continue
		}
		first[prm.Name] = prm
	}
}

// nounOf names the i'th of a method's Items: params, sent item, results
// and stream item, in that order.
func nounOf(m *Method, i int) string {
	sent := 0
	if m.Send != nil {
		sent = 1
	}
	switch {
	case i < len(m.Params):
		return "parameter"
	case i < len(m.Params)+sent:
		return "sent item"
	case i < len(m.Params)+sent+len(m.Results):
		return "result"
	}
	return "stream item"
}
