package spec

import (
	"bytes"
	"fmt"
	"go/token"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// MaxSize is the size, in bytes, of the largest spec Parse accepts.
const MaxSize = 8 << 20

// maxErrors bounds the errors reported for one spec.
const maxErrors = 1000

// maxDocuments bounds the empty YAML documents read after the spec's.
const maxDocuments = 100

// maxAliasNodes bounds the YAML nodes reached through aliases, so that
// aliases of aliases ("billion laughs") cannot make the walk explode.
const maxAliasNodes = 100_000

// Parse parses and validates one spec. name is the file name used in
// positions (e.g. "blob.shim.yaml" or "examples/blob/blob.shim.yaml").
//
// It returns the model, or a nil *File and an ErrorList holding every
// problem found, sorted by position.
func Parse(name string, data []byte) (*File, error) {
	f, errs := ParsePartial(name, data)
	if len(errs) > 0 {
		return nil, errs
	}
	if f == nil { // cannot happen: every path to a nil *File reports
		return nil, ErrorList{{Pos: Pos{File: name, Line: 1, Col: 1}, Msg: "internal error: no model and no error"}}
	}
	return f, nil
}

// specParser holds the state of one Parse call.
type specParser struct {
	name string
	src  []byte // the input without a byte order mark
	errs ErrorList
	fset *token.FileSet // for parsing params and results

	lineStarts []int              // byte offsets of the source lines, computed on demand
	lines      map[int]*charIndex // character indexes of source lines, by line number
	sizes      map[*yaml.Node]int // subtree sizes of alias targets
	aliasNodes int                // nodes reached through aliases so far
	aliasOver  bool               // the alias budget was exceeded

	nMethods   int                // methods read so far, of every interface
	imports    map[string]*Import // declared imports by name
	used       map[string]bool    // qualifiers used by types
	candidates []string           // qualifier suggestions, computed on demand
	incomplete bool               // some types could not be read: skip unused-import errors
	truncated  bool               // errors were dropped past maxErrors
	reported   map[string]bool    // the errors reported, formatted
}

// parse decodes data and builds the model; it returns nil after reporting
// when the document cannot be read at all.
func (p *specParser) parse(data []byte) *File {
	root := p.document(data)
	if root == nil {
		return nil
	}
	return p.file(root)
}

// errorf reports a problem at pos, unless there are too many already.
// A problem found twice, as in a node reached twice through YAML aliases,
// is reported once.
func (p *specParser) errorf(pos Pos, format string, args ...any) {
	if p.full() {
		return
	}
	e := &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
	key := e.Error()
	if p.reported == nil {
		p.reported = map[string]bool{}
	}
	if !p.reported[key] {
		p.reported[key] = true
		p.errs = append(p.errs, e)
	}
}

// full reports whether maxErrors problems have been reported: later ones
// are dropped, and need not be worked out.
func (p *specParser) full() bool {
	if len(p.errs) < maxErrors {
		return false
	}
	p.truncated = true
	return true
}

// errorList returns the errors reported, sorted, noting the dropped ones.
func (p *specParser) errorList() ErrorList {
	p.errs.Sort()
	list := p.errs
	if p.truncated {
		last := list[len(list)-1]
		list = append(list, &Error{Pos: last.Pos, Msg: fmt.Sprintf("too many errors: only the first %d are reported", len(list))})
	}
	return list
}

// pos returns the position of n.
func (p *specParser) pos(n *yaml.Node) Pos {
	return Pos{File: p.name, Line: max(n.Line, 1), Col: max(n.Column, 1)}
}

// docPos is the position of problems with the document as a whole.
func (p *specParser) docPos() Pos {
	return Pos{File: p.name, Line: 1, Col: 1}
}

// document decodes the single YAML document in data and returns its root
// node, or nil after reporting why there is none.
func (p *specParser) document(data []byte) *yaml.Node {
	if len(data) > MaxSize {
		p.errorf(p.docPos(), "spec is too large (%d bytes; the limit is %d)", len(data), MaxSize)
		return nil
	}
	p.src = bytes.TrimPrefix(data, []byte("\uFEFF"))
	dec := yaml.NewDecoder(bytes.NewReader(p.src))
	var doc yaml.Node
	if err := decode(dec, &doc); err != nil {
		if err == io.EOF {
			p.errorf(p.docPos(), `spec is empty: expected a mapping starting with "shimgen: %d"`, Version)
		} else {
			p.yamlError(err)
		}
		return nil
	}
	p.moreDocuments(dec)
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || isNull(doc.Content[0]) {
		p.errorf(p.docPos(), `spec is empty: expected a mapping starting with "shimgen: %d"`, Version)
		return nil
	}
	return doc.Content[0]
}

// moreDocuments reports the first document after the spec's that is not
// empty (a trailing "---" is harmless), or a syntax error in them.
func (p *specParser) moreDocuments(dec *yaml.Decoder) {
	for range maxDocuments {
		var next yaml.Node
		err := decode(dec, &next)
		switch {
		case err == io.EOF:
			return
		case err != nil:
			p.yamlError(err)
			return
		case len(next.Content) > 0 && !isNull(next.Content[0]):
			p.errorf(p.pos(&next), "a spec holds one YAML document: remove this one or move it to its own file")
			return
		}
	}
	p.errorf(p.docPos(), "a spec holds one YAML document, not more than %d", maxDocuments)
}

// decode is dec.Decode(n), with any panic inside the YAML library turned
// into an error.
func decode(dec *yaml.Decoder, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: internal error: %v", r)
		}
	}()
	return dec.Decode(n)
}

