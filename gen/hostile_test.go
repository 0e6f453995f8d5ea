package gen_test

import (
	"bytes"
	"flag"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/shimgen/shimgen/gen"
	"github.com/shimgen/shimgen/spec"
)

// hostileSpec is a spec of interface A with one method M whose params,
// results and docs are the arguments; empty ones are left out.
func hostileSpec(ifaceDoc, methodDoc, params, results string) string {
	var b strings.Builder
	b.WriteString("shimgen: 1\ninterfaces:\n  - name: A\n")
	if ifaceDoc != "" {
		fmt.Fprintf(&b, "    doc: %s\n", ifaceDoc)
	}
	b.WriteString("    methods:\n      - name: M\n")
	if methodDoc != "" {
		fmt.Fprintf(&b, "        doc: %s\n", methodDoc)
	}
	if params != "" {
		fmt.Fprintf(&b, "        params: %s\n", params)
	}
	if results != "" {
		fmt.Fprintf(&b, "        results: %s\n", results)
	}
	return b.String()
}

func generateOne(src string) ([]gen.File, error) {
	return gen.Generate(gen.Package{Dir: ".", DirName: "hostile", Declared: localNames,
		Specs: []gen.Input{{Name: "h.shim.yaml", Data: []byte(src)}}})
}

// directive matches what a Go tool reads as a directive: //go:... lines
// (go generate reads them anywhere, even inside strings), //line and
// /*line comments, and block comments that could swallow code.
var directive = regexp.MustCompile(`(?m)^\s*(//go:|//line |/\*)`)

// checkNeutral checks generated files: no directive or block comment after
// the header, no control character but tab and newline, no Unicode line
// separator, and code that type-checks.
func checkNeutral(t *testing.T, files []gen.File) {
	t.Helper()
	for _, f := range files {
		_, body, _ := strings.Cut(string(f.Data), "\npackage ")
		if m := directive.FindString(body); m != "" {
			t.Errorf("%s: directive or block comment in the output: %q\n%s", f.Path, m, f.Data)
		}
		for i, r := range string(f.Data) {
			if r < ' ' && r != '\t' && r != '\n' || r == 0x7f || r == '\u2028' || r == '\u2029' || r == '\u0085' || r == '\uFEFF' {
				t.Errorf("%s: control or separator character %U at byte %d", f.Path, r, i)
				break
			}
		}
	}
	if err := typeCheck(theImporter(t), files, localDecls); err != nil {
		t.Errorf("generated code does not type-check: %v\n%s", err, dumpFiles(files))
	}
}

// TestHostileDocs: doc text cannot end its comment, become a directive or
// carry control characters into the source; its words survive.
func TestHostileDocs(t *testing.T) {
	for _, doc := range []string{
		`"go:generate rm -rf /"`,
		`"//go:generate rm -rf /"`,
		`"x\n//go:generate rm -rf /\ngo:linkname f runtime.f\n//go:build ignore\ngo:build ignore\nline x.go:1\n//line x.go:1\n/*line x.go:1*/"`,
		`"x */ func init() { panic(1) } /* y"`,
		`"*/\nfunc init() { panic(1) }\n/*"`,
		`"nul\0bell\aesc\e[31mdel\x7fc1\x85"`,
		`"a\u2028//go:generate rm -rf /\u2029//line x.go:1"`,
		`"cr\r//go:generate rm -rf /\r\n//go:noinline"`,
		`"\uFEFF//go:embed x"`,
		"|\n          Line one.\n          //go:generate rm -rf /\n\n            //go:linkname indented\n",
		`"\t//go:generate tab first"`,
	} {
		t.Run(doc, func(t *testing.T) {
			files, err := generateOne(hostileSpec(doc, doc, "a int", ""))
			if err != nil {
				t.Fatal(err)
			}
			checkNeutral(t, files)
			if !bytes.Contains(files[1].Data, []byte("go:generate")) && strings.Contains(doc, "go:generate") {
				t.Errorf("doc text dropped:\n%s", files[1].Data)
			}
		})
	}
}

