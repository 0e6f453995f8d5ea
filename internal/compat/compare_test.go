package compat

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shimgen/shimgen/spec"
)

// specOf builds a spec of package p declaring interface S with the given
// methods (YAML list items, indented for the methods key) and imports.
func specOf(imports, methods string) string {
	s := "shimgen: 1\npackage: p\n"
	if imports != "" {
		s += "imports:\n" + imports
	}
	return s + "interfaces:\n  - name: S\n    methods:\n" + methods
}

func parse(t *testing.T, name, src string) *spec.File {
	t.Helper()
	f, err := spec.Parse(name, []byte(src))
	if err != nil {
		t.Fatalf("%s does not parse:\n%v\n%s", name, err, src)
	}
	return f
}

func TestCompare(t *testing.T) {
	const get = "      - name: Get\n        params: key string\n        results: data []byte, found bool\n"
	tests := []struct {
		name     string
		old, new string
		want     []string
	}{
		{"identical", specOf("", get), specOf("", get), nil},
		{"compatible edits",
			specOf("", "      - name: Get\n        params: key string\n        results: data []byte, found bool\n      - name: Ping\n"),
			specOf("", "      - name: Ping\n        doc: Ping checks.\n        timeout: 2s\n      - name: Get\n        params:  k  string\n        results: d []uint8, ok bool\n"),
			nil},
		{"method removed",
			specOf("", get+"      - name: Ping\n"),
			specOf("", get),
			[]string{`breaking old:9:15: interface "S": method "Ping": method removed`}},
		{"method added",
			specOf("", get),
			specOf("", get+"      - name: Ping\n"),
			[]string{`implementers new:9:15: interface "S": method "Ping": method added: implementations of the blocking and callback interfaces (mocks, other backends) must add it`}},
		{"interface removed, interface added",
			specOf("", get),
			"shimgen: 1\npackage: p\ninterfaces:\n  - name: T\n    methods:\n      - name: Ping\n",
			[]string{`breaking old:4:11: interface "S": interface removed`}},
		{"package renamed",
			specOf("", get),
			strings.Replace(specOf("", get), "package: p", "package: q", 1),
			[]string{`breaking new:2:10: package name changed from p to q`}},
		{"param type changed",
			specOf("", get),
			specOf("", "      - name: Get\n        params: key int\n        results: data []byte, found bool\n"),
			[]string{`breaking new:7:17: interface "S": method "Get": parameter "key": type changed from string to int`}},
		{"param added",
			specOf("", get),
			specOf("", "      - name: Get\n        params: key string, n int\n        results: data []byte, found bool\n"),
			[]string{`breaking new:7:29: interface "S": method "Get": parameter "n" (int) added`}},
		{"param removed",
			specOf("", get),
			specOf("", "      - name: Get\n        results: data []byte, found bool\n"),
			[]string{`breaking new:6:15: interface "S": method "Get": parameter "key" (string) removed`}},
		{"params reordered, same types",
			specOf("", "      - name: Put\n        params: a, b string\n"),
			specOf("", "      - name: Put\n        params: b, a string\n"),
			[]string{`breaking new:7:17: interface "S": method "Put": parameters reordered from (a string, b string) to (b string, a string)`}},
		{"params moved",
			specOf("", "      - name: Put\n        params: a string, b int\n"),
			specOf("", "      - name: Put\n        params: b int, a string\n"),
			[]string{
				`breaking new:7:17: interface "S": method "Put": parameter "b" moved from position 2 to 1`,
				`breaking new:7:24: interface "S": method "Put": parameter "a" moved from position 1 to 2`,
			}},
		{"param list rewritten",
			specOf("", "      - name: Put\n        params: a string, b int, c bool\n"),
			specOf("", "      - name: Put\n        params: a string, c bool\n"),
			[]string{`breaking new:6:15: interface "S": method "Put": parameters changed from (a string, b int, c bool) to (a string, c bool)`}},
		{"variadic added",
			specOf("", "      - name: Put\n        params: keys []string\n"),
			specOf("", "      - name: Put\n        params: keys ...string\n"),
			[]string{`breaking new:7:17: interface "S": method "Put": parameter "keys": type changed from []string to ...string`}},
		{"variadic removed",
			specOf("", "      - name: Put\n        params: keys ...string\n"),
			specOf("", "      - name: Put\n        params: keys string\n"),
			[]string{`breaking new:7:17: interface "S": method "Put": parameter "keys" is no longer variadic (string)`}},
		{"result type changed",
			specOf("", get),
			specOf("", "      - name: Get\n        params: key string\n        results: data string, found bool\n"),
			[]string{`breaking new:8:18: interface "S": method "Get": result "data": type changed from []byte to string`}},
		{"result added",
			specOf("", get),
			specOf("", get[:len(get)-1]+", n int\n"),
			[]string{`breaking new:8:43: interface "S": method "Get": result "n" (int) added`}},
		{"results reordered",
			specOf("", get),
			specOf("", "      - name: Get\n        params: key string\n        results: found bool, data []byte\n"),
			[]string{
				`breaking new:8:18: interface "S": method "Get": result "found" moved from position 2 to 1`,
				`breaking new:8:30: interface "S": method "Get": result "data" moved from position 1 to 2`,
			}},
		{"results to stream",
			specOf("", get),
			specOf("", "      - name: Get\n        params: key string\n        stream: chunk []byte\n"),
			[]string{`breaking new:8:17: interface "S": method "Get": results (data []byte, found bool) replaced by a stream of []byte`}},
		{"no results to stream",
			specOf("", "      - name: List\n"),
			specOf("", "      - name: List\n        stream: key string\n"),
			[]string{`breaking new:7:17: interface "S": method "List": results () replaced by a stream of string`}},
		{"stream to results",
			specOf("", "      - name: List\n        stream: key string\n"),
			specOf("", "      - name: List\n        results: keys []string\n"),
			[]string{`breaking new:6:15: interface "S": method "List": stream of string replaced by results (keys []string)`}},
		{"stream item type changed",
			specOf("", "      - name: List\n        stream: key string\n"),
			specOf("", "      - name: List\n        stream: key []byte\n"),
			[]string{`breaking new:7:17: interface "S": method "List": stream item type changed from string to []byte`}},
		{"stream item renamed",
			specOf("", "      - name: List\n        stream: key string\n"),
			specOf("", "      - name: List\n        stream: k string\n"),
			nil},
		{"unary to client stream",
			specOf("", "      - name: Put\n        params: key string\n        results: n int64\n"),
			specOf("", "      - name: Put\n        params: key string\n        send: chunk []byte\n        results: n int64\n"),
			[]string{`breaking new:8:15: interface "S": method "Put": sends items of []byte now: a unary method became a client stream`}},
		{"client stream to unary",
			specOf("", "      - name: Put\n        params: key string\n        send: chunk []byte\n        results: n int64\n"),
			specOf("", "      - name: Put\n        params: key string, data []byte\n        results: n int64\n"),
			[]string{
				`breaking new:6:15: interface "S": method "Put": no longer sends items of []byte: a client stream became a unary method`,
				`breaking new:7:29: interface "S": method "Put": parameter "data" ([]byte) added`,
			}},
		{"server stream to bidirectional stream",
			specOf("", "      - name: Watch\n        stream: ev Event\n"),
			specOf("", "      - name: Watch\n        send: op Op\n        stream: ev Event\n"),
			[]string{`breaking new:7:15: interface "S": method "Watch": sends items of Op now: a server stream became a bidirectional stream`}},
		{"bidirectional stream to server stream",
			specOf("", "      - name: Watch\n        send: op Op\n        stream: ev Event\n"),
			specOf("", "      - name: Watch\n        stream: ev Event\n"),
			[]string{`breaking new:6:15: interface "S": method "Watch": no longer sends items of Op: a bidirectional stream became a server stream`}},
		{"client stream to bidirectional stream",
			specOf("", "      - name: Sync\n        send: op Op\n        results: n int\n"),
			specOf("", "      - name: Sync\n        send: op Op\n        stream: ack Ack\n"),
			[]string{`breaking new:8:17: interface "S": method "Sync": results (n int) replaced by a stream of Ack`}},
		{"sent item type changed",
			specOf("", "      - name: Put\n        send: chunk []byte\n"),
			specOf("", "      - name: Put\n        send: chunk string\n"),
			[]string{`breaking new:7:15: interface "S": method "Put": sent item type changed from []byte to string`}},
		{"sent item renamed",
			specOf("", "      - name: Chat\n        params: room string\n        send: out Message\n        stream: in Message\n"),
			specOf("", "      - name: Chat\n        params: room string\n        send: msg Message\n        stream: in Message\n"),
			nil},
		{"import narrowed in a sent item",
			specOf("  rand: math/rand\n", "      - name: Seed\n        send: r *rand.Rand\n"),
			specOf("  rand: math/rand/v2\n", "      - name: Seed\n        send: r *rand.Rand\n"),
			[]string{`breaking new:9:15: interface "S": method "Seed": sent item type *rand.Rand changed: "rand" now imports "math/rand/v2" (was "math/rand")`}},
		{"import path changed",
			specOf("  meta: example.com/a/meta\n", "      - name: Put\n        params: attrs meta.Attrs\n"),
			specOf("  meta: example.com/b/meta\n", "      - name: Put\n        params: attrs meta.Attrs\n"),
			[]string{`breaking new:9:17: interface "S": method "Put": parameter "attrs": type meta.Attrs changed: "meta" now imports "example.com/b/meta" (was "example.com/a/meta")`}},
		{"import narrowed in a stream item",
			specOf("  rand: math/rand\n", "      - name: Seed\n        stream: r *rand.Rand\n"),
			specOf("  rand: math/rand/v2\n", "      - name: Seed\n        stream: r *rand.Rand\n"),
			[]string{`breaking new:9:17: interface "S": method "Seed": stream item type *rand.Rand changed: "rand" now imports "math/rand/v2" (was "math/rand")`}},
		{"qualifier renamed, same path",
			specOf("  meta: example.com/a/meta\n", "      - name: Put\n        params: attrs map[string]meta.Attrs\n"),
			specOf("  m: example.com/a/meta\n", "      - name: Put\n        params: attrs map[string]m.Attrs\n"),
			nil},
		{"redundant stdlib import dropped",
			specOf("  json: encoding/json\n", "      - name: Put\n        params: v json.RawMessage\n"),
			specOf("", "      - name: Put\n        params: v json.RawMessage\n"),
			nil},
		{"identical func and interface types",
			specOf("", "      - name: Put\n        params: f func(a, b int) (n any), x [](*interface{})\n"),
			specOf("", "      - name: Put\n        params: f func(int, int) any, x []*any\n"),
			nil},
		{"struct field names matter",
			specOf("", "      - name: Put\n        params: v struct{ byte int }\n"),
			specOf("", "      - name: Put\n        params: v struct{ uint8 int }\n"),
			[]string{`breaking new:7:17: interface "S": method "Put": parameter "v": type changed from struct{ byte int } to struct{ uint8 int }`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lines(Compare([]*spec.File{parse(t, "old", tt.old)}, []*spec.File{parse(t, "new", tt.new)}))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Compare (-want +got):\n%s", diff)
			}
		})
	}
}

