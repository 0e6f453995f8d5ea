package spec

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"strconv"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"
)

// paramList is one params, results or stream string being checked. It is
// parsed as the parameter list of a Go func type: "func(" + text + ")" for
// params and a stream, "func() (" + text + ")" for results.
type paramList struct {
	listKind
	p       *specParser
	subject string     // the start of messages: `interface "I": method "M": `
	node    *yaml.Node // the scalar holding text
	text    string     // the list as written
	col     int        // column of text[0] in the source, or 0 when unknown
	chars   *charIndex // of text, when col is known
	file    *token.File
}

// listKind says what a paramList holds and how it is parsed.
type listKind struct {
	kind     string // the key, naming the list in messages: "params"
	noun     string // what the list holds: "parameter"
	prefix   string // the Go source before the text
	variadic string // the message for a misplaced "..."
	// For a key holding a single item (stream, send): an example of it,
	// and the message for a second item.
	example, several string
}

// The kinds of paramList.
var (
	paramsKind  = listKind{kind: "params", noun: "parameter", prefix: "func(", variadic: "only the last parameter can be variadic"}
	resultsKind = listKind{kind: "results", noun: "result", prefix: "func() (", variadic: "results cannot be variadic"}
	streamKind  = listKind{kind: "stream", noun: "stream item", prefix: "func(", variadic: "a stream item cannot be variadic",
		example: "entry Entry", several: "a stream has a single item; to stream several values, make it a struct"}
	sendKind = listKind{kind: "send", noun: "sent item", prefix: "func(", variadic: "a sent item cannot be variadic: the items are sent one by one",
		example: "chunk []byte", several: "a method sends a single item; to send several values at once, make it a struct"}
)

// paramList checks a method's params or results (kind), the value n of a
// key that is present, and returns them.
func (p *specParser) paramList(subject string, kind listKind, n *yaml.Node) []*Param {
	text, ok := p.scalar(n, subject, kind.kind)
	if !ok {
		p.incomplete = true
		return nil
	}
	if strings.TrimSpace(text) == "" {
		return nil
	}
	pl := p.newParamList(subject, kind, n, text)
	list := pl.parse()
	if list == nil {
		p.incomplete = true
		return nil
	}
	return pl.params(list)
}

// newParamList starts checking text, the value of scalar n.
func (p *specParser) newParamList(subject string, kind listKind, n *yaml.Node, text string) *paramList {
	pl := &paramList{listKind: kind, p: p, subject: subject, node: n, text: text, col: p.textColumn(n)}
	if pl.col > 0 {
		pl.chars = newCharIndex(text)
	}
	return pl
}

// parse parses the list, reporting syntax errors, and returns nil if it
// is not a well-formed parameter list.
func (pl *paramList) parse() *ast.FieldList {
	body := strings.TrimRightFunc(pl.text, unicode.IsSpace)
	if !pl.scan(body) {
		return nil
	}
	expr, err := parser.ParseExprFrom(pl.p.fset, "", pl.prefix+body+")", parser.SkipObjectResolution)
	if err != nil {
		pl.syntaxError(err, len(body))
		return nil
	}
	pl.file = pl.p.fset.File(expr.Pos())
	var list *ast.FieldList
	if ft, ok := expr.(*ast.FuncType); ok {
		list = ft.Params
		if pl.kind == "results" {
			list = ft.Results
		}
	}
	// The scan rules out escaping the wrapper; this makes sure of it.
	if list == nil || pl.offset(list.Opening) != -1 || pl.offset(list.Closing) != len(body) {
		pl.syntaxErrorf(0, "not a valid %s list", pl.noun)
		return nil
	}
	return list
}

