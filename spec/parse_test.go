package spec

import (
	"go/ast"
	"go/parser"
	"go/types"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// typ parses a type expression for an expected model.
func typ(t *testing.T, s string) ast.Expr {
	t.Helper()
	e, err := parser.ParseExpr(s)
	if err != nil {
		t.Fatalf("bad type %q in test: %v", s, err)
	}
	return e
}

// exprComparer compares type expressions by their canonical text.
// modelOptions compare models: type expressions by their text, and
// parameters without their unexported position bookkeeping (PosOf has its
// own test).
var modelOptions = cmp.Options{exprComparer, cmpopts.IgnoreUnexported(Param{})}

var exprComparer = cmp.Comparer(func(a, b ast.Expr) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return types.ExprString(a) == types.ExprString(b)
})

// at is a position in test.shim.yaml.
func at(line, col int) Pos {
	return Pos{File: "test.shim.yaml", Line: line, Col: col}
}

// param builds an expected parameter.
func param(t *testing.T, name, typeText string, line, col int) *Param {
	variadic := strings.HasPrefix(typeText, "...")
	typeText = strings.TrimPrefix(typeText, "...")
	return &Param{Name: name, Type: typ(t, typeText), TypeText: typeText, Variadic: variadic, Pos: at(line, col)}
}

const exampleSpec = `
shimgen: 1                      # format version, required
package: blob
imports:
  meta: example.com/blob/meta
interfaces:
  - name: Bucket
    doc: Bucket stores blobs by key.
    methods:
      - name: Get
        doc: Get returns the blob stored under key.
        params: key string
        results: data []byte, found bool
        timeout: 2s
      - name: Put
        params: key string, data []byte, attrs meta.Attrs
      - name: Ping
`

func exampleModel(t *testing.T) *File {
	return &File{
		Name:       "test.shim.yaml",
		Package:    "blob",
		PackagePos: at(2, 10),
		Imports:    []*Import{{Name: "meta", Path: "example.com/blob/meta", Pos: at(4, 3)}},
		Interfaces: []*Interface{{
			Name: "Bucket",
			Doc:  "Bucket stores blobs by key.",
			Pos:  at(6, 11),
			Methods: []*Method{{
				Name:    "Get",
				Kind:    Unary,
				Doc:     "Get returns the blob stored under key.",
				Params:  []*Param{param(t, "key", "string", 11, 17)},
				Results: []*Param{param(t, "data", "[]byte", 12, 18), param(t, "found", "bool", 12, 31)},
				Timeout: 2 * time.Second,
				Pos:     at(9, 15),
			}, {
				Name: "Put",
				Kind: Unary,
				Params: []*Param{
					param(t, "key", "string", 15, 17),
					param(t, "data", "[]byte", 15, 29),
					param(t, "attrs", "meta.Attrs", 15, 42),
				},
				Pos: at(14, 15),
			}, {
				Name: "Ping",
				Kind: Unary,
				Pos:  at(16, 15),
			}},
		}},
	}
}

func TestParseExample(t *testing.T) {
	f, err := Parse("test.shim.yaml", src(exampleSpec))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(exampleModel(t), f, modelOptions); diff != "" {
		t.Errorf("model (-want +got):\n%s", diff)
	}
}

func TestParseCRLFAndBOM(t *testing.T) {
	data := "\uFEFF" + strings.ReplaceAll(string(src(exampleSpec)), "\n", "\r\n")
	f, err := Parse("test.shim.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(exampleModel(t), f, modelOptions); diff != "" {
		t.Errorf("model (-want +got):\n%s", diff)
	}
}

