package spec

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// src trims the newline that starts a raw-string spec in a test table, so
// that the spec's first line is the line after the opening backquote.
func src(s string) []byte {
	return []byte(strings.TrimPrefix(s, "\n"))
}

// errorLines returns the lines of err, an ErrorList.
func errorLines(t *testing.T, err error) []string {
	t.Helper()
	list, ok := err.(ErrorList)
	if !ok {
		t.Fatalf("error is %T, not ErrorList: %v", err, err)
	}
	lines := make([]string, len(list))
	for i, e := range list {
		lines[i] = e.Error()
	}
	return lines
}

var errorTests = []struct {
	name string
	src  string
	want []string
}{
	// The document as a whole.
	{"empty", ``, []string{
		"test.shim.yaml:1:1: spec is empty: expected a mapping starting with \"shimgen: 1\"",
	}},
	{"comments only", "# nothing here\n", []string{
		"test.shim.yaml:1:1: spec is empty: expected a mapping starting with \"shimgen: 1\"",
	}},
	{"null document", "---\n", []string{
		"test.shim.yaml:1:1: spec is empty: expected a mapping starting with \"shimgen: 1\"",
	}},
	{"yaml syntax", `
shimgen: 1
interfaces: [
`, []string{
		"test.shim.yaml:2:13: invalid YAML: did not find expected node content",
	}},
	{"yaml syntax after a mapping's start", `
shimgen: 1
interfaces:
  - name: A
    methods:
      - name: M
        params: key string
        results: []string
`, []string{
		"test.shim.yaml:7:20: invalid YAML: did not find expected key",
	}},
	{"yaml syntax deep in a long mapping", `
shimgen: 1
interfaces:
  - name: A
    methods:
      - name: M1
      - name: M2
      - name: M3
      - name: M4
        doc: "unterminated
`, []string{
		"test.shim.yaml:9:14: invalid YAML: found unexpected end of stream",
	}},
	{"invalid UTF-8 on a later line", "shimgen: 1\ninterfaces:\n  - name: A\n    methods:\n      - name: M\n        doc: bad \xff here\n", []string{
		"test.shim.yaml:6:18: invalid YAML: invalid leading UTF-8 octet",
	}},
	{"confusable names", `
shimgen: 1
interfaces:
  - name: Store
    methods:
      - name: Get
        params: key string, kеy int
  - name: Ѕtore
    methods:
      - name: Gеt
`, []string{
		"test.shim.yaml:6:29: interface \"Store\": method \"Get\": parameter \"kеy\" looks like parameter \"key\" at 6:17 but is spelt with other characters (\"е\" is U+0435); rename one of them",
		"test.shim.yaml:7:11: interface \"Ѕtore\" looks like interface \"Store\" at 3:11 but is spelt with other characters (\"Ѕ\" is U+0405); rename one of them",
		"test.shim.yaml:9:15: interface \"Ѕtore\": method \"Gеt\" looks like method \"Get\" at 5:15 but is spelt with other characters (\"е\" is U+0435); rename one of them",
	}},
	{"bidirectional controls in docs", "shimgen: 1\ninterfaces:\n  - name: A\n    doc: \"Safe \u202Eevil\"\n    methods:\n      - name: M\n        doc: |\n          x \u2066y\n", []string{
		"test.shim.yaml:4:16: interface \"A\": doc holds the bidirectional control character U+202E, which makes text display in another order than it is read; remove it",
		"test.shim.yaml:7:14: interface \"A\": method \"M\": doc holds the bidirectional control character U+2066, which makes text display in another order than it is read; remove it",
	}},
	{"yaml syntax no line", "\tshimgen: 1\n", []string{
		"test.shim.yaml:1:1: invalid YAML: found character that cannot start any token",
	}},
	{"root list", "- shimgen: 1\n", []string{
		"test.shim.yaml:1:1: a spec must be a mapping with the keys shimgen, package, imports, interfaces, not a list",
	}},
	{"root string", "hello\n", []string{
		"test.shim.yaml:1:1: a spec must be a mapping with the keys shimgen, package, imports, interfaces, not the string \"hello\"",
	}},
	{"two documents", `
shimgen: 1
interfaces:
  - name: A
    methods:
      - name: M
---
shimgen: 1
`, []string{
		"test.shim.yaml:6:1: a spec holds one YAML document: remove this one or move it to its own file",
	}},
	{"too large", "shimgen: 1\n" + strings.Repeat("#", MaxSize), []string{
		"test.shim.yaml:1:1: spec is too large (8388619 bytes; the limit is 8388608)",
	}},
	// The root mapping.
	{"missing required keys", `
package: blob
`, []string{
		"test.shim.yaml:1:1: missing required key \"shimgen\": add \"shimgen: 1\" to declare the format version",
		"test.shim.yaml:1:1: missing required key \"interfaces\"",
	}},
	{"unsupported version", `
shimgen: 2
interface: {}
`, []string{
		"test.shim.yaml:1:10: unsupported format version 2 (this shimgen reads version 1)",
	}},
	{"version not an integer", `
shimgen: "1"
interfaces:
  - name: A
    methods:
      - name: M
`, []string{
		"test.shim.yaml:1:10: shimgen must be the format version, the integer 1, not the string \"1\"",
	}},
	{"version a list", `
shimgen: [1]
interfaces:
  - name: A
    methods:
      - name: M
`, []string{
		"test.shim.yaml:1:10: shimgen must be the format version, the integer 1, not a list",
	}},
	{"unknown and duplicate keys", `
shimgen: 1
shimgen: 1
packge: blob
color: blue
<<: {a: b}
[x]: y
interfaces:
  - name: A
    methods:
      - name: M
`, []string{
		"test.shim.yaml:2:1: duplicate key \"shimgen\" (first at line 1)",
		"test.shim.yaml:3:1: unknown key \"packge\" (did you mean \"package\"?)",
		"test.shim.yaml:4:1: unknown key \"color\" (expected one of: shimgen, package, imports, interfaces)",
		"test.shim.yaml:5:1: merge keys (\"<<\") are not supported; write the keys out",
		"test.shim.yaml:6:1: keys must be strings, not a list",
	}},
	{"bad package names", `
shimgen: 1
package: 1blob
interfaces:
  - name: A
    methods:
      - name: M
`, []string{
		"test.shim.yaml:2:10: package \"1blob\" is not a valid Go identifier",
	}},
	{"package keyword", `
shimgen: 1
package: func
interfaces:
  - name: A
    methods:
      - name: M
`, []string{
		"test.shim.yaml:2:10: package \"func\" is a Go keyword",
	}},
	{"package blank", `
shimgen: 1
package: _
interfaces:
  - name: A
    methods:
      - name: M
`, []string{
		"test.shim.yaml:2:10: package \"_\" is the blank identifier",
	}},
	{"package list", `
shimgen: 1
package: [blob]
interfaces:
  - name: A
    methods:
      - name: M
`, []string{
		"test.shim.yaml:2:10: package must be a string, not a list",
	}},

	// Imports.
	{"imports not a mapping", `
shimgen: 1
imports: [meta]
interfaces:
  - name: A
    methods:
      - name: M
`, []string{
		"test.shim.yaml:2:10: imports must be a mapping from qualifier to import path, not a list",
	}},
	{"bad imports", `
shimgen: 1
imports:
  meta: example.com/blob/meta
  meta: example.com/blob/meta2
  1x: example.com/x
  _: example.com/blank
  .: example.com/dot
  var: example.com/var
  sp: "example.com/a b"
  empty: ""
  null:
  list: [example.com/l]
  dots: example.com/../x
  [k]: example.com/k
interfaces:
  - name: A
    methods:
      - name: M
        params: a meta.A, b x1.B
`, []string{
		"test.shim.yaml:4:3: duplicate import \"meta\" (first at line 3)",
		"test.shim.yaml:5:3: import name \"1x\" is not a valid Go identifier",
		"test.shim.yaml:6:3: import name \"_\" is the blank identifier",
		"test.shim.yaml:7:3: import name \".\" is not a valid Go identifier",
		"test.shim.yaml:8:3: import name \"var\" is a Go keyword",
		"test.shim.yaml:9:7: import \"sp\": invalid import path \"example.com/a b\": invalid char ' '",
		"test.shim.yaml:10:10: import \"empty\": path must not be empty",
		"test.shim.yaml:11:8: import \"null\": path must not be empty",
		"test.shim.yaml:12:9: import \"list\": path must be a string, not a list",
		"test.shim.yaml:13:9: import \"dots\": invalid import path \"example.com/../x\": invalid path element \"..\"",
		"test.shim.yaml:14:3: imports: keys must be strings, not a list",
		"test.shim.yaml:19:29: interface \"A\": method \"M\": unknown qualifier \"x1\" in type \"x1.B\": declare it under imports",
	}},
	{"unused imports", `
shimgen: 1
imports:
  meta: example.com/blob/meta
  other: example.com/blob/meta
  unused: example.com/unused
interfaces:
  - name: A
    methods:
      - name: M
        params: a meta.A, b other.B
`, []string{
		"test.shim.yaml:5:3: import \"unused\" is not used by any type; remove it",
	}},
	{"unused imports not reported when a type cannot be read", `
shimgen: 1
imports:
  meta: example.com/blob/meta
interfaces:
  - name: A
    methods:
      - name: M
        params: a meta.A,,
`, []string{
		"test.shim.yaml:8:26: interface \"A\": method \"M\": params \"a meta.A,,\": expected ')', found ','",
	}},

	// Interfaces.
	{"interfaces missing value", `
shimgen: 1
interfaces:
`, []string{
		"test.shim.yaml:2:12: interfaces must list at least one interface",
	}},
	{"interfaces empty", `
shimgen: 1
interfaces: []
`, []string{
		"test.shim.yaml:2:13: interfaces must list at least one interface",
	}},
	{"interfaces not a list", `
shimgen: 1
interfaces:
  name: A
`, []string{
		"test.shim.yaml:3:3: interfaces must be a list of interfaces, not a mapping",
	}},
	{"bad interfaces", `
shimgen: 1
interfaces:
  - Bucket
  - doc: no name
    methods:
      - name: M
  - name:
    methods:
      - name: M
  - name: [A]
    methods:
      - name: M
  - name: bucket
    dco: x
    mehtods:
      - name: M
  - name: _bucket
    methods: []
  - name: Bu cket
    doc: [x]
    methods: {}
  - name: Store
    methods:
      - name: M
  - name: Store
    methods:
`, []string{
		"test.shim.yaml:3:5: interface #1 must be a mapping with the keys name, doc, from, as, embeds, methods, not the string \"Bucket\"",
		"test.shim.yaml:4:5: interface #2: missing required key \"name\"",
		"test.shim.yaml:7:10: interface #3: name must not be empty",
		"test.shim.yaml:10:11: interface #4: name must be a string, not a list",
		"test.shim.yaml:13:5: interface \"bucket\": missing key \"methods\": an interface has methods or embeds other interfaces",
		"test.shim.yaml:13:11: interface name \"bucket\" must be exported (did you mean \"Bucket\"?)",
		"test.shim.yaml:14:5: interface \"bucket\": unknown key \"dco\" (did you mean \"doc\"?)",
		"test.shim.yaml:15:5: interface \"bucket\": unknown key \"mehtods\" (did you mean \"methods\"?)",
		"test.shim.yaml:17:11: interface name \"_bucket\" must be exported (start it with an upper-case letter)",
		"test.shim.yaml:18:14: interface \"_bucket\": methods must list at least one method",
		"test.shim.yaml:19:11: interface name \"Bu cket\" is not a valid Go identifier",
		"test.shim.yaml:20:10: interface \"Bu cket\": doc must be a string, not a list",
		"test.shim.yaml:21:14: interface \"Bu cket\": methods must be a list of methods, not a mapping",
		"test.shim.yaml:25:11: interface \"Store\": duplicate name (first declared at line 22)",
		"test.shim.yaml:26:13: interface \"Store\": methods must list at least one method",
	}},

	// Methods.
	{"bad methods", `
shimgen: 1
interfaces:
  - name: Bucket
    methods:
      - Get
      - doc: no name
      - name: get
        paramz: key string
        results: data []byte
      - name: Put
        timeout: 2 s
      - name: Put
        timeout: 0s
      - name: Del
        timeout: -1s
      - name: Has
        timeout: [1s]
      - name: List
        timeout: 5
      - name: Walk
        timeout: forever
      - name: 日本
`, []string{
		"test.shim.yaml:5:9: interface \"Bucket\": method #1 must be a mapping with the keys name, doc, params, send, results, stream, timeout, error, ctx, as, not the string \"Get\"",
		"test.shim.yaml:6:9: interface \"Bucket\": method #2: missing required key \"name\"",
		"test.shim.yaml:7:15: interface \"Bucket\": method name \"get\" must be exported (did you mean \"Get\"?)",
		"test.shim.yaml:8:9: interface \"Bucket\": method \"get\": unknown key \"paramz\" (did you mean \"params\"?)",
		"test.shim.yaml:11:18: interface \"Bucket\": method \"Put\": timeout \"2 s\" is not a duration: unknown unit \" s\"",
		"test.shim.yaml:12:15: interface \"Bucket\": method \"Put\": duplicate name (first declared at line 10)",
		"test.shim.yaml:13:18: interface \"Bucket\": method \"Put\": timeout \"0s\" must be positive",
		"test.shim.yaml:15:18: interface \"Bucket\": method \"Del\": timeout \"-1s\" must be positive",
		"test.shim.yaml:17:18: interface \"Bucket\": method \"Has\": timeout must be a string, not a list",
		"test.shim.yaml:19:18: interface \"Bucket\": method \"List\": timeout \"5\" is not a duration: missing unit",
		"test.shim.yaml:21:18: interface \"Bucket\": method \"Walk\": timeout \"forever\" is not a duration: expected a number and a unit, such as \"2s\" or \"1m30s\"",
		"test.shim.yaml:22:15: interface \"Bucket\": method name \"日本\" must be exported (start it with an upper-case letter)",
	}},

	// Params and results: syntax.
	{"unparsable params", `
shimgen: 1
interfaces:
  - name: A
    methods:
      - name: M1
        params: key strin g
      - name: M2
        params: a int) (b int
      - name: M3
        params: ") { os.Exit(1) }; func f("
      - name: M4
        params: a map[string]int, b func(
      - name: M5
        params: a int // the a
      - name: M6
        params: a int, /* b */ c int
      - name: M7
        params: a *
      - name: M8
        params: a [...]int
      - name: M9
        params: 'a "unterminated'
      - name: M10
        params: [a int]
      - name: M11
        results: {a: int}
      - name: M12
        params: a int; b int
      - name: M13
        params: a ~int
      - name: M14
        results: ) (
      - name: M15
        params: f func[T ...C]()
`, []string{
		"test.shim.yaml:6:27: interface \"A\": method \"M1\": params \"key strin g\": missing ',' in parameter list",
		"test.shim.yaml:8:22: interface \"A\": method \"M2\": params \"a int) (b int\": unexpected \")\"",
		"test.shim.yaml:10:18: interface \"A\": method \"M3\": params \") { os.Exit(1) }; func f(\": unexpected \")\"",
		"test.shim.yaml:12:41: interface \"A\": method \"M4\": params \"a map[string]int, b func(\": \"(\" is not closed",
		"test.shim.yaml:14:23: interface \"A\": method \"M5\": params \"a int // the a\": comments are not allowed",
		"test.shim.yaml:16:24: interface \"A\": method \"M6\": params \"a int, /* b */ c int\": comments are not allowed",
		"test.shim.yaml:18:20: interface \"A\": method \"M7\": params \"a *\": expected type, found end of params",
		"test.shim.yaml:20:20: interface \"A\": method \"M8\": params \"a [...]int\": expected operand, found '...'",
		"test.shim.yaml:22:20: interface \"A\": method \"M9\": params \"a \\\"unterminated\": string literal not terminated",
		"test.shim.yaml:24:17: interface \"A\": method \"M10\": params must be a string, not a list",
		"test.shim.yaml:26:18: interface \"A\": method \"M11\": results must be a string, not a mapping",
		"test.shim.yaml:28:22: interface \"A\": method \"M12\": params \"a int; b int\": missing ',' in parameter list",
		"test.shim.yaml:30:19: interface \"A\": method \"M13\": params \"a ~int\": missing ',' in parameter list",
		"test.shim.yaml:32:18: interface \"A\": method \"M14\": results \") (\": unexpected \")\"",
		"test.shim.yaml:34:26: interface \"A\": method \"M15\": params \"f func[T ...C]()\": invalid use of ...",
	}},
	{"names", `
shimgen: 1
interfaces:
  - name: A
    methods:
      - name: M1
        params: string, int
        results: bool
      - name: M2
        params: _ int, a, _ string
        results: _ bool
      - name: M3
        params: a ...int, b int
      - name: M4
        params: a, b ...int
      - name: M5
        results: a ...int
      - name: M6
        params: key string, data []byte, key int
        results: data []byte, found bool
      - name: M7
        params: ctx context.Context, done func(), err error
        results: ctx int, done bool, err error
`, []string{
		"test.shim.yaml:6:17: interface \"A\": method \"M1\": parameter of type \"string\" needs a name",
		"test.shim.yaml:6:25: interface \"A\": method \"M1\": parameter of type \"int\" needs a name",
		"test.shim.yaml:7:18: interface \"A\": method \"M1\": result of type \"bool\" needs a name",
		"test.shim.yaml:9:17: interface \"A\": method \"M2\": parameter \"_\" is not allowed: every parameter needs a name",
		"test.shim.yaml:9:27: interface \"A\": method \"M2\": parameter \"_\" is not allowed: every parameter needs a name",
		"test.shim.yaml:10:18: interface \"A\": method \"M2\": result \"_\" is not allowed: every result needs a name",
		"test.shim.yaml:12:19: interface \"A\": method \"M3\": params \"a ...int, b int\": only the last parameter can be variadic",
		"test.shim.yaml:14:22: interface \"A\": method \"M4\": params \"a, b ...int\": only the last parameter can be variadic",
		"test.shim.yaml:16:20: interface \"A\": method \"M5\": results \"a ...int\": results cannot be variadic",
		"test.shim.yaml:18:42: interface \"A\": method \"M6\": parameter \"key\": duplicate name (first declared at 18:17)",
		"test.shim.yaml:19:18: interface \"A\": method \"M6\": result \"data\": duplicate name (first declared at 18:29)",
		"test.shim.yaml:21:17: interface \"A\": method \"M7\": parameter \"ctx\" is implicit: every method receives ctx context.Context first; remove it",
		"test.shim.yaml:21:38: interface \"A\": method \"M7\": parameter \"done\" is reserved for the completion callback of the callback form; rename it",
		"test.shim.yaml:21:51: interface \"A\": method \"M7\": parameter \"err\" is reserved: every method returns err error last; rename it",
		"test.shim.yaml:22:18: interface \"A\": method \"M7\": result \"ctx\" is reserved: every method receives ctx context.Context first; rename it",
		"test.shim.yaml:22:27: interface \"A\": method \"M7\": result \"done\" is reserved for the completion callback of the callback form; rename it",
		"test.shim.yaml:22:38: interface \"A\": method \"M7\": result \"err\" is implicit: every method returns err error last; remove it",
	}},

	// Streams.
	{"bad streams", `
shimgen: 1
interfaces:
  - name: A
    methods:
      - name: M1
        stream:
      - name: M2
        stream: " "
      - name: M3
        stream: a, b int
      - name: M4
        stream: a int, b string
      - name: M5
        stream: Entry
      - name: M6
        stream: e ...Entry
      - name: M7
        stream: a ...int, b int
      - name: M8
        stream: [e Entry]
      - name: M9
        stream: e Entry,,
      - name: M10
        stream: e nil, // x
      - name: M11
        stream: e bad.T
      - name: M12
        streams: e Entry
      - name: M13
        stream: ...Entry
      - name: M14
        stream: Entry, Other
      - name: M15
        stream: f func[T ...C]()
`, []string{
		"test.shim.yaml:6:16: interface \"A\": method \"M1\": stream must not be empty: name the item and its type, such as \"entry Entry\"",
		"test.shim.yaml:8:17: interface \"A\": method \"M2\": stream must not be empty: name the item and its type, such as \"entry Entry\"",
		"test.shim.yaml:10:20: interface \"A\": method \"M3\": stream \"a, b int\": a stream has a single item; to stream several values, make it a struct",
		"test.shim.yaml:12:24: interface \"A\": method \"M4\": stream \"a int, b string\": a stream has a single item; to stream several values, make it a struct",
		"test.shim.yaml:14:17: interface \"A\": method \"M5\": stream item of type \"Entry\" needs a name",
		"test.shim.yaml:16:19: interface \"A\": method \"M6\": stream \"e ...Entry\": a stream item cannot be variadic",
		"test.shim.yaml:18:19: interface \"A\": method \"M7\": stream \"a ...int, b int\": a stream item cannot be variadic",
		"test.shim.yaml:20:17: interface \"A\": method \"M8\": stream must be a string, not a list",
		"test.shim.yaml:22:25: interface \"A\": method \"M9\": stream \"e Entry,,\": expected ')', found ','",
		"test.shim.yaml:24:24: interface \"A\": method \"M10\": stream \"e nil, // x\": comments are not allowed",
		"test.shim.yaml:26:19: interface \"A\": method \"M11\": unknown qualifier \"bad\" in type \"bad.T\": declare it under imports",
		"test.shim.yaml:28:9: interface \"A\": method \"M12\": unknown key \"streams\" (did you mean \"stream\"?)",
		"test.shim.yaml:30:17: interface \"A\": method \"M13\": stream item of type \"...Entry\" needs a name",
		"test.shim.yaml:30:17: interface \"A\": method \"M13\": stream \"...Entry\": a stream item cannot be variadic",
		"test.shim.yaml:32:17: interface \"A\": method \"M14\": stream item of type \"Entry\" needs a name",
		"test.shim.yaml:32:24: interface \"A\": method \"M14\": stream item of type \"Other\" needs a name",
		"test.shim.yaml:32:24: interface \"A\": method \"M14\": stream \"Entry, Other\": a stream has a single item; to stream several values, make it a struct",
		"test.shim.yaml:34:26: interface \"A\": method \"M15\": stream \"f func[T ...C]()\": invalid use of ...",
	}},
	{"stream names", `
shimgen: 1
interfaces:
  - name: A
    methods:
      - name: M1
        stream: ctx context.Context
      - name: M2
        stream: done bool
      - name: M3
        stream: err error
      - name: M4
        stream: each Entry
      - name: M5
        stream: _ Entry
      - name: M6
        params: key string, entry int
        stream: entry Entry
      - name: M7
        params: each func(Entry) bool, done int
        stream: e Entry
      - name: M8
        params: each int
        results: each2 bool
      - name: M9
        params: each int
        stream: e Entry,,
`, []string{
		"test.shim.yaml:6:17: interface \"A\": method \"M1\": stream item \"ctx\" is reserved: every method receives ctx context.Context first; rename it",
		"test.shim.yaml:8:17: interface \"A\": method \"M2\": stream item \"done\" is reserved for the completion callback of the callback form; rename it",
		"test.shim.yaml:10:17: interface \"A\": method \"M3\": stream item \"err\" is reserved: every method returns err error last; rename it",
		"test.shim.yaml:12:17: interface \"A\": method \"M4\": stream item \"each\" is reserved for the item callback of a streaming method's callback form; rename it",
		"test.shim.yaml:14:17: interface \"A\": method \"M5\": stream item \"_\" is not allowed: every stream item needs a name",
		"test.shim.yaml:17:17: interface \"A\": method \"M6\": stream item \"entry\": duplicate name (first declared at 16:29)",
		"test.shim.yaml:19:17: interface \"A\": method \"M7\": parameter \"each\" is reserved for the item callback of a streaming method's callback form; rename it",
		"test.shim.yaml:19:40: interface \"A\": method \"M7\": parameter \"done\" is reserved for the completion callback of the callback form; rename it",
		"test.shim.yaml:25:17: interface \"A\": method \"M9\": parameter \"each\" is reserved for the item callback of a streaming method's callback form; rename it",
		"test.shim.yaml:26:25: interface \"A\": method \"M9\": stream \"e Entry,,\": expected ')', found ','",
	}},
	{"stream and results", `
shimgen: 1
interfaces:
  - name: A
    methods:
      - name: M1
        results: n int
        stream: e Entry
      - name: M2
        stream: e Entry
        results:
      - {name: M3, stream: e Entry, results: e int}
`, []string{
		"test.shim.yaml:7:9: interface \"A\": method \"M1\": key \"stream\" cannot be used with \"results\": a method either returns results or streams items, not both",
		"test.shim.yaml:9:9: interface \"A\": method \"M2\": key \"stream\" cannot be used with \"results\": a method either returns results or streams items, not both",
		"test.shim.yaml:11:20: interface \"A\": method \"M3\": key \"stream\" cannot be used with \"results\": a method either returns results or streams items, not both",
		"test.shim.yaml:11:28: interface \"A\": method \"M3\": stream item \"e\": duplicate name (first declared at 11:46)",
	}},
	{"send items", `
shimgen: 1
interfaces:
  - name: A
    methods:
      - name: M1
        send: ' '
      - name: M2
        send: c Chunk, d Chunk
      - name: M3
        send: c ...Chunk
      - name: M4
        send: '[]byte'
      - name: M5
        "send": [x]
        send: y
      - name: M6
        sned: x
      - name: M7
        send:
      - name: M8
        send: c [n]byte
`, []string{
		"test.shim.yaml:6:15: interface \"A\": method \"M1\": send must not be empty: name the item and its type, such as \"chunk []byte\"",
		"test.shim.yaml:8:24: interface \"A\": method \"M2\": send \"c Chunk, d Chunk\": a method sends a single item; to send several values at once, make it a struct",
		"test.shim.yaml:10:17: interface \"A\": method \"M3\": send \"c ...Chunk\": a sent item cannot be variadic: the items are sent one by one",
		"test.shim.yaml:12:16: interface \"A\": method \"M4\": sent item of type \"[]byte\" needs a name",
		"test.shim.yaml:14:17: interface \"A\": method \"M5\": send must be a string, not a list",
		"test.shim.yaml:15:9: interface \"A\": method \"M5\": duplicate key \"send\" (first at line 14)",
		"test.shim.yaml:17:9: interface \"A\": method \"M6\": unknown key \"sned\" (did you mean \"send\"?)",
		"test.shim.yaml:19:14: interface \"A\": method \"M7\": send must not be empty: name the item and its type, such as \"chunk []byte\"",
		"test.shim.yaml:21:18: interface \"A\": method \"M8\": array length \"n\" must be a non-negative integer literal",
	}},
	{"send with results and stream", `
shimgen: 1
interfaces:
  - name: A
    methods:
      - name: Chat
        send: out Message
        results: n int
        stream: in Message
      - {name: Sum, send: 'v int', stream: 'p int', results: 'n int'}
`, []string{
		"test.shim.yaml:7:9: interface \"A\": method \"Chat\": key \"results\" cannot be used with both \"send\" and \"stream\": a method that sends items either returns results (a client stream) or streams items back (a bidirectional stream); remove \"results\" or \"stream\"",
		"test.shim.yaml:9:53: interface \"A\": method \"Sum\": key \"results\" cannot be used with both \"send\" and \"stream\": a method that sends items either returns results (a client stream) or streams items back (a bidirectional stream); remove \"results\" or \"stream\"",
	}},
	{"send with a variadic parameter", `
shimgen: 1
interfaces:
  - name: A
    methods:
      - name: Upload
        params: key string, tags ...string
        send: chunk []byte
      - name: Chat
        params: 'rooms ... string'
        send: out Message
        stream: in Message
`, []string{
		"test.shim.yaml:6:34: interface \"A\": method \"Upload\": parameter \"tags\" cannot be variadic in a method with \"send\": the blocking form passes the sent items after the parameters; make it a slice (tags []string)",
		"test.shim.yaml:9:24: interface \"A\": method \"Chat\": parameter \"rooms\" cannot be variadic in a method with \"send\": the blocking form passes the sent items after the parameters; make it a slice (rooms []string)",
	}},
	{"send names", `
shimgen: 1
interfaces:
  - name: A
    methods:
      - name: M1
        params: chunk int
        send: chunk []byte
      - name: M2
        send: done []byte
      - name: M3
        params: each int
        send: out Message
        stream: in Message
      - name: M4
        params: each int, send int
        send: chunk []byte
      - name: M5
        send: chunk []byte
        results: chunks int
      - name: M6
        params: chunks int, chunkSeq int
        send: chunk []byte
      - name: M7
        send: out Message
        stream: outs Message
      - name: M8
        send: in Message
        stream: in Message
      - name: M9
        params: data []byte
        send: datum []byte
        results: data2 int
`, []string{
		"test.shim.yaml:7:15: interface \"A\": method \"M1\": sent item \"chunk\": duplicate name (first declared at 6:17)",
		"test.shim.yaml:9:15: interface \"A\": method \"M2\": sent item \"done\" is reserved for the completion callback of the callback form; rename it",
		"test.shim.yaml:11:17: interface \"A\": method \"M3\": parameter \"each\" is reserved for the item callback of a streaming method's callback form; rename it",
		"test.shim.yaml:15:27: interface \"A\": method \"M4\": parameter \"send\" is reserved for the sending side of a method that sends items; rename it",
		"test.shim.yaml:18:15: interface \"A\": method \"M5\": sent item \"chunk\": the blocking form names the iterator of the sent items \"chunks\", the name of result \"chunks\" (at 19:18); rename one of them",
		"test.shim.yaml:22:15: interface \"A\": method \"M6\": sent item \"chunk\": the blocking form names the iterator of the sent items \"chunkSeq\", the name of parameter \"chunkSeq\" (at 21:29); rename one of them",
		"test.shim.yaml:24:15: interface \"A\": method \"M7\": sent item \"out\": the blocking form names the iterator of the sent items \"outs\", the name of stream item \"outs\" (at 25:17); rename one of them",
		"test.shim.yaml:28:17: interface \"A\": method \"M8\": stream item \"in\": duplicate name (first declared at 27:15)",
	}},
	{"send without the error", `
shimgen: 1
interfaces:
  - name: A
    methods:
      - name: Upload
        send: chunk []byte
        results: n int
        error: false
      - name: Chat
        send: out Message
        stream: in Message
        error: false
      - name: Put
        send: chunk []byte
        results: cmd *Cmd
        error: carried
`, []string{
		"test.shim.yaml:8:16: interface \"A\": method \"Upload\": \"error: false\" cannot be used with \"send\": the implementation may stop taking the sent items early, and err is how the caller learns it; remove \"error: false\"",
		"test.shim.yaml:12:16: interface \"A\": method \"Chat\": \"error: false\" cannot be used with \"send\": the implementation may stop taking the sent items early, and err is how the caller learns it; remove \"error: false\"",
		"test.shim.yaml:16:16: interface \"A\": method \"Put\": \"error: carried\" cannot be used with \"send\": it describes a method of the interface's from, and a method that sends items cannot be adapted to one yet",
	}},
	{"send on an interface with from", `
shimgen: 1
interfaces:
  - name: W
    from: example.com/w.W
    embeds: [S]
    methods:
      - name: Write
        params: p []byte
        results: n int
      - name: Upload
        send: chunk []byte
        ctx: added
      - name: Chat
        send: out Message
        stream: in Message
  - name: S
    methods:
      - name: Sync
        send: op Op
`, []string{
		"test.shim.yaml:4:11: interface \"W\": from example.com/w.W: the embedded method \"Sync\" (at 18:15) is a client stream, which cannot be adapted to an original interface yet; remove from, or do not embed the interface that declares it",
		"test.shim.yaml:11:15: interface \"W\": method \"Upload\": a client stream cannot be adapted to the original interface example.com/w.W yet; move the method to an interface without from",
		"test.shim.yaml:14:15: interface \"W\": method \"Chat\": a bidirectional stream cannot be adapted to the original interface example.com/w.W yet; move the method to an interface without from",
	}},
	{"handles in sending methods", `
shimgen: 1
interfaces:
  - name: FS
    methods:
      - name: Upload
        send: f File
        results: g File, n int
      - name: Chat
        send: f *File
        stream: g File
      - name: Open
        params: name string
        results: f File
  - name: File
    methods:
      - name: Close
`, []string{
		"test.shim.yaml:6:17: interface \"FS\": method \"Upload\": sent item \"f\" has type File, an interface of this spec: a client stream cannot pass it as a handle yet; use another type, such as a name or an ID the implementation resolves",
		"test.shim.yaml:7:20: interface \"FS\": method \"Upload\": result \"g\" has type File, an interface of this spec: a client stream cannot pass it as a handle yet; use another type, such as a name or an ID the implementation resolves",
		"test.shim.yaml:10:19: interface \"FS\": method \"Chat\": stream item \"g\" has type File, an interface of this spec: a bidirectional stream cannot pass it as a handle yet; use another type, such as a name or an ID the implementation resolves",
	}},
	{"send does not make imports unused", `
shimgen: 1
imports:
  meta: example.com/meta
  unused: example.com/unused
interfaces:
  - name: A
    methods:
      - name: Upload
        send: chunk meta.Chunk
`, []string{
		"test.shim.yaml:4:3: import \"unused\" is not used by any type; remove it",
	}},
	{"unused imports with streams", `
shimgen: 1
imports:
  meta: example.com/meta
  unused: example.com/unused
interfaces:
  - name: A
    methods:
      - name: Watch
        stream: ev *meta.Event
`, []string{
		"test.shim.yaml:4:3: import \"unused\" is not used by any type; remove it",
	}},

	// Params and results: types.
	{"not types", `
shimgen: 1
interfaces:
  - name: A
    methods:
      - name: M1
        params: a [len("x")]int, b [-1]int, c [99999999999999999999]int, d [N]int
      - name: M2
        params: a nil, b true, c iota, d len, e comparable, f map[_]int
      - name: M3
        params: a interface{ M() }, b interface{ int | string }, c interface{}
      - name: M4
        params: a func[T any]()
      - name: M5
        params: b chan<- func(x, y int) (z, w len)
      - name: M6
        params: a struct{ X nil; Y int "tag" }, b *append
      - name: M7
        params: a x.y.Z
      - name: M8
        params: b []int[string]
      - name: M9
        params: c Seq[1]
      - name: M12
        params: d Pair[K, new], e Seq[nil], f x.Seq[*x.T, []true], g any[int]
      - name: M10
        params: f func(...int, string)
      - name: M11
        params: a (nil), b [1 + 2]int, c [0x10]int, d [1.5]int, e ['a']int
`, []string{
		"test.shim.yaml:6:20: interface \"A\": method \"M1\": array length \"len(\\\"x\\\")\" must be a non-negative integer literal",
		"test.shim.yaml:6:37: interface \"A\": method \"M1\": array length \"-1\" must be a non-negative integer literal",
		"test.shim.yaml:6:48: interface \"A\": method \"M1\": array length \"99999999999999999999\" is too large",
		"test.shim.yaml:6:77: interface \"A\": method \"M1\": array length \"N\" must be a non-negative integer literal",
		"test.shim.yaml:8:19: interface \"A\": method \"M2\": \"nil\" is not a type",
		"test.shim.yaml:8:26: interface \"A\": method \"M2\": \"true\" is not a type",
		"test.shim.yaml:8:34: interface \"A\": method \"M2\": \"iota\" is not a type",
		"test.shim.yaml:8:42: interface \"A\": method \"M2\": \"len\" is not a type",
		"test.shim.yaml:8:49: interface \"A\": method \"M2\": \"comparable\" is not a type: it can only constrain type parameters",
		"test.shim.yaml:8:67: interface \"A\": method \"M2\": \"_\" is not a type",
		"test.shim.yaml:10:19: interface \"A\": method \"M3\": \"interface{ M() }\" is not allowed: only the empty interface{} can be written in a spec; declare the interface in the package",
		"test.shim.yaml:10:39: interface \"A\": method \"M3\": \"interface{ int | string }\" is not allowed: only the empty interface{} can be written in a spec; declare the interface in the package",
		"test.shim.yaml:12:23: interface \"A\": method \"M4\": params \"a func[T any]()\": function type must have no type parameters",
		"test.shim.yaml:14:47: interface \"A\": method \"M5\": \"len\" is not a type",
		"test.shim.yaml:16:29: interface \"A\": method \"M6\": \"nil\" is not a type",
		"test.shim.yaml:16:52: interface \"A\": method \"M6\": \"append\" is not a type",
		"test.shim.yaml:18:22: interface \"A\": method \"M7\": params \"a x.y.Z\": missing ',' in parameter list",
		"test.shim.yaml:20:21: interface \"A\": method \"M8\": \"int[string]\" is not a type: int is not generic",
		"test.shim.yaml:22:23: interface \"A\": method \"M9\": params \"c Seq[1]\": expected type, found 1",
		"test.shim.yaml:24:27: interface \"A\": method \"M12\": \"new\" is not a type",
		"test.shim.yaml:24:39: interface \"A\": method \"M12\": \"nil\" is not a type",
		"test.shim.yaml:24:47: interface \"A\": method \"M12\": unknown qualifier \"x\" in type \"x.Seq\": declare it under imports",
		"test.shim.yaml:24:54: interface \"A\": method \"M12\": unknown qualifier \"x\" in type \"x.T\": declare it under imports",
		"test.shim.yaml:24:61: interface \"A\": method \"M12\": \"true\" is not a type",
		"test.shim.yaml:24:70: interface \"A\": method \"M12\": \"any[int]\" is not a type: any is not generic",
		"test.shim.yaml:26:24: interface \"A\": method \"M10\": params \"f func(...int, string)\": only the last parameter can be variadic",
		"test.shim.yaml:28:20: interface \"A\": method \"M11\": \"nil\" is not a type",
		"test.shim.yaml:28:29: interface \"A\": method \"M11\": array length \"1 + 2\" must be a non-negative integer literal",
		"test.shim.yaml:28:56: interface \"A\": method \"M11\": array length \"1.5\" must be a non-negative integer literal",
		"test.shim.yaml:28:68: interface \"A\": method \"M11\": array length \"'a'\" must be a non-negative integer literal",
	}},
	{"qualifiers", `
shimgen: 1
imports:
  meta: example.com/blob/meta
interfaces:
  - name: A
    methods:
      - name: M1
        params: a mta.Attrs, b rand.Rand, c template.HTML, d foo.Bar
        results: e os.file, f meta.attrs, g Jsn.RawMessage
      - name: M2
        params: a map[scanner.Position]pprof.Profile
`, []string{
		"test.shim.yaml:8:19: interface \"A\": method \"M1\": unknown qualifier \"mta\" in type \"mta.Attrs\" (did you mean \"meta\"?)",
		"test.shim.yaml:8:32: interface \"A\": method \"M1\": qualifier \"rand\" is ambiguous in the standard library (crypto/rand, math/rand, math/rand/v2): declare it under imports",
		"test.shim.yaml:8:45: interface \"A\": method \"M1\": qualifier \"template\" is ambiguous in the standard library (html/template, text/template): declare it under imports",
		"test.shim.yaml:8:62: interface \"A\": method \"M1\": unknown qualifier \"foo\" in type \"foo.Bar\": declare it under imports",
		"test.shim.yaml:9:23: interface \"A\": method \"M1\": \"os.file\" refers to the unexported name \"file\"",
		"test.shim.yaml:9:36: interface \"A\": method \"M1\": \"meta.attrs\" refers to the unexported name \"attrs\"",
		"test.shim.yaml:9:45: interface \"A\": method \"M1\": unknown qualifier \"Jsn\" in type \"Jsn.RawMessage\" (did you mean \"json\"?)",
		"test.shim.yaml:11:23: interface \"A\": method \"M2\": qualifier \"scanner\" is ambiguous in the standard library (go/scanner, text/scanner): declare it under imports",
		"test.shim.yaml:11:40: interface \"A\": method \"M2\": qualifier \"pprof\" is ambiguous in the standard library (net/http/pprof, runtime/pprof): declare it under imports",
	}},

	// Positions.
	{"columns in plain and quoted scalars", `
shimgen: 1
interfaces:
  - name: A
    methods:
      - name: M1
        params: a int, b bad.T
      - name: M2
        params: "a int, b bad.T"
      - name: M3
        params: 'a int, b bad.T'
      - {name: M4, params: a int, results: b bad.T}
      - name: M5
        params: "é int, b bad.T"
`, []string{
		"test.shim.yaml:6:26: interface \"A\": method \"M1\": unknown qualifier \"bad\" in type \"bad.T\": declare it under imports",
		"test.shim.yaml:8:27: interface \"A\": method \"M2\": unknown qualifier \"bad\" in type \"bad.T\": declare it under imports",
		"test.shim.yaml:10:27: interface \"A\": method \"M3\": unknown qualifier \"bad\" in type \"bad.T\": declare it under imports",
		"test.shim.yaml:11:46: interface \"A\": method \"M4\": unknown qualifier \"bad\" in type \"bad.T\": declare it under imports",
		"test.shim.yaml:13:27: interface \"A\": method \"M5\": unknown qualifier \"bad\" in type \"bad.T\": declare it under imports",
	}},
	{"no columns in other scalars", `
shimgen: 1
interfaces:
  - name: A
    methods:
      - name: M1
        params: "a\tint, b bad.T"
      - name: M2
        params: |
          a int,
          b bad.T
      - name: M3
        params: a int,
          b bad.T
      - name: M4
        params: !!str a int, b bad.T
      - name: M5
        params: 'a''b int, b bad.T'
`, []string{
		"test.shim.yaml:6:17: interface \"A\": method \"M1\": unknown qualifier \"bad\" in type \"bad.T\": declare it under imports",
		"test.shim.yaml:8:17: interface \"A\": method \"M2\": unknown qualifier \"bad\" in type \"bad.T\": declare it under imports",
		"test.shim.yaml:12:17: interface \"A\": method \"M3\": unknown qualifier \"bad\" in type \"bad.T\": declare it under imports",
		"test.shim.yaml:15:17: interface \"A\": method \"M4\": unknown qualifier \"bad\" in type \"bad.T\": declare it under imports",
		"test.shim.yaml:17:17: interface \"A\": method \"M5\": params \"a'b int, b bad.T\": rune literal not terminated",
	}},
	{"crlf and bom", "\uFEFFshimgen: 1\r\ninterfaces:\r\n  - name: A\r\n    methods:\r\n      - name: M\r\n        params: a int, b bad.T\r\n        dco: x\r\n", []string{
		"test.shim.yaml:6:26: interface \"A\": method \"M\": unknown qualifier \"bad\" in type \"bad.T\": declare it under imports",
		"test.shim.yaml:7:9: interface \"A\": method \"M\": unknown key \"dco\" (did you mean \"doc\"?)",
	}},
	{"errors sorted by position", `
shimgen: 1
imports:
  unused: example.com/unused
interfaces:
  - name: b
    methods:
      - name: m
        params: ctx context.Context
        timeout: x
  - name: a
    methods:
      - name: n
package: func
`, []string{
		"test.shim.yaml:3:3: import \"unused\" is not used by any type; remove it",
		"test.shim.yaml:5:11: interface name \"b\" must be exported (did you mean \"B\"?)",
		"test.shim.yaml:7:15: interface \"b\": method name \"m\" must be exported (did you mean \"M\"?)",
		"test.shim.yaml:8:17: interface \"b\": method \"m\": parameter \"ctx\" is implicit: every method receives ctx context.Context first; remove it",
		"test.shim.yaml:9:18: interface \"b\": method \"m\": timeout \"x\" is not a duration: expected a number and a unit, such as \"2s\" or \"1m30s\"",
		"test.shim.yaml:10:11: interface name \"a\" must be exported (did you mean \"A\"?)",
		"test.shim.yaml:12:15: interface \"a\": method name \"n\" must be exported (did you mean \"N\"?)",
		"test.shim.yaml:13:10: package \"func\" is a Go keyword",
	}},
}

func TestParseErrors(t *testing.T) {
	for _, tt := range errorTests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("test.shim.yaml", src(tt.src))
			if err == nil {
				t.Fatalf("Parse succeeded: %+v", f)
			}
			if f != nil {
				t.Errorf("Parse returned a model with errors")
			}
			if diff := cmp.Diff(tt.want, errorLines(t, err)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDumpErrors prints the errors of errorTests as Go literals, for
// reviewing new cases. Run with DUMP=1.
func TestDumpErrors(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip("set DUMP=1")
	}
	for _, tt := range errorTests {
		_, err := Parse("test.shim.yaml", src(tt.src))
		fmt.Printf("== %s\n", tt.name)
		if err != nil {
			for _, l := range errorLines(t, err) {
				fmt.Printf("\t\t%q,\n", l)
			}
		}
	}
}
