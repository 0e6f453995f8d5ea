package main

import (
	"fmt"
	"strings"
)

// ifaceName is the name of the benchmark interface in both packages.
const ifaceName = "Store"

// recordDecl declares the local struct type the methods use; both
// packages declare it.
const recordDecl = `// Record is a stored value.
type Record struct {
	Key     string
	Value   []byte
	Version int64
}
`

// goSource renders package pkg with the interface of ms in its Go form
// (ctx first, err last) and Record: the input of mockgen.
func goSource(pkg string, ms []method) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\nimport (\n\t\"context\"\n\t\"io\"\n\t\"time\"\n)\n\n", pkg)
	b.WriteString("var (\n\t_ io.Reader\n\t_ time.Duration\n)\n\n")
	b.WriteString(recordDecl)
	fmt.Fprintf(&b, "\n// %s is the benchmark interface.\ntype %s interface {\n", ifaceName, ifaceName)
	for _, m := range ms {
		params := "ctx context.Context"
		if len(m.params) > 0 {
			params += ", " + list(m.params)
		}
		results := "err error"
		if len(m.results) > 0 {
			results = list(m.results) + ", " + results
		}
		fmt.Fprintf(&b, "\t// %s\n\t%s(%s) (%s)\n", m.doc, m.name, params, results)
	}
	b.WriteString("}\n")
	return []byte(b.String())
}

// shimSpec renders the interface of ms as a shimgen spec, where ctx and err
// are implicit.
func shimSpec(ms []method) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "shimgen: 1\ninterfaces:\n  - name: %s\n    doc: %s is the benchmark interface.\n    methods:\n", ifaceName, ifaceName)
	for _, m := range ms {
		fmt.Fprintf(&b, "      - name: %s\n        doc: %q\n", m.name, m.doc)
		if len(m.params) > 0 {
			fmt.Fprintf(&b, "        params: %q\n", list(m.params))
		}
		if len(m.results) > 0 {
			fmt.Fprintf(&b, "        results: %q\n", list(m.results))
		}
	}
	return []byte(b.String())
}

// recordSource renders package pkg declaring only Record: the hand-written
// Go file beside the spec.
func recordSource(pkg string) []byte {
	return []byte("package " + pkg + "\n\n" + recordDecl)
}