// scan checks the tokens of body before it is parsed: no comments and
// balanced brackets, so that it cannot close the wrapper early.
func (pl *paramList) scan(body string) bool {
	file := token.NewFileSet().AddFile("", -1, len(body))
	var lexErr *scanner.Error
	var s scanner.Scanner
	s.Init(file, []byte(body), func(pos token.Position, msg string) {
		if lexErr == nil {
			lexErr = &scanner.Error{Pos: pos, Msg: msg}
		}
	}, scanner.ScanComments)
	var open []token.Pos
	var kinds []token.Token
	for lexErr == nil {
		pos, tok, _ := s.Scan()
		switch tok {
		case token.EOF:
			if len(open) > 0 {
				pl.syntaxErrorf(file.Offset(open[len(open)-1]), "%q is not closed", kinds[len(kinds)-1].String())
				return false
			}
			return true
		case token.COMMENT:
			pl.syntaxErrorf(file.Offset(pos), "comments are not allowed")
			return false
		case token.LPAREN, token.LBRACK, token.LBRACE:
			open, kinds = append(open, pos), append(kinds, tok)
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if len(kinds) == 0 || kinds[len(kinds)-1]+(token.RPAREN-token.LPAREN) != tok {
				pl.syntaxErrorf(file.Offset(pos), "unexpected %q", tok.String())
				return false
			}
			open, kinds = open[:len(open)-1], kinds[:len(kinds)-1]
		}
	}
	pl.syntaxErrorf(lexErr.Pos.Offset, "%s", lexErr.Msg)
	return false
}

// syntaxError reports an error of go/parser, cleaned up.
func (pl *paramList) syntaxError(err error, end int) {
	off, msg := 0, err.Error()
	var list scanner.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		off, msg = list[0].Pos.Offset-len(pl.prefix), list[0].Msg
	}
	off = min(max(off, 0), end)
	switch {
	case strings.HasPrefix(msg, "can only use ... with final parameter"):
		msg = pl.variadic
	case msg == "invalid use of ..." && pl.kind == "results": // elsewhere, only type parameters cause it
		msg = pl.variadic
	}
	msg = strings.ReplaceAll(msg, "'EOF'", "end of "+pl.kind)
	if off == end {
		msg = strings.ReplaceAll(msg, "')'", "end of "+pl.kind)
	}
	pl.syntaxErrorf(off, "%s", msg)
}

// syntaxErrorf reports a problem with the list as a whole, quoting it, at
// byte offset off of the text.
func (pl *paramList) syntaxErrorf(off int, format string, args ...any) {
	pl.p.errorf(pl.pos(off), "%s%s %s: "+format, append([]any{pl.subject, pl.kind, quote(pl.text)}, args...)...)
}

// errorf reports a problem with node n of the list.
func (pl *paramList) errorf(n ast.Node, format string, args ...any) {
	if pl.p.full() {
		return
	}
	pl.p.errorf(pl.pos(pl.offset(n.Pos())), pl.subject+format, args...)
}

// pos returns the position of byte offset off of the text: within the
// scalar when it appears verbatim in the source, else the scalar's start.
func (pl *paramList) pos(off int) Pos {
	if pl.col == 0 {
		return pl.p.pos(pl.node)
	}
	off = min(max(off, 0), len(pl.text))
	return Pos{File: pl.p.name, Line: pl.node.Line, Col: pl.col + pl.chars.charsBefore(off)}
}

// offset returns the byte offset in the text of a position in the parsed
// source.
func (pl *paramList) offset(pos token.Pos) int {
	return pl.file.Offset(pos) - len(pl.prefix)
}

// textOf returns the text of a node of the parsed list.
func (pl *paramList) textOf(n ast.Node) string {
	return pl.text[pl.offset(n.Pos()):pl.offset(n.End())]
}

// params checks the fields of a parsed list and returns its parameters.
func (pl *paramList) params(list *ast.FieldList) []*Param {
	var out []*Param
	for _, f := range list.List {
		typ, variadic := f.Type, false
		if e, ok := typ.(*ast.Ellipsis); ok {
			typ, variadic = e.Elt, true
		}
		if tooDeep(typ) {
			pl.errorf(typ, "type is nested more than %d levels deep; name a type in Go instead", MaxTypeDepth)
			continue
		}
		errs := len(pl.p.errs)
		pl.checkType(typ)
		bad := len(pl.p.errs) > errs
		switch {
		case len(f.Names) == 0:
			pl.errorf(f.Type, "%s of type %s needs a name", pl.noun, quote(pl.textOf(f.Type)))
		case variadic && len(f.Names) > 1:
			pl.syntaxErrorf(pl.offset(f.Type.Pos()), "%s", pl.variadic)
		}
		for _, id := range f.Names {
			out = append(out, &Param{
				Name:     id.Name,
				Type:     typ,
				TypeText: pl.textOf(typ),
				Variadic: variadic,
				Pos:      pl.pos(pl.offset(id.Pos())),
				typePos:  pl.pos(pl.offset(typ.Pos())),
				dotsPos:  pl.pos(pl.offset(f.Type.Pos())),
				exact:    pl.col > 0,
				bad:      bad,
			})
		}
	}
	return out
}