var yamlLine = regexp.MustCompile(`^line (\d+): `)

// yamlError reports a YAML syntax error at the position of the token the
// library could not parse (see syntaxPos): the line the library names is
// where the enclosing construct starts, and it gives no column.
func (p *specParser) yamlError(err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	pos := p.docPos()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil && n > 0 {
			pos.Line = n
		}
		msg = msg[len(m[0]):]
	}
	pos.Line, pos.Col = p.syntaxPos(msg, pos.Line)
	p.errorf(pos, "invalid YAML: %s", msg)
}

// resolve follows n through aliases. It returns nil, after reporting once,
// when the aliases reached so far expand to too many nodes.
func (p *specParser) resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		if p.aliasOver || n.Alias == nil {
			return nil
		}
		p.aliasNodes += p.size(n.Alias)
		if p.aliasNodes > maxAliasNodes {
			p.errorf(p.pos(n), "YAML aliases expand to more than %d nodes; write the spec out", maxAliasNodes)
			p.aliasOver, p.incomplete = true, true
			return nil
		}
		n = n.Alias
	}
	return n
}

// size counts the nodes in the tree under n, not following aliases.
func (p *specParser) size(n *yaml.Node) int {
	if s, ok := p.sizes[n]; ok {
		return s
	}
	s := 1
	for _, c := range n.Content {
		s += p.size(c)
	}
	if p.sizes == nil {
		p.sizes = map[*yaml.Node]int{}
	}
	p.sizes[n] = s
	return s
}

// isNull reports whether n is a YAML null: absent in effect.
func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// describe names the kind of n for errors: "a mapping", "a list", "null"
// or a scalar with its value, such as `the string "x"`.
func describe(n *yaml.Node) string {
	switch {
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case isNull(n):
		return "null"
	case n.Tag == "!!int" || n.Tag == "!!float":
		return "the number " + n.Value
	case n.Tag == "!!bool":
		return "the boolean " + n.Value
	}
	return "the string " + quote(n.Value)
}

