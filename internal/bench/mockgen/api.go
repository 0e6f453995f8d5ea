package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// method is one method of the benchmark interface, without the implicit
// ctx parameter and err result.
type method struct {
	name    string
	doc     string
	params  []field
	results []field
}

// field is one named parameter or result.
type field struct {
	name string
	typ  string // a Go type; "...T" for a variadic parameter
}

// kind is a type the methods use and the names a parameter or a result of
// that type gets.
type kind struct {
	typ    string
	param  string
	result string
}

// kinds is the mix of types: builtins, []byte, time.Duration, io.Reader and
// the local struct Record.
var kinds = []kind{
	{"string", "key", "value"},
	{"int", "count", "n"},
	{"int64", "offset", "size"},
	{"bool", "force", "ok"},
	{"float64", "ratio", "score"},
	{"[]byte", "data", "out"},
	{"time.Duration", "wait", "elapsed"},
	{"io.Reader", "body", "stream"},
	{"Record", "rec", "item"},
	{"*Record", "ref", "found"},
	{"[]string", "keys", "names"},
	{"map[string]string", "labels", "meta"},
}

var (
	verbs = []string{"Get", "Put", "Delete", "Update", "Find", "Count", "Sync", "Watch", "Load", "Store"}
	nouns = []string{"User", "Order", "Blob", "Index", "Session", "Token", "Bucket", "Queue"}
)

// methods returns n methods, the same for the same seed: 0–3 params
// (about one method in six with a variadic last one) and 0–2 results.
func methods(n int, seed uint64) []method {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	ms := make([]method, n)
	for i := range ms {
		verb, noun := verbs[i%len(verbs)], nouns[(i/len(verbs))%len(nouns)]
		name := fmt.Sprintf("%s%s%d", verb, noun, i)
		ms[i] = method{
			name:    name,
			doc:     fmt.Sprintf("%s %ss %s number %d.", name, strings.ToLower(verb), strings.ToLower(noun), i),
			params:  fields(r, r.IntN(4), func(k kind) string { return k.param }),
			results: fields(r, r.IntN(3), func(k kind) string { return k.result }),
		}
		if p := ms[i].params; len(p) > 0 && r.IntN(6) == 0 {
			p[len(p)-1] = field{name: "tags", typ: "...string"}
		}
	}
	return ms
}

// fields draws n fields of random kinds, named by name and numbered when a
// kind repeats, so that names are unique within the method.
func fields(r *rand.Rand, n int, name func(kind) string) []field {
	fs := make([]field, n)
	seen := map[string]int{}
	for i := range fs {
		k := kinds[r.IntN(len(kinds))]
		base := name(k)
		seen[base]++
		if seen[base] > 1 {
			base = fmt.Sprintf("%s%d", base, seen[base])
		}
		fs[i] = field{name: base, typ: k.typ}
	}
	return fs
}

// list joins fields as a Go parameter list: "key string, data []byte".
func list(fs []field) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.name + " " + f.typ
	}
	return strings.Join(parts, ", ")
}
