package gen_test

import (
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shimgen/shimgen/gen"
	"github.com/shimgen/shimgen/spec"
)

var (
	generativeN    = flag.Int("generative", 0, "number of random specs TestGenerative generates (default 300, 100 under -race, or $SHIMGEN_GENERATIVE)")
	generativeSeed = flag.Uint64("generative.seed", 0, "seed of TestGenerative (default: time-based, logged)")
)

// TestGenerative generates random valid specs from a grammar of every type
// form and optional key a spec may use, generates both forms and
// type-checks them with the package's declarations: there must be no
// error. A failure logs the seed and the spec; rerun it with
// -generative.seed=S -generative=N.
func TestGenerative(t *testing.T) {
	n := 300
	switch {
	case testing.Short():
		n = 50
	case raceEnabled:
		n = 100 // the race detector makes each spec some times slower
	}
	if s := os.Getenv("SHIMGEN_GENERATIVE"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("SHIMGEN_GENERATIVE=%q: %v", s, err)
		}
		n = v
	}
	if *generativeN > 0 {
		n = *generativeN
	}
	seed := *generativeSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d, %d specs (rerun: go test ./gen -run TestGenerative -generative.seed=%d -generative=%d)", seed, n, seed, n)
	imp := theImporter(t)
	start := time.Now()
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var methods, bytesOut, invalid int
	for i := range n {
		g := &specGen{r: rng}
		p := g.pkg(i)
		p.Types = imp
		files, err := gen.Generate(p)
		switch {
		case err != nil && g.invalid:
			checkPackageErrors(t, err, p)
			invalid++
			continue
		case err != nil:
			t.Fatalf("seed %d, spec %d: Generate: %v\n%s", seed, i, err, g.dump(p))
		}
		if err := typeCheck(imp, files, localDecls); err != nil {
			t.Fatalf("seed %d, spec %d: generated code does not type-check:\n%v\n%s\n%s", seed, i, err, g.dump(p), dumpFiles(files))
		}
		methods += g.methods
		for _, f := range files {
			bytesOut += len(f.Data)
		}
	}
	t.Logf("%d specs (%d methods, %d bytes of Go) generated and type-checked, %d rejected for an invalid type, in %v",
		n-invalid, methods, bytesOut, invalid, time.Since(start))
}

// checkPackageErrors checks that err is a spec.ErrorList whose every entry
// has a message and a position in one of p's specs.
func checkPackageErrors(t *testing.T, err error, p gen.Package) {
	t.Helper()
	var list spec.ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("error is %T, not a non-empty spec.ErrorList: %v", err, err)
	}
	for _, e := range list {
		if !slices.Contains(p.SpecNames(), e.Pos.File) || e.Pos.Line < 1 || e.Pos.Col < 1 || strings.TrimSpace(e.Msg) == "" {
			t.Errorf("error without a position or message: %q at %+v", e.Msg, e.Pos)
		}
	}
}

// specGen writes random specs, valid but for the invalid types it may
// draw (invalid says so): a spec that draws one must be rejected or
// generate code that type-checks.
type specGen struct {
	r       *rand.Rand
	invalid bool
	imports map[string]string // qualifier → path, of the spec being written
	used    map[string]bool   // qualifiers used by the spec being written
	ifaces  []string          // interface names of the package so far
	methods int
	depth   int
}

func (g *specGen) pick(xs ...string) string { return xs[g.r.IntN(len(xs))] }
func (g *specGen) chance(p float64) bool    { return g.r.Float64() < p }

func (g *specGen) dump(p gen.Package) string {
	var b strings.Builder
	for _, s := range p.Specs {
		fmt.Fprintf(&b, "---- %s\n%s\n", s.Name, s.Data)
	}
	return b.String()
}

// pkg returns a package of one to three specs.
func (g *specGen) pkg(i int) gen.Package {
	p := gen.Package{Dir: "gentest", DirName: "gentest", Complete: true, Declared: localNames}
	pkgKey := g.pick("", "", "gentest", "p2", "runtimes", "context", "ctx")
	names := shuffled(g.r, ifaceNames)
	nspecs := 1 + g.r.IntN(3)
	if g.chance(0.7) {
		nspecs = 1
	}
	for s := range nspecs {
		var ifs []string
		for range 1 + g.r.IntN(2) {
			if len(names) == 0 {
				break
			}
			ifs = append(ifs, names[0])
			names = names[1:]
		}
		if len(ifs) == 0 {
			break
		}
		data := g.spec(pkgKey, ifs)
		p.Specs = append(p.Specs, gen.Input{Name: fmt.Sprintf("gentest/s%d_%d.shim.yaml", i, s), Data: data})
	}
	return p
}

