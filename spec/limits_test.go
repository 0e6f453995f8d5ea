package spec

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestParseAliasLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("shimgen: 1\ninterfaces:\n  - &i\n    name: A\n    methods:\n      - &m {name: M, params: a int}\n")
	for range 2000 {
		b.WriteString("      - *m\n")
	}
	for range 1000 {
		b.WriteString("  - *i\n")
	}
	start := time.Now()
	_, err := Parse("test.shim.yaml", []byte(b.String()))
	if elapsed := time.Since(start); elapsed > 10*time.Second {
		t.Errorf("Parse took %v", elapsed)
	}
	if err == nil || !strings.Contains(err.Error(), "YAML aliases expand to more than 100000 nodes; write the spec out") {
		t.Fatalf("want an alias error, got %v", err)
	}
	if n := strings.Count(err.Error(), "YAML aliases expand"); n != 1 {
		t.Errorf("alias error reported %d times", n)
	}
}

func TestParseDeepNesting(t *testing.T) {
	for _, s := range []string{
		"shimgen: 1\ninterfaces: " + strings.Repeat("[", 100_000),
		"shimgen: 1\ninterfaces: " + strings.Repeat("- ", 100_000),
		"shimgen: 1\ninterfaces:\n  - name: A\n    methods:\n      - name: M\n        params: a " + strings.Repeat("[]", 200_000) + "int\n",
		"shimgen: 1\ninterfaces:\n  - name: A\n    methods:\n      - name: M\n        params: a " + strings.Repeat("*", 200_000) + "int\n",
	} {
		_, err := Parse("test.shim.yaml", []byte(s))
		if err == nil {
			t.Errorf("%.40q...: no error", s)
		}
	}
}

func TestParseLargeLegal(t *testing.T) {
	if testing.Short() {
		t.Skip("parses 8 MiB")
	}
	// A spec just under the limit is parsed.
	var b strings.Builder
	b.WriteString("shimgen: 1\ninterfaces:\n  - name: A\n    methods:\n      - name: M\n")
	b.WriteString(strings.Repeat("# padding\n", (MaxSize-b.Len())/10))
	if _, err := Parse("test.shim.yaml", []byte(b.String())); err != nil {
		t.Fatal(err)
	}
}

// bigSpec returns a spec with n methods.
func bigSpec(n int) []byte {
	var b strings.Builder
	b.WriteString("shimgen: 1\nimports:\n  meta: example.com/blob/meta\ninterfaces:\n  - name: Bucket\n    doc: Bucket stores blobs.\n    methods:\n")
	for i := range n {
		fmt.Fprintf(&b, "      - name: Method%d\n", i)
		b.WriteString("        doc: Method does things.\n")
		b.WriteString("        params: key string, data []byte, attrs meta.Attrs, opts ...func(*Options)\n")
		b.WriteString("        results: found bool, m map[string][]time.Duration\n")
		b.WriteString("        timeout: 2s\n")
	}
	return []byte(b.String())
}

func BenchmarkParse1000Methods(b *testing.B) {
	data := bigSpec(1000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := Parse("bench.shim.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

func TestParseTooManyErrors(t *testing.T) {
	data := "shimgen: 1\n" + strings.Repeat("unknown: 1\n", 1500)
	_, err := Parse("test.shim.yaml", []byte(data))
	list, ok := err.(ErrorList)
	if !ok || len(list) != maxErrors+1 {
		t.Fatalf("got %d errors, want %d", len(list), maxErrors+1)
	}
	if got, want := list[len(list)-1].Error(), "test.shim.yaml:1001:1: too many errors: only the first 1000 are reported"; got != want {
		t.Errorf("last error = %q, want %q", got, want)
	}
}

func TestParseEmptyDocumentsAfter(t *testing.T) {
	const spec = "shimgen: 1\ninterfaces: [{name: A, methods: [{name: M}]}]\n"
	for _, tail := range []string{"---\n", "...\n", "---\n# comment\n---\n~\n"} {
		if _, err := Parse("test.shim.yaml", []byte(spec+tail)); err != nil {
			t.Errorf("%q: %v", tail, err)
		}
	}
	_, err := Parse("test.shim.yaml", []byte(spec+strings.Repeat("---\n", maxDocuments+1)))
	if want := "test.shim.yaml:1:1: a spec holds one YAML document, not more than 100"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestTypeDepthLimit(t *testing.T) {
	spec := func(typ string) []byte {
		return []byte("shimgen: 1\ninterfaces:\n  - name: A\n    methods:\n      - name: M\n        params: a " + typ + "\n")
	}
	if _, err := Parse("test.shim.yaml", spec(strings.Repeat("map[int]", MaxTypeDepth-1)+"int")); err != nil {
		t.Errorf("a type at the limit: %v", err)
	}
	for _, typ := range []string{
		strings.Repeat("map[int]", 20_000) + "int",
		strings.Repeat("func(", 100) + strings.Repeat(")", 100),
		strings.Repeat("[]", MaxTypeDepth) + "int",
	} {
		_, err := Parse("test.shim.yaml", spec(typ))
		want := fmt.Sprintf(`test.shim.yaml:6:19: interface "A": method "M": type is nested more than %d levels deep; name a type in Go instead`, MaxTypeDepth)
		if err == nil || err.Error() != want {
			t.Errorf("%.20s…: %v, want %s", typ, err, want)
		}
	}
}

// TestParseMethodLimit: a spec of MaxMethods methods over two interfaces
// is read; one more is an error at the first method past the limit.
func TestParseMethodLimit(t *testing.T) {
	spec := func(n int) []byte {
		var b strings.Builder
		b.WriteString("shimgen: 1\ninterfaces:\n")
		for i := range n {
			if i == 0 || i == MaxMethods/2 {
				fmt.Fprintf(&b, "  - name: I%d\n    methods:\n", i)
			}
			fmt.Fprintf(&b, "      - name: M%d\n", i)
		}
		return []byte(b.String())
	}
	if _, err := Parse("test.shim.yaml", spec(MaxMethods)); err != nil {
		t.Fatalf("%d methods: %v", MaxMethods, err)
	}
	_, err := Parse("test.shim.yaml", spec(MaxMethods+2))
	want := fmt.Sprintf("test.shim.yaml:%d:9: too many methods: a spec holds at most %d; split the interfaces over several specs", MaxMethods+7, MaxMethods)
	if err == nil || err.Error() != want {
		t.Fatalf("%d methods: error\n%v\nwant\n%s", MaxMethods+2, err, want)
	}
}
