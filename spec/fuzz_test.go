package spec

import (
	"go/ast"
	"go/parser"
	"go/types"
	"slices"
	"testing"
)

func FuzzParse(f *testing.F) {
	f.Add(src(exampleSpec))
	f.Add(bigSpec(3))
	for _, tt := range errorTests {
		if len(tt.src) < 1<<12 {
			f.Add(src(tt.src))
		}
	}
	f.Add([]byte("shimgen: 1\ninterfaces:\n  - name: A\n    methods:\n      - name: M\n        params: f func(a ...int) (b struct{ c [3]x.Y[T] })\n"))
	f.Add([]byte("\uFEFFshimgen: 1\r\ninterfaces: [{name: A, methods: [{name: M, results: 'a, b int'}]}]\r\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("shimgen: 1\nimports:\n  meta: example.com/meta\ninterfaces:\n  - name: Log\n    methods:\n      - name: Tail\n        params: from int64\n        stream: ev *meta.Event\n        timeout: 1m\n      - {name: Read, stream: 'chunk []byte'}\n"))
	f.Add([]byte("shimgen: 1\ninterfaces:\n  - name: A\n    methods:\n      - name: M\n        params: each int\n        results: n int\n      - name: S\n        params: n int\n        stream: \"é Seq[K, func(...int) bool]\"\n"))
	f.Add([]byte("shimgen: 1\ninterfaces: [{name: A, methods: [{name: M, send: c int, stream: 'e ...T', results: e int}]}]\n"))
	f.Add([]byte("shimgen: 1\ninterfaces:\n  - name: Blob\n    methods:\n      - name: Upload\n        params: key string\n        send: chunk []byte\n        results: written int64\n        timeout: 1m\n"))
	f.Add([]byte("shimgen: 1\ninterfaces:\n  - name: Room\n    methods:\n      - {name: Chat, params: 'room string', send: 'out Message', stream: 'in Message'}\n      - {name: Sync, send: 'op func(...int) Op'}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse("fuzz.shim.yaml", data)
		switch {
		case file == nil && err == nil:
			t.Fatal("Parse returned neither a model nor an error")
		case file != nil && err != nil:
			t.Fatalf("Parse returned both a model and an error: %v", err)
		case err != nil:
			checkErrorList(t, err)
		default:
			checkModel(t, file)
		}
		checkPartial(t, data, err)
	})
}

// checkPartial checks ParsePartial against Parse: the same errors, and a
// partial model that holds no type in error.
func checkPartial(t *testing.T, data []byte, err error) {
	t.Helper()
	partial, errs := ParsePartial("fuzz.shim.yaml", data)
	if errs.Err() == nil != (err == nil) || err != nil && errs.Error() != err.Error() {
		t.Fatalf("ParsePartial errors:\n%v\nParse errors:\n%v", errs, err)
	}
	if partial == nil {
		return
	}
	for _, iface := range partial.Interfaces {
		for _, m := range iface.Methods {
			for _, p := range m.Items() {
				if p.bad || p.Type == nil {
					t.Errorf("partial model holds %s %q, whose type is in error", m.Name, p.Name)
				}
			}
		}
	}
}

// checkErrorList checks the invariants of a Parse error.
func checkErrorList(t *testing.T, err error) {
	t.Helper()
	list, ok := err.(ErrorList)
	if !ok || len(list) == 0 {
		t.Fatalf("error is %T with %d entries: %v", err, len(list), err)
	}
	for _, e := range list {
		if e.Pos.File != "fuzz.shim.yaml" || e.Pos.Line < 1 || e.Pos.Col < 1 || e.Msg == "" {
			t.Errorf("bad error %q at %+v", e.Msg, e.Pos)
		}
	}
	if !slices.IsSortedFunc(list, func(a, b *Error) int {
		return cmpPos(a.Pos, b.Pos)
	}) {
		t.Errorf("errors not sorted:\n%v", err)
	}
}

func cmpPos(a, b Pos) int {
	if a.Line != b.Line {
		return a.Line - b.Line
	}
	return a.Col - b.Col
}

// checkModel checks the invariants of a model: in particular, every type
// is a well-formed type expression whose text parses back to it.
func checkModel(t *testing.T, f *File) {
	t.Helper()
	if len(f.Interfaces) == 0 {
		t.Fatal("model without interfaces")
	}
	for _, it := range f.Interfaces {
		if len(it.Methods) == 0 || it.Name == "" || it.Pos.Line < 1 {
			t.Errorf("bad interface %+v", it)
		}
		for _, m := range it.Methods {
			checkMethod(t, f, m)
		}
	}
}

// checkMethod checks the invariants of a method: a stream or results, not
// both, stream and sent items that are not variadic, the kind the items
// make, no variadic parameter with a sent item, and names that are valid
// and appear once, the sent items' iterator's included.
func checkMethod(t *testing.T, f *File, m *Method) {
	t.Helper()
	if m.Stream != nil && (len(m.Results) > 0 || m.Stream.Variadic) {
		t.Errorf("method %q: bad stream %+v with %d results", m.Name, m.Stream, len(m.Results))
	}
	if m.Send != nil && (m.Send.Variadic || m.Variadic()) {
		t.Errorf("method %q: variadic sent item %+v or parameter", m.Name, m.Send)
	}
	if m.Kind != kindOf(m.Send != nil, m.Stream != nil) {
		t.Errorf("method %q: kind %v with send %v, stream %v", m.Name, m.Kind, m.Send, m.Stream)
	}
	seen := map[string]bool{}
	for _, p := range m.Items() {
		if p == m.Send && seen[m.SendsName()] {
			t.Errorf("method %q: the sent items' iterator %q has the name of a parameter", m.Name, m.SendsName())
		}
		checkParam(t, f, p, m.Kind)
		if seen[p.Name] {
			t.Errorf("method %q: name %q appears twice", m.Name, p.Name)
		}
		seen[p.Name] = true
	}
	if m.Send != nil && seen[m.SendsName()] {
		t.Errorf("method %q: the sent items' iterator %q has the name of another item", m.Name, m.SendsName())
	}
}

func checkParam(t *testing.T, f *File, p *Param, kind MethodKind) {
	t.Helper()
	if p.Type == nil || p.Name == "" || p.Pos.Line < 1 || IsReserved(p.Name, kind) {
		t.Fatalf("bad param %+v", p)
	}
	ast.Inspect(p.Type, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BadExpr:
			t.Errorf("param %q: bad expression in type %q", p.Name, p.TypeText)
		case *ast.SelectorExpr:
			if x, ok := n.X.(*ast.Ident); ok {
				if _, ok := f.ImportPath(x.Name); !ok {
					t.Errorf("param %q: unresolved qualifier %q", p.Name, x.Name)
				}
			}
		}
		return true
	})
	e, err := parser.ParseExpr(p.TypeText)
	if err != nil {
		t.Fatalf("param %q: TypeText %q does not parse: %v", p.Name, p.TypeText, err)
	}
	if got, want := types.ExprString(e), types.ExprString(p.Type); got != want {
		t.Errorf("param %q: TypeText %q parses as %s, Type is %s", p.Name, p.TypeText, got, want)
	}
}