var ifaceNames = []string{
	"Bucket", "Store", "S", "Log", "Queue", "Runtime", "Runtimes", "Context", "Iter", "Time", "Error", "String",
	"Any", "Call", "Wait", "StreamCall", "Direct", "X", "Ñandú", "Ωmega", "Store2", "B_", "Impl", "Rt",
}

func shuffled(r *rand.Rand, xs []string) []string {
	out := append([]string(nil), xs...)
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// spec writes one spec declaring the interfaces ifs.
func (g *specGen) spec(pkgKey string, ifs []string) []byte {
	g.imports = map[string]string{}
	g.used = map[string]bool{}
	if g.chance(0.5) {
		g.imports["meta"] = "example.com/meta"
	}
	if g.chance(0.2) {
		g.imports["m2"] = "example.com/meta"
	}
	if g.chance(0.3) {
		g.imports["rand"] = "math/rand/v2"
	}
	if g.chance(0.2) {
		g.imports["tmpl"] = "text/template"
	}
	if g.chance(0.2) {
		g.imports["js"] = "encoding/json"
	}
	var body strings.Builder
	body.WriteString("interfaces:\n")
	for _, name := range ifs {
		g.iface(&body, name)
	}
	g.ifaces = append(g.ifaces, ifs...)
	var b strings.Builder
	if g.chance(0.3) {
		b.WriteString("# a generated spec\n")
	}
	b.WriteString("shimgen: 1\n")
	if pkgKey != "" {
		fmt.Fprintf(&b, "package: %s\n", pkgKey)
	}
	first := true
	for q, path := range g.imports {
		if !g.used[q] {
			continue // every import must be used
		}
		if first {
			b.WriteString("imports:\n")
			first = false
		}
		fmt.Fprintf(&b, "  %s: %s\n", q, path)
	}
	b.WriteString(body.String())
	out := b.String()
	if g.chance(0.1) {
		out = strings.ReplaceAll(out, "\n", "\r\n")
	}
	if g.chance(0.1) {
		out = "\uFEFF" + out
	}
	return []byte(out)
}

func (g *specGen) iface(b *strings.Builder, name string) {
	fmt.Fprintf(b, "  - name: %s\n", name)
	if g.chance(0.5) {
		g.doc(b, "    ")
	}
	b.WriteString("    methods:\n")
	mnames := shuffled(g.r, methodNames)[:1+g.r.IntN(6)]
	for _, m := range mnames {
		g.method(b, m)
	}
}

var methodNames = []string{
	"Get", "Put", "List", "Run", "Open", "Invoke", "Start", "Complete", "Claim", "Finish", "Direct", "Iterate",
	"Wait", "Admit", "Release", "Call", "String", "Error", "Close", "Copy", "M", "Ünïcode", "X_1", "Do",
}

// paramNames are legal names, many close to what the generated code
// declares: receivers, locals, fields, packages it imports, predeclared
// identifiers and the package's own types, and non-ASCII ones that look
// like no other (names spelt alike in two scripts are errors).
var paramNames = []string{
	"a", "b", "c", "d", "w", "x", "k", "v", "n", "ok", "key", "data", "value", "entry", "item",
	"impl", "rt", "args", "res", "call", "wait", "complete", "iter", "context", "time", "runtimes",
	"meta", "io", "fs", "http", "rand", "tmpl", "js", "string", "error", "len", "int", "bool", "any",
	"true", "false", "iota", "append", "new", "make", "cap", "copy", "ctx2", "err2", "done2", "errs",
	"Entry", "ID", "Seq", "Claim", "Finish", "Run", "Open", "Start", "Invoke", "self", "é", "日本", "д",
	"c2", "w2", "zero", "result", "results", "params", "seq", "yield", "each2", "Each",
}

func (g *specGen) doc(b *strings.Builder, indent string) {
	lines := []string{
		"Does something useful.",
		"It takes */ and /* in stride, and // too.",
		"//go:generate echo not a directive",
		"go:linkname nothing here",
		"line 12",
		"Tabs\tand ünïcode ✓.",
		"",
		"  indented code block",
	}
	var text []string
	for range 1 + g.r.IntN(4) {
		text = append(text, g.pick(lines...))
	}
	switch g.r.IntN(3) {
	case 0: // one line, double-quoted
		fmt.Fprintf(b, "%sdoc: %s\n", indent, strconv.Quote(strings.Join(text, " ")))
	case 1: // block literal
		ind := ""
		for _, l := range text {
			if l != "" {
				if l[0] == ' ' {
					ind = "2" // an explicit indentation indicator
				}
				break
			}
		}
		fmt.Fprintf(b, "%sdoc: |%s\n", indent, ind)
		for _, l := range text {
			if l == "" {
				b.WriteString("\n")
				continue
			}
			fmt.Fprintf(b, "%s  %s\n", indent, l)
		}
	default: // double-quoted with escapes
		fmt.Fprintf(b, "%sdoc: %s\n", indent, strconv.Quote(strings.Join(text, "\n")))
	}
}

func (g *specGen) method(b *strings.Builder, name string) {
	g.methods++
	fmt.Fprintf(b, "      - name: %s\n", name)
	if g.chance(0.4) {
		g.doc(b, "        ")
	}
	stream := g.chance(0.3)
	names := shuffled(g.r, paramNames)
	if stream {
		// The item may be a handle, whose conversion in the method body
		// names bool and error: such parameters are an error there.
		names = slices.DeleteFunc(names, func(n string) bool { return n == "bool" || n == "error" })
		names = append(names, "each") // a method without a stream may use it; moved out below
	} else {
		names = append([]string{"each"}, names...)
	}
	take := func() string {
		n := names[0]
		names = names[1:]
		return n
	}
	np := g.r.IntN(7) // a stream with more than MaxParams is packed
	var params []string
	for i := range np {
		n := take()
		if stream && n == "each" {
			n = take()
		}
		t := g.typ()
		if i == np-1 && g.chance(0.3) {
			t = "..." + t
		}
		params = append(params, n+" "+t)
	}
	if len(params) > 0 || g.chance(0.2) {
		fmt.Fprintf(b, "        params: %s\n", yamlString(strings.Join(params, ", ")))
	}
	if stream {
		n := take()
		if n == "each" {
			n = take()
		}
		fmt.Fprintf(b, "        stream: %s\n", yamlString(n+" "+g.typ()))
	} else if nr := g.r.IntN(7); nr > 0 { // more than MaxResults packs them
		var results []string
		for range nr {
			results = append(results, take()+" "+g.typ())
		}
		fmt.Fprintf(b, "        results: %s\n", yamlString(strings.Join(results, ", ")))
	}
	if g.chance(0.3) {
		fmt.Fprintf(b, "        timeout: %s\n", g.pick("1s", "1500ms", "1m30s", "2h", "1ns", "3us", "250µs", "0.5s"))
	}
}

// yamlString quotes s for YAML in one of the ways a person would.
func yamlString(s string) string {
	if s == "" {
		return `""`
	}
	if !strings.ContainsAny(s, "'\"`#:{}[]&*!|>%@,") && s[0] != '-' && s[0] != '?' && s[0] != '<' && s[0] != '.' {
		return s // plain
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// typ returns a random type expression.
func (g *specGen) typ() string {
	g.depth++
	defer func() { g.depth-- }()
	if g.depth > 3 || g.chance(0.45) {
		return g.leaf()
	}
	switch g.r.IntN(13) {
	case 0:
		return "[]" + g.typ()
	case 1:
		return "map[" + g.key() + "]" + g.typ()
	case 2:
		return "*" + g.typ()
	case 3:
		return fmt.Sprintf("[%d]%s", g.r.IntN(17), g.typ())
	case 4:
		return g.chanType()
	case 5, 6:
		return g.funcType()
	case 7:
		return g.structType()
	case 8:
		v := "error"
		if g.chance(0.5) {
			v = g.typ()
		}
		return "iter.Seq2[" + g.typ() + ", " + v + "]"
	case 9:
		return "iter.Seq[" + g.typ() + "]"
	case 10:
		return "Pair[" + g.key() + ", " + g.typ() + "]"
	case 11:
		if q := g.metaQual(); q != "" {
			return q + ".Key[" + g.typ() + "]"
		}
		return "Seq[" + g.typ() + "]"
	default:
		return "Seq[" + g.typ() + "]"
	}
}

func (g *specGen) leaf() string {
	if g.chance(0.003) {
		g.invalid = true
		return g.pick(invalidTypes...)
	}
	switch g.r.IntN(6) {
	case 0, 1:
		return g.pick("int", "string", "bool", "byte", "rune", "error", "any", "float64", "uint8", "complex128",
			"uintptr", "int64", "interface{}", "struct{}", "int32")
	case 2:
		local := append([]string{"Entry", "Options", "ID", "Handler"}, g.ifaces...)
		return g.pick(local...)
	case 3:
		return g.pick("time.Duration", "time.Time", "io.Reader", "io.Writer", "fs.FileMode", "http.Header",
			"context.Context", "json.RawMessage", "big.Int", "*big.Rat", "http.Handler", "os.FileMode")
	case 4:
		if q := g.metaQual(); q != "" {
			return q + "." + g.pick("Attrs", "Event", "Codec", "ID")
		}
		return "Entry"
	default:
		switch g.r.IntN(3) {
		case 0:
			if g.imports["rand"] != "" {
				g.used["rand"] = true
				return "*rand.Rand"
			}
		case 1:
			if g.imports["tmpl"] != "" {
				g.used["tmpl"] = true
				return "*tmpl.Template"
			}
		default:
			if g.imports["js"] != "" {
				g.used["js"] = true
				return "js.Number"
			}
		}
		return "Options"
	}
}

// metaQual returns a qualifier for example.com/meta, or "".
func (g *specGen) metaQual() string {
	var qs []string
	for _, q := range []string{"meta", "m2"} {
		if g.imports[q] != "" {
			qs = append(qs, q)
		}
	}
	if len(qs) == 0 {
		return ""
	}
	q := g.pick(qs...)
	g.used[q] = true
	return q
}

// key returns a comparable type.
func (g *specGen) key() string {
	switch g.r.IntN(8) {
	case 0:
		return "[2]int"
	case 1:
		return "*Entry"
	case 2:
		return "struct{ A int; B string }"
	case 3:
		return "time.Duration"
	case 4:
		return "ID"
	case 5:
		if q := g.metaQual(); q != "" {
			return q + ".ID"
		}
		return "bool"
	case 6:
		return "chan int"
	default:
		return g.pick("string", "int", "rune", "float32", "any", "interface{}", "error")
	}
}

func (g *specGen) chanType() string {
	elem := g.typ()
	switch g.r.IntN(3) {
	case 0:
		return "chan<- " + elem
	case 1:
		return "<-chan " + elem
	}
	if strings.HasPrefix(elem, "<-chan") {
		elem = "(" + elem + ")"
	}
	return "chan " + elem
}

func (g *specGen) funcType() string {
	named := g.chance(0.5)
	n := g.r.IntN(4)
	var ps []string
	seen := map[string]bool{}
	for i := range n {
		t := g.typ()
		if i == n-1 && g.chance(0.3) {
			t = "..." + t
		}
		if named {
			name := g.pick("p", "ctx", "err", "done", "string", "each", "c")
			if seen[name] {
				name += strconv.Itoa(i)
			}
			seen[name] = true
			t = name + " " + t
		}
		ps = append(ps, t)
	}
	s := "func(" + strings.Join(ps, ", ") + ")"
	switch g.r.IntN(3) {
	case 0:
		return s
	case 1:
		return s + " " + g.typ()
	}
	return s + " (" + g.typ() + ", " + g.typ() + ")"
}

func (g *specGen) structType() string {
	n := g.r.IntN(4)
	var fs []string
	for i := range n {
		f := fmt.Sprintf("%s %s", g.pick("A", "b", "Ctx", "err", "string")+strconv.Itoa(i), g.typ())
		if g.chance(0.2) {
			f += " " + g.pick(`"json:\"a\""`, "`json:\"b,omitempty\"`")
		}
		fs = append(fs, f)
	}
	if n == 0 {
		return "struct{}"
	}
	return "struct{ " + strings.Join(fs, "; ") + " }"
}