func TestParseValid(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want func(t *testing.T) *File
	}{
		{"minimal", `
shimgen: 1
interfaces:
  - name: A
    methods:
      - name: M
`, func(t *testing.T) *File {
			return &File{
				Name:       "test.shim.yaml",
				PackagePos: at(1, 1),
				Interfaces: []*Interface{{Name: "A", Pos: at(3, 11), Methods: []*Method{{Name: "M", Kind: Unary, Pos: at(5, 15)}}}},
			}
		}},
		{"types", `
shimgen: 1
imports:
  rand: math/rand/v2
  seq: example.com/seq
interfaces:
  - name: Types
    methods:
      - name: Many
        params: a, b int, p *[4]map[string][]chan<- int, f func(int, ...string) (bool, error)
        results: s struct{ X int "json:\"x\""; *T }, e interface{}, g seq.Seq[*rand.Rand], h Pair[K, seq.V], i (<-chan any)
      - name: Std
        params: d time.Duration, r io.Reader, x [0x10]byte, opts ...Option
`, func(t *testing.T) *File {
			return &File{
				Name:       "test.shim.yaml",
				PackagePos: at(1, 1),
				Imports: []*Import{
					{Name: "rand", Path: "math/rand/v2", Pos: at(3, 3)},
					{Name: "seq", Path: "example.com/seq", Pos: at(4, 3)},
				},
				Interfaces: []*Interface{{Name: "Types", Pos: at(6, 11), Methods: []*Method{{
					Name: "Many",
					Kind: Unary,
					Params: []*Param{
						param(t, "a", "int", 9, 17),
						param(t, "b", "int", 9, 20),
						param(t, "p", "*[4]map[string][]chan<- int", 9, 27),
						param(t, "f", "func(int, ...string) (bool, error)", 9, 58),
					},
					Results: []*Param{
						param(t, "s", `struct{ X int "json:\"x\""; *T }`, 10, 18),
						param(t, "e", "interface{}", 10, 54),
						param(t, "g", "seq.Seq[*rand.Rand]", 10, 69),
						param(t, "h", "Pair[K, seq.V]", 10, 92),
						param(t, "i", "(<-chan any)", 10, 110),
					},
					Pos: at(8, 15),
				}, {
					Name: "Std",
					Kind: Unary,
					Params: []*Param{
						param(t, "d", "time.Duration", 12, 17),
						param(t, "r", "io.Reader", 12, 34),
						param(t, "x", "[0x10]byte", 12, 47),
						param(t, "opts", "...Option", 12, 61),
					},
					Pos: at(11, 15),
				}}}},
			}
		}},
		{"streams", `
shimgen: 1
imports:
  meta: example.com/meta
interfaces:
  - name: Log
    methods:
      - name: Tail
        params: from int64
        stream: ev *meta.Event
        timeout: 1m
      - name: Read
        params: key string
        stream: chunk []byte
      - {name: Scan, stream: 'kv Pair[string, time.Time]'}
      - name: Walk
        stream: |
          entry Entry
      - name: Count
        params: each string
        results: n int
`, func(t *testing.T) *File {
			return &File{
				Name:       "test.shim.yaml",
				PackagePos: at(1, 1),
				Imports:    []*Import{{Name: "meta", Path: "example.com/meta", Pos: at(3, 3)}},
				Interfaces: []*Interface{{Name: "Log", Pos: at(5, 11), Methods: []*Method{{
					Name:    "Tail",
					Kind:    ServerStream,
					Params:  []*Param{param(t, "from", "int64", 8, 17)},
					Stream:  param(t, "ev", "*meta.Event", 9, 17),
					Timeout: time.Minute,
					Pos:     at(7, 15),
				}, {
					Name:   "Read",
					Kind:   ServerStream,
					Params: []*Param{param(t, "key", "string", 12, 17)},
					Stream: param(t, "chunk", "[]byte", 13, 17),
					Pos:    at(11, 15),
				}, {
					Name:   "Scan",
					Kind:   ServerStream,
					Stream: param(t, "kv", "Pair[string, time.Time]", 14, 31),
					Pos:    at(14, 16),
				}, {
					Name:   "Walk",
					Kind:   ServerStream,
					Stream: param(t, "entry", "Entry", 16, 17),
					Pos:    at(15, 15),
				}, {
					Name:    "Count",
					Kind:    Unary,
					Params:  []*Param{param(t, "each", "string", 19, 17)},
					Results: []*Param{param(t, "n", "int", 20, 18)},
					Pos:     at(18, 15),
				}}}},
			}
		}},
		{"client and bidirectional streams", `
shimgen: 1
interfaces:
  - name: Blob
    methods:
      - name: Upload
        params: key string
        send: chunk []byte
        results: written int64
        timeout: 1m
      - {name: Append, send: 'data []byte'}
      - name: Chat
        params: room string
        send: out Message
        stream: in Message
`, func(t *testing.T) *File {
			return &File{
				Name:       "test.shim.yaml",
				PackagePos: at(1, 1),
				Interfaces: []*Interface{{Name: "Blob", Pos: at(3, 11), Methods: []*Method{{
					Name:    "Upload",
					Kind:    ClientStream,
					Params:  []*Param{param(t, "key", "string", 6, 17)},
					Send:    param(t, "chunk", "[]byte", 7, 15),
					Results: []*Param{param(t, "written", "int64", 8, 18)},
					Timeout: time.Minute,
					Pos:     at(5, 15),
				}, {
					Name: "Append",
					Kind: ClientStream,
					Send: param(t, "data", "[]byte", 10, 31),
					Pos:  at(10, 16),
				}, {
					Name:   "Chat",
					Kind:   BidiStream,
					Params: []*Param{param(t, "room", "string", 12, 17)},
					Send:   param(t, "out", "Message", 13, 15),
					Stream: param(t, "in", "Message", 14, 17),
					Pos:    at(11, 15),
				}}}},
			}
		}},
		{"yaml forms", `
shimgen: 1
package: ~
interfaces:
  - name: Forms
    doc: |
      Forms shows the YAML forms a spec may take.

      Docs are trimmed.
    methods:
      - &get
        name: Get
        doc: >
          Get folds
          lines.
        params: "key string"
        results: |
          data []byte,
          found bool
        timeout: 1m30s
      - {name: Put, params: 'key string, data []byte', timeout: 500ms}
      - name: Del
        params: key
          string
        results:
        doc: ""
  - name: Again
    methods:
      - *get
`, func(t *testing.T) *File {
			get := &Method{
				Name:    "Get",
				Kind:    Unary,
				Doc:     "Get folds lines.",
				Params:  []*Param{param(t, "key", "string", 15, 18)},
				Results: []*Param{param(t, "data", "[]byte", 16, 18), param(t, "found", "bool", 16, 18)},
				Timeout: 90 * time.Second,
				Pos:     at(11, 15),
			}
			return &File{
				Name:       "test.shim.yaml",
				PackagePos: at(1, 1),
				Interfaces: []*Interface{{
					Name: "Forms",
					Doc:  "Forms shows the YAML forms a spec may take.\n\nDocs are trimmed.",
					Pos:  at(4, 11),
					Methods: []*Method{get, {
						Name:    "Put",
						Kind:    Unary,
						Params:  []*Param{param(t, "key", "string", 20, 30), param(t, "data", "[]byte", 20, 42)},
						Timeout: 500 * time.Millisecond,
						Pos:     at(20, 16),
					}, {
						Name:   "Del",
						Kind:   Unary,
						Params: []*Param{param(t, "key", "string", 22, 17)},
						Pos:    at(21, 15),
					}},
				}, {
					Name:    "Again",
					Pos:     at(26, 11),
					Methods: []*Method{get},
				}},
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("test.shim.yaml", src(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want(t), f, modelOptions); diff != "" {
				t.Errorf("model (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParamPosOf(t *testing.T) {
	src := "shimgen: 1\ninterfaces:\n  - name: A\n    methods:\n      - name: M\n        params: a map[string]*héé.Fo, b []Bar\n        results: 'c Baz'\nimports:\n  héé: example.com/x\n"
	f, err := Parse("t.shim.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m := f.Interfaces[0].Methods[0]
	var sel *ast.SelectorExpr
	ast.Inspect(m.Params[0].Type, func(n ast.Node) bool {
		if s, ok := n.(*ast.SelectorExpr); ok {
			sel = s
		}
		return true
	})
	elt := m.Params[1].Type.(*ast.ArrayType).Elt
	for _, tc := range []struct {
		p    *Param
		n    ast.Node
		want string
	}{
		{m.Params[0], m.Params[0].Type, "t.shim.yaml:6:19"},
		{m.Params[0], sel.Sel, "t.shim.yaml:6:35"},
		{m.Params[1], elt, "t.shim.yaml:6:43"},
		{m.Results[0], m.Results[0].Type, "t.shim.yaml:7:21"},
	} {
		if got := tc.p.PosOf(tc.n).String(); got != tc.want {
			t.Errorf("PosOf(%s) = %s, want %s", types.ExprString(tc.n.(ast.Expr)), got, tc.want)
		}
	}
}
