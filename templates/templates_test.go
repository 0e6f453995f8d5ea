package templates

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/spec"
)

func resolveStd(q string) (string, bool) {
	paths := map[string]string{"time": "time", "io": "io", "http": "net/http", "iter": "iter", "meta": "example.com/x/meta"}
	p, ok := paths[q]
	return p, ok
}

// TestType checks the translation of each kind of type expression, in the
// fragment style of jennifer's own tests: %#v renders the code.
func TestType(t *testing.T) {
	tests := []struct{ in, want string }{
		{"string", "string"},
		{"*Foo", "*Foo"},
		{"[]byte", "[]byte"},
		{"[4]string", "[4]string"},
		{"map[string][]int", "map[string][]int"},
		{"chan int", "chan int"},
		{"chan<- Event", "chan<- Event"},
		{"<-chan struct{}", "<-chan struct{}"},
		{"func(n int) (more bool)", "func(n int) (more bool)"},
		{"func(a, b int)", "func(a, b int)"},
		{"func(int, string) error", "func(int, string) error"},
		{"interface{}", "interface{}"},
		{"struct{ A, B int }", "struct {\n\tA int\n\tB int\n}"},
		{"struct{ A int `json:\"a\"`; B string \"x\" }", "struct {\n\tA int    `json:\"a\"`\n\tB string \"x\"\n}"},
		{"time.Duration", "time.Duration"},
		{"*http.Request", "*http.Request"},
		{"iter.Seq2[string, error]", "iter.Seq2[string, error]"},
		{"Pair[K]", "Pair[K]"},
		{"meta.Attrs", "meta.Attrs"},
	}
	for _, tt := range tests {
		expr, err := parser.ParseExpr(tt.in)
		if err != nil {
			t.Fatalf("%s: %v", tt.in, err)
		}
		c, err := Type(expr, resolveStd)
		if err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		// a bare func type would render as a declaration: put it in a var
		if got := fmt.Sprintf("%#v", jen.Var().Id("x").Add(c)); got != "var x "+tt.want {
			t.Errorf("Type(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTypeRejects(t *testing.T) {
	for _, in := range []string{"f()", "1 + 2", "[len(x)]int", "interface{ M() }", "nope.T"} {
		expr, err := parser.ParseExpr(in)
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if _, err := Type(expr, resolveStd); err == nil {
			t.Errorf("Type(%s): no error", in)
		}
	}
}

func TestDuration(t *testing.T) {
	tests := map[time.Duration]string{
		2 * time.Second:         "2 * time.Second",
		1500 * time.Millisecond: "1500 * time.Millisecond",
		90 * time.Minute:        "90 * time.Minute",
		3 * time.Hour:           "3 * time.Hour",
		1500:                    "time.Duration(1500)",
		7 * time.Microsecond:    "7 * time.Microsecond",
	}
	for d, want := range tests {
		if got := fmt.Sprintf("%#v", Duration(d)); got != want {
			t.Errorf("Duration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestLowerFirst(t *testing.T) {
	for in, want := range map[string]string{"Bucket": "bucket", "HTTPClient": "httpClient", "URL": "url", "X": "x", "IDs": "iDs", "ÉtatX": "étatX"} {
		if got := LowerFirst(in); got != want {
			t.Errorf("LowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFresh(t *testing.T) {
	taken := map[string]bool{"c": true, "c2": true}
	if got := Fresh("c", taken); got != "c3" {
		t.Errorf("Fresh = %q, want c3", got)
	}
	if got := Fresh("w", taken); got != "w" {
		t.Errorf("Fresh = %q, want w", got)
	}
}

// TestDocNeutralisesHostileText: nothing in a spec doc can end the comment,
// become a directive or smuggle control characters into the source.
func TestDocNeutralisesHostileText(t *testing.T) {
	hostile := "Get gets.\n//go:generate rm -rf /\ngo:linkname x y\n*/ func evil() {} /*\nline 1\x00\x1b[31m\u2028//line x.go:1\r\nend\n\n"
	f := jen.NewFile("p")
	for _, c := range Doc(hostile) {
		f.Add(c)
	}
	f.Func().Id("F").Params().Block()
	src := fmt.Sprintf("%#v", f)
	file, err := parser.ParseFile(token.NewFileSet(), "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatalf("generated source does not parse: %v\n%s", err, src)
	}
	if len(file.Decls) != 1 {
		t.Fatalf("doc text became code: %d declarations in\n%s", len(file.Decls), src)
	}
	for _, line := range strings.Split(src, "\n") {
		if strings.HasPrefix(line, "//go:") || strings.HasPrefix(line, "//line") || strings.HasPrefix(line, "/*") {
			t.Errorf("directive or block comment escaped into the source: %q", line)
		}
		if strings.ContainsAny(line, "\x00\x1b\r\u2028") {
			t.Errorf("control character in the source: %q", line)
		}
	}
	doc := file.Decls[0].(*ast.FuncDecl).Doc.Text()
	if !strings.Contains(doc, "*/ func evil() {} /*") || !strings.HasPrefix(doc, "Get gets.") {
		t.Errorf("doc text lost or mangled: %q", doc)
	}
}

func TestMethodDoc(t *testing.T) {
	tests := []struct {
		doc     string
		timeout time.Duration
		want    string
	}{
		{"Get gets.", 0, "Get gets."},
		{"Get gets.\n", 2 * time.Second, "Get gets.\n\nThe generated forms give each call a deadline of 2s."},
		{"", 1500 * time.Millisecond, "The generated forms give each call a deadline of 1.5s."},
	}
	for _, tt := range tests {
		if got := MethodDoc(&spec.Method{Doc: tt.doc, Kind: spec.Unary, Timeout: tt.timeout}); got != tt.want {
			t.Errorf("MethodDoc(%q, %v) = %q, want %q", tt.doc, tt.timeout, got, tt.want)
		}
	}
	stream := &spec.Method{Doc: "List lists.", Kind: spec.ServerStream, Timeout: 5 * time.Second, Stream: &spec.Param{Name: "entry", TypeText: "Entry"}}
	if got, want := MethodDoc(stream), "List lists.\n\nThe generated forms give the whole stream a deadline of 5s."; got != want {
		t.Errorf("MethodDoc of a stream = %q, want %q", got, want)
	}
	if got := DocLines("  \nGet gets.  \n\n"); strings.Join(got, "|") != "Get gets." {
		t.Errorf("DocLines trims blank edges and trailing spaces: got %q", got)
	}
}

// TestDigestCoversStream: a change to a stream's item, its name or its type,
// changes the guard; a method without a stream keeps its digest.
func TestDigestCoversStream(t *testing.T) {
	file := func(stream *spec.Param) *spec.File {
		m := &spec.Method{Name: "List", Kind: spec.Unary, Stream: stream}
		if stream != nil {
			m.Kind = spec.ServerStream
		}
		return &spec.File{Interfaces: []*spec.Interface{{Name: "S", Methods: []*spec.Method{m}}}}
	}
	digests := map[string]bool{}
	for _, item := range []*spec.Param{nil, {Name: "entry", TypeText: "Entry"}, {Name: "e", TypeText: "Entry"}, {Name: "e", TypeText: "*Entry"}} {
		d := Digest(file(item), "p")
		if digests[d] {
			t.Errorf("stream item %+v: digest %s repeats an earlier one", item, d)
		}
		digests[d] = true
	}
}