// lines formats changes as "kind file:line:col: subject: message".
func lines(cs []Change) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Kind.String()+" "+c.String())
	}
	return out
}

// TestCompareFiles covers a package of several specs: interfaces match by
// name across them, and changes come sorted by file and position.
func TestCompareFiles(t *testing.T) {
	a := "shimgen: 1\ninterfaces:\n  - name: A\n    methods:\n      - name: Get\n      - name: Put\n"
	b := "shimgen: 1\ninterfaces:\n  - name: B\n    methods:\n      - name: Get\n"
	bWithA := b + "  - name: A\n    methods:\n      - name: Get\n        params: n int\n"
	old := []*spec.File{parse(t, "a.shim.yaml", a), parse(t, "b.shim.yaml", b)}
	new := []*spec.File{parse(t, "b.shim.yaml", bWithA), parse(t, "c.shim.yaml", "shimgen: 1\ninterfaces:\n  - name: C\n    methods:\n      - name: Get\n")}
	want := []string{
		`breaking a.shim.yaml:6:15: interface "A": method "Put": method removed`,
		`breaking b.shim.yaml:9:17: interface "A": method "Get": parameter "n" (int) added`,
	}
	if diff := cmp.Diff(want, lines(Compare(old, new))); diff != "" {
		t.Errorf("Compare (-want +got):\n%s", diff)
	}
	if got := Compare(nil, new); len(got) != 0 {
		t.Errorf("Compare(nil, new) = %v, want no changes", got)
	}
	if got := lines(Compare(old, nil)); len(got) != 2 {
		t.Errorf("Compare(old, nil) = %q, want A and B removed", got)
	}
}