// TestHostileTypes: type strings that are expressions or statements are
// errors; struct tags, the one verbatim text of a type, are neutralised.
func TestHostileTypes(t *testing.T) {
	tests := []struct {
		params string
		want   string // an expected error, or "" for code that must be neutral
	}{
		{`'a func() { os.Exit(1) }'`, `missing ',' in parameter list`},
		{`'a [len("x")]int'`, `array length "len(\"x\")" must be a non-negative integer literal`},
		{`'a [unsafe.Sizeof(0)]int'`, `must be a non-negative integer literal`},
		{`'a struct{ X int; func init() {} }'`, `params "a struct{ X int; func init() {} }"`},
		{`'a []int{1}'`, `params "a []int{1}"`},
		{`'a map[string]int{"x": 1}'`, `params "a map[string]int{\"x\": 1}"`},
		{`'a int); func init() { os.Exit(1) }; func f(b int'`, `unexpected ")"`},
		{`'a interface{ M() }'`, `only the empty interface{} can be written in a spec`},
		{`'a (func())(nil)'`, `params "a (func())(nil)"`},
		{`'a int /* x */'`, `comments are not allowed`},
		{`'a int //go:generate rm -rf /'`, `comments are not allowed`},
		{"\"a struct{ X int `x\\n//go:generate rm -rf /\\n` }\"", ""},
		{"|\n          a struct{ X int `json:\"x\"\n          //go:generate rm -rf /\n          //line x.go:1\n          ` }", ""},
		{`"a struct{ X int \"\\n//go:generate x\" }"`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.params, func(t *testing.T) {
			files, err := generateOne(hostileSpec("", "", tt.params, ""))
			switch {
			case tt.want == "" && err != nil:
				t.Fatal(err)
			case tt.want == "":
				checkNeutral(t, files)
			case err == nil:
				t.Fatalf("no error; want %q", tt.want)
			default:
				checkErrorList(t, err, "h.shim.yaml")
				if !strings.Contains(err.Error(), tt.want) {
					t.Errorf("error %q does not contain %q", err, tt.want)
				}
			}
		})
	}
}

// TestHostileNames: keywords are errors; predeclared names, names of the
// generated code's imports and Unicode look-alikes either are errors or
// give code that type-checks.
func TestHostileNames(t *testing.T) {
	tests := []struct {
		spec string
		want string // an expected error, or "" for code that type-checks
	}{
		{hostileSpec("", "", "func int", ""), `expected '(', found int`},
		{hostileSpec("", "", "'a int, type string'", ""), `params "a int, type string"`},
		{hostileSpec("", "", "'go int'", ""), `params "go int"`},
		{hostileSpec("", "", "", "'range int'"), `results "range int"`},
		{strings.Replace(hostileSpec("", "", "", ""), "name: M", "name: Func", 1), ""},
		{strings.Replace(hostileSpec("", "", "", ""), "name: A", "name: Type", 1), ""},
		{strings.Replace(hostileSpec("", "", "a int", ""), "name: M", "name: func", 1), `method name "func" is a Go keyword`},
		{hostileSpec("", "", "'nil int'", ""), `parameter "nil" would shadow`},
		{hostileSpec("", "", "'string int, error bool, len []string, int string, any error, true bool, iota int'", "'false error, cap int, new any, make bool'"), ""},
		{hostileSpec("", "", "'append func(), copy func(), panic int, recover int, print string, clear bool, min int, max int'", "'close bool, complex int, real int, imag int'"), ""},
		{hostileSpec("", "", "'context int, runtimes string, time bool, iter int'", "'c int, w int'"), ""},
		{hostileSpec("", "", "'a int, а int'", "'Entry Entry, ID ID'"), `parameter "а" looks like parameter "a"`}, // Latin a and Cyrillic а
		{hostileSpec("", "", "'time time.Duration, io io.Reader'", "'context context.Context'"), ""},
		{strings.Replace(hostileSpec("", "", "a int", ""), "name: A", "name: Аpi", 1), ""},                                                                                        // Cyrillic А
		{strings.Replace(hostileSpec("", "", "a int", ""), "- name: A", "- name: Api\n    methods: [{name: M}]\n  - name: Аpi", 1), `interface "Аpi" looks like interface "Api"`}, // both
		{hostileSpec("", "", "'ａ int'", ""), ""},                                                                                                                                  // fullwidth letter
		{hostileSpec("", "", "'a\u200bb int'", ""), `params "a\u200bb int"`},
		{hostileSpec("", "", "'Ⅻ int'", ""), `params "Ⅻ int"`},
	}
	for _, tt := range tests {
		t.Run(tt.spec[strings.Index(tt.spec, "- name: A")+9:], func(t *testing.T) {
			files, err := generateOne(tt.spec)
			switch {
			case tt.want == "" && err != nil:
				t.Fatal(err)
			case tt.want == "":
				checkNeutral(t, files)
			case err == nil:
				t.Fatalf("no error; want %q", tt.want)
			default:
				checkErrorList(t, err, "h.shim.yaml")
				if !strings.Contains(err.Error(), tt.want) {
					t.Errorf("error %q does not contain %q", err, tt.want)
				}
			}
		})
	}
}