// checkType checks that e is a type expression a spec may use, and records
// the qualifiers it uses.
func (pl *paramList) checkType(e ast.Expr) {
	switch t := e.(type) {
	case *ast.Ident:
		pl.checkIdent(t)
	case *ast.SelectorExpr:
		pl.checkQualified(t)
	case *ast.ParenExpr:
		pl.checkType(t.X)
	case *ast.StarExpr:
		pl.checkType(t.X)
	case *ast.ArrayType:
		pl.checkArrayLen(t.Len)
		pl.checkType(t.Elt)
	case *ast.MapType:
		pl.checkType(t.Key)
		pl.checkType(t.Value)
	case *ast.ChanType:
		pl.checkType(t.Value)
	case *ast.FuncType:
		pl.checkFunc(t)
	case *ast.StructType:
		pl.checkFields(t.Fields, false)
	case *ast.InterfaceType:
		pl.checkInterface(t)
	case *ast.IndexExpr:
		pl.checkGeneric(t, t.X, []ast.Expr{t.Index})
	case *ast.IndexListExpr:
		pl.checkGeneric(t, t.X, t.Indices)
	default:
		pl.notType(e)
	}
}

func (pl *paramList) notType(e ast.Expr) {
	pl.errorf(e, "%s is not a type", quote(pl.textOf(e)))
}

// nonTypes are the predeclared identifiers that are not types.
var nonTypes = map[string]bool{
	"_": true, "nil": true, "true": true, "false": true, "iota": true,
	"append": true, "cap": true, "clear": true, "close": true, "complex": true,
	"copy": true, "delete": true, "imag": true, "len": true, "make": true,
	"max": true, "min": true, "new": true, "panic": true, "print": true,
	"println": true, "real": true, "recover": true,
}

// predeclaredTypes are the predeclared type names.
var predeclaredTypes = map[string]bool{
	"any": true, "bool": true, "byte": true, "comparable": true,
	"complex64": true, "complex128": true, "error": true,
	"float32": true, "float64": true, "int": true, "int8": true,
	"int16": true, "int32": true, "int64": true, "rune": true,
	"string": true, "uint": true, "uint8": true, "uint16": true,
	"uint32": true, "uint64": true, "uintptr": true,
}

// checkIdent checks an unqualified type name: a predeclared type or a type
// of the spec's own package, which cannot be checked here.
func (pl *paramList) checkIdent(id *ast.Ident) {
	switch {
	case nonTypes[id.Name]:
		pl.notType(id)
	case id.Name == "comparable":
		pl.errorf(id, `"comparable" is not a type: it can only constrain type parameters`)
	}
}

// checkQualified checks a qualified type name pkg.Name.
func (pl *paramList) checkQualified(sel *ast.SelectorExpr) {
	x, ok := sel.X.(*ast.Ident)
	if !ok {
		pl.notType(sel)
		return
	}
	pl.checkQualifier(x, sel)
	if !token.IsExported(sel.Sel.Name) {
		pl.errorf(sel.Sel, "%s refers to the unexported name %s", quote(pl.textOf(sel)), quote(sel.Sel.Name))
	}
}

