package spec

import (
	"fmt"
	"go/ast"
	"time"
	"unicode/utf8"
)

// Version is the spec format version this package reads (the `shimgen:` key).
const Version = 1

// Pos is a position in a spec file. Line and Col are 1-based; a zero Line
// means the position is unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as "file:line:col", the form editors and CI annotations
// understand.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// File is a parsed and validated spec: the model both generated forms are
// built from. Slices are in spec order except Imports, which is sorted by
// Name.
type File struct {
	// Name is the spec's file name as it appears in positions and in the
	// generated header (a base name such as "blob.shim.yaml").
	Name string
	// Package is the Go package name from the `package` key, or "" when the
	// spec leaves it to the directory.
	Package string
	// PackagePos is the position of the package value (or 1:1 when absent).
	PackagePos Pos
	Imports    []*Import
	Interfaces []*Interface
}

// Import declares a qualifier for a non-standard-library package.
type Import struct {
	Name string // the qualifier used in types, e.g. "meta"
	Path string // the import path, e.g. "example.com/blob/meta"
	Pos  Pos
}

// Interface is one API, generated in both forms.
type Interface struct {
	Name string
	Doc  string
	// Embeds are the interfaces of the same spec this one embeds
	// (`embeds: [Reader, Closer]`), in spec order, each resolved.
	Embeds []*Embed
	// Methods are the interface's own methods; MethodSet adds the embedded
	// ones.
	Methods []*Method
	// From is the Go interface the spec was scaffolded from (`from:
	// io/fs.FS`), or nil: with it the adapt form generates adapters to
	// and from that interface.
	From *Origin
	// As is the interface type original methods return this interface
	// as when it is not From (`as: io/fs.File` for a From io/fs.ReadDirFile
	// that fs.FS.Open returns as an fs.File), or nil. It needs From.
	As  *Origin
	Pos Pos
}

// Origin names a Go interface by import path and name.
type Origin struct {
	Path string // "io/fs"
	Name string // "FS"
	Pos  Pos
}

// String returns the origin as the spec writes it: "io/fs.FS".
func (o *Origin) String() string { return o.Path + "." + o.Name }

// Embed is one entry of an interface's embeds.
type Embed struct {
	Name  string
	Iface *Interface // the embedded interface, set once the spec is valid
	Pos   Pos
}

// Method is one call of an interface. The leading ctx context.Context and the
// trailing err error are implicit and not part of Params or Results.
type Method struct {
	Name string
	// Kind is the method's shape: Unary; ServerStream with a stream item;
	// ClientStream with a sent item; BidiStream with both.
	Kind    MethodKind
	Doc     string
	Params  []*Param
	Results []*Param
	// Stream is the item of a server stream (`stream: entry Entry`), or nil
	// for a method with results. A streaming method has no Results.
	Stream *Param
	// Send is the item the caller of a client or bidirectional stream sends
	// (`send: chunk []byte`), or nil.
	Send *Param
	// Timeout is the per-call deadline (for a stream, of the whole stream);
	// zero means none.
	Timeout time.Duration
	// NoError is set by `error: false`: the blocking form has no error
	// result; the callback form's done keeps err for the runtime's refusals.
	NoError bool
	// AddedContext is set by `ctx: added`: the method of the interface's
	// From takes no ctx; the spec added it.
	AddedContext bool
	// CarriedError is set by `error: carried`: the method of the
	// interface's From has no error result; its last result carries the
	// error (`Err() error`, and `SetErr(error)` to carry one back).
	CarriedError bool
	// As is the type the method of the interface's From returns its
	// handle as (`as: io/fs.ReadDirFile`), overriding the handle
	// interface's As, or nil.
	As  *Origin
	Pos Pos
}

// Variadic reports whether the method's last parameter is variadic.
func (m *Method) Variadic() bool {
	return len(m.Params) > 0 && m.Params[len(m.Params)-1].Variadic
}

// Param is one named parameter or result.
type Param struct {
	Name string
	// Type is the parsed type expression. For a variadic parameter it is the
	// element type (T in ...T).
	Type ast.Expr
	// TypeText is the type as written (for a variadic parameter, without the
	// leading "...").
	TypeText string
	Variadic bool
	Pos      Pos

	typePos Pos  // of Type's first character
	dotsPos Pos  // of the "..." of a variadic parameter, else typePos
	exact   bool // typePos and the text are where the source has them
	bad     bool // the type has problems reported (see ParsePartial)
}

// PosOf returns the position of n, a node of p.Type, in the spec: exact
// when the parameter list appears verbatim in the source, else the start
// of the type (or of its YAML value).
func (p *Param) PosOf(n ast.Node) Pos {
	return p.PosAt(int(n.Pos() - p.Type.Pos()))
}

// PosAt returns the position of byte offset off of TypeText in the spec,
// as PosOf does.
func (p *Param) PosAt(off int) Pos {
	if !p.exact || off < 0 || off > len(p.TypeText) {
		return p.typePos
	}
	pos := p.typePos
	pos.Col += utf8.RuneCountInString(p.TypeText[:off])
	return pos
}