// TestHostileDocuments: alias bombs and deep nesting end in an error (the
// bound is the parser's, asserted by the error, not by a clock).
func TestHostileDocuments(t *testing.T) {
	bomb := "shimgen: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for i := 'b'; i <= 'j'; i++ {
		bomb += fmt.Sprintf("%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	bomb = strings.Replace(bomb, "\nj: ", "\ninterfaces: ", 1)
	tests := []struct {
		name, src, want string
	}{
		{"billion laughs", bomb, "h.shim.yaml:2:1: unknown key"},
		{"deep flow", "shimgen: 1\ninterfaces: " + strings.Repeat("[", 50_000), "h.shim.yaml:"},
		{"deep block", "shimgen: 1\ninterfaces:\n" + strings.Repeat("- ", 50_000) + "x\n", "h.shim.yaml:"},
		{"deep type", hostileSpec("", "", "a "+strings.Repeat("[]", 100_000)+"int", ""), "h.shim.yaml:"},
		{"deep func", hostileSpec("", "", "a "+strings.Repeat("func(", 100_000)+strings.Repeat(")", 100_000), ""), "h.shim.yaml:"},
		{"self alias", "shimgen: 1\na: &a [*a]\ninterfaces: [{name: A, methods: [{name: M}]}]\n", "h.shim.yaml:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := generateOne(tt.src)
			if err == nil {
				t.Fatal("no error")
			}
			checkErrorList(t, err, "h.shim.yaml")
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %.300q does not contain %q", err, tt.want)
			}
		})
	}
}

var largeSpec = flag.Bool("large", false, "TestHostileLargeSpec generates a spec of spec.MaxMethods methods (minutes under -race)")

// TestHostileLargeSpec: a spec of 1000 methods (with -large, as many as a
// spec may hold) generates code that type-checks. The default keeps the
// test to seconds on a loaded machine under the race detector.
func TestHostileLargeSpec(t *testing.T) {
	n := 1000
	switch {
	case *largeSpec:
		n = spec.MaxMethods
	case testing.Short():
		n = 200
	}
	var b strings.Builder
	b.WriteString("shimgen: 1\ninterfaces:\n  - name: Big\n    methods:\n")
	for i := range n {
		fmt.Fprintf(&b, "      - name: M%d\n        params: key string, opts ...func(*Options)\n", i)
		if i%2 == 0 {
			b.WriteString("        results: n int, e Entry\n        timeout: 1s\n")
		} else {
			b.WriteString("        stream: e Entry\n")
		}
	}
	files, err := generateOne(b.String())
	if err != nil {
		t.Fatal(err)
	}
	if err := typeCheck(theImporter(t), files, localDecls); err != nil {
		t.Fatalf("%d methods: %v", n, err)
	}
}

// TestHostileLineEnds: CRLF line ends and a byte order mark change nothing
// in the output.
func TestHostileLineEnds(t *testing.T) {
	lf := "# comment\nshimgen: 1\ninterfaces:\n  - name: A\n    doc: |\n      Line one.\n\n      Line three.\n    methods:\n      - name: M\n        doc: >\n          folded\n          text\n        params: |\n          a int,\n          b string\n        results: 'n int'\n        timeout: 2s\n      - {name: S, params: \"x int,\\r\\ny int\", stream: 'e Entry'}\n"
	want, err := generateOne(lf)
	if err != nil {
		t.Fatal(err)
	}
	crlf := strings.ReplaceAll(lf, "\n", "\r\n")
	for name, src := range map[string]string{"crlf": crlf, "bom": "\uFEFF" + lf, "bom+crlf": "\uFEFF" + crlf} {
		got, err := generateOne(src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i := range want {
			if !bytes.Equal(got[i].Data, want[i].Data) {
				t.Errorf("%s: %s differs from the LF spec's:\n%s", name, got[i].Path, got[i].Data)
			}
		}
	}
}