// checkQualifier resolves the qualifier x of sel: the spec's imports first,
// else the standard library.
func (pl *paramList) checkQualifier(x *ast.Ident, sel *ast.SelectorExpr) {
	p, name := pl.p, x.Name
	if p.imports[name] != nil {
		p.used[name] = true
		return
	}
	path, candidates := StdlibPath(name)
	switch {
	case path != "":
	case len(candidates) > 1:
		pl.errorf(x, "qualifier %s is ambiguous in the standard library (%s): declare it under imports",
			quote(name), strings.Join(candidates, ", "))
	case p.full():
	default:
		if s := didYouMean(name, p.qualifierCandidates()); s != "" {
			pl.errorf(x, "unknown qualifier %s in type %s%s", quote(name), quote(pl.textOf(sel)), s)
		} else {
			pl.errorf(x, "unknown qualifier %s in type %s: declare it under imports", quote(name), quote(pl.textOf(sel)))
		}
	}
}

// qualifierCandidates are the names a misspelt qualifier may stand for.
func (p *specParser) qualifierCandidates() []string {
	if p.candidates == nil {
		p.candidates = append([]string{}, stdlibNames...)
		for name := range p.imports {
			if identProblem(name) == "" {
				p.candidates = append(p.candidates, name)
			}
		}
		p.candidates = sortedCopy(p.candidates)
	}
	return p.candidates
}

// checkArrayLen checks the length of an array type: a non-negative integer
// literal (nil for a slice).
func (pl *paramList) checkArrayLen(n ast.Expr) {
	if n == nil {
		return
	}
	lit, ok := n.(*ast.BasicLit)
	if !ok || lit.Kind != token.INT {
		pl.errorf(n, "array length %s must be a non-negative integer literal", quote(pl.textOf(n)))
		return
	}
	if _, err := strconv.ParseInt(lit.Value, 0, 64); err != nil {
		pl.errorf(n, "array length %s is too large", quote(lit.Value))
	}
}

// checkFunc checks a func type: its parameter names are optional.
func (pl *paramList) checkFunc(t *ast.FuncType) {
	if t.TypeParams != nil {
		pl.notType(t)
		return
	}
	pl.checkFields(t.Params, true)
	pl.checkFields(t.Results, false)
}

// checkFields checks the types of a func type's parameters or results, or
// of a struct's fields. The last parameter may be variadic if variadic.
func (pl *paramList) checkFields(fields *ast.FieldList, variadic bool) {
	if fields == nil {
		return
	}
	for i, f := range fields.List {
		typ := f.Type
		if e, ok := typ.(*ast.Ellipsis); ok && variadic && i == len(fields.List)-1 {
			typ = e.Elt
		}
		pl.checkType(typ)
	}
}

// checkInterface allows only the empty interface: a spec cannot declare
// methods inline.
func (pl *paramList) checkInterface(t *ast.InterfaceType) {
	if t.Methods != nil && len(t.Methods.List) > 0 {
		pl.errorf(t, "%s is not allowed: only the empty interface{} can be written in a spec; declare the interface in the package",
			quote(pl.textOf(t)))
	}
}

// checkGeneric checks an instantiated generic type t: x[indices].
func (pl *paramList) checkGeneric(t, x ast.Expr, indices []ast.Expr) {
	switch x := x.(type) {
	case *ast.Ident:
		if predeclaredTypes[x.Name] {
			pl.errorf(t, "%s is not a type: %s is not generic", quote(pl.textOf(t)), x.Name)
			return
		}
		pl.checkType(x)
	case *ast.SelectorExpr:
		pl.checkType(x)
	default:
		pl.notType(t)
		return
	}
	for _, index := range indices {
		pl.checkType(index)
	}
}

// MaxTypeDepth bounds the nesting of a type in a spec, counted in syntax
// levels (a map, a pointer, a func's parameter list and each of its fields
// are one level each): deeper types are errors, which keeps generating and
// compiling them bounded. No hand-written API comes near it.
const MaxTypeDepth = 200

// tooDeep reports whether e nests deeper than MaxTypeDepth.
func tooDeep(e ast.Expr) bool {
	depth, deep := 0, false
	ast.Inspect(e, func(n ast.Node) bool {
		switch {
		case deep:
			return false
		case n == nil:
			depth--
			return false
		}
		if depth++; depth > MaxTypeDepth {
			deep = true
			return false
		}
		return true
	})
	return deep
}