// quote quotes s for a message, shortening it when it is long.
func quote(s string) string {
	const limit = 80 // characters
	i := 0
	for n := 0; i < len(s); n++ {
		if n == limit {
			return strconv.Quote(s[:i]) + "..."
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return strconv.Quote(s)
}

// pair is one key and value of a YAML mapping, both resolved through
// aliases; either is nil when an alias could not be followed.
type pair struct {
	key, value *yaml.Node
}

// pairs returns the entries of mapping n.
func (p *specParser) pairs(n *yaml.Node) []pair {
	out := make([]pair, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		out = append(out, pair{key: p.resolve(n.Content[i]), value: p.resolve(n.Content[i+1])})
	}
	return out
}

// keyOK reports whether key is a string key, reporting the other kinds
// and merge keys, which specs do not support.
func (p *specParser) keyOK(key *yaml.Node, subject string) bool {
	switch {
	case key == nil:
		return false
	case key.Kind != yaml.ScalarNode:
		p.errorf(p.pos(key), "%skeys must be strings, not %s", subject, describe(key))
		return false
	case key.Tag == "!!merge":
		p.errorf(p.pos(key), `%smerge keys ("<<") are not supported; write the keys out`, subject)
		return false
	}
	return true
}

// lookup returns the value of the first string key of pairs named name.
func lookup(pairs []pair, name string) (value *yaml.Node, found bool) {
	for _, kv := range pairs {
		if kv.key != nil && kv.key.Kind == yaml.ScalarNode && kv.key.Tag != "!!merge" && kv.key.Value == name {
			return kv.value, true
		}
	}
	return nil, false
}

// fields checks the keys of pairs against allowed, reporting unknown and
// repeated keys, and returns the entries by key.
func (p *specParser) fields(pairs []pair, subject string, allowed []string) map[string]pair {
	out := make(map[string]pair, len(pairs))
	for _, kv := range pairs {
		if !p.keyOK(kv.key, subject) {
			continue
		}
		k := kv.key.Value
		if first, dup := out[k]; dup {
			p.errorf(p.pos(kv.key), "%sduplicate key %s (first at line %d)", subject, quote(k), first.key.Line)
			continue
		}
		if !contains(allowed, k) {
			p.unknownKey(kv.key, subject, allowed)
			continue
		}
		out[k] = kv
	}
	return out
}

// withoutFutureKeys reports the keys of pairs that future names, keys a
// later format version will give a meaning, with their messages, and
// returns the other pairs. Their values are not read, so the imports their
// types may use are not reported as unused.
func (p *specParser) withoutFutureKeys(pairs []pair, subject string, future map[string]string) []pair {
	out := make([]pair, 0, len(pairs))
	for _, kv := range pairs {
		if msg, ok := futureKey(kv.key, future); ok {
			p.errorf(p.pos(kv.key), "%skey %s %s", subject, quote(kv.key.Value), msg)
			p.incomplete = true
			continue
		}
		out = append(out, kv)
	}
	return out
}

// futureKey returns the message of key when it is a string key in future.
func futureKey(key *yaml.Node, future map[string]string) (msg string, ok bool) {
	if key == nil || key.Kind != yaml.ScalarNode || key.Tag == "!!merge" {
		return "", false
	}
	msg, ok = future[key.Value]
	return msg, ok
}

func (p *specParser) unknownKey(key *yaml.Node, subject string, allowed []string) {
	if p.full() {
		return
	}
	if s := didYouMean(key.Value, allowed); s != "" {
		p.errorf(p.pos(key), "%sunknown key %s%s", subject, quote(key.Value), s)
		return
	}
	p.errorf(p.pos(key), "%sunknown key %s (expected one of: %s)", subject, quote(key.Value), strings.Join(allowed, ", "))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// scalar returns the text of n, which must be a scalar: what names it in
// errors. A null yields "". ok is false when n is missing, unreadable or not
// a scalar (reported).
func (p *specParser) scalar(n *yaml.Node, subject, what string) (s string, ok bool) {
	switch {
	case n == nil:
		return "", false
	case isNull(n):
		return "", true
	case n.Kind != yaml.ScalarNode:
		p.errorf(p.pos(n), "%s%s must be a string, not %s", subject, what, describe(n))
		return "", false
	}
	return n.Value, true
}
