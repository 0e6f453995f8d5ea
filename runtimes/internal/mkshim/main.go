// Command mkshim writes shim_arity.go: the helpers the generated code
// calls for a streaming method, one per number of parameters (0 to
// maxParams, the last one variadic or not):
//
//	StartStreamPk   the callback form over a blocking implementation
//	AwaitStreamPk   the blocking form over a callback implementation
//	DirectStreamPk  the blocking form over the callback form over a blocking one
//
// (PkV for a variadic last parameter, where the form keeps it variadic).
// The generated code passes the implementation's method as a method
// expression (Bucket.List), so it needs no type of its own per method.
// Go's generics cannot abstract over the number of a function's
// parameters, so the variants are written by this program rather than by
// hand. Run it with go generate in the runtimes directory.
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"log"
	"os"
	"strings"
	"text/template"
)

// maxParams is the most parameters besides ctx of a helper; generated code
// packs more into one struct.
const maxParams = 4

// shape is one combination of parameters and results.
type shape struct {
	K, M     int
	Variadic bool // the last parameter is ...V (Start and Direct only)
}

// names of the type parameters and values.
func (s shape) ps() []string { return seq("P", s.K) }
func (s shape) rs() []string { return seq("R", s.M) }

func seq(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%d", prefix, i+1)
	}
	return out
}

func lower(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strings.ToLower(x)
	}
	return out
}

// Suffix names the variant: P2R1, P2VR0, P1 (streams).
func (s shape) Suffix() string {
	v := ""
	if s.Variadic {
		v = "V"
	}
	return fmt.Sprintf("P%d%sR%d", s.K, v, s.M)
}

// StreamSuffix names a stream variant: P2, P1V.
func (s shape) StreamSuffix() string { return strings.TrimSuffix(s.Suffix(), "R0") }

// TParams is the type parameter list after I: ", P1, P2, R1 any".
func (s shape) TParams() string {
	all := append(s.ps(), s.rs()...)
	if len(all) == 0 {
		return " any"
	}
	return ", " + strings.Join(all, ", ") + " any"
}

// TArgs instantiates the state: "[I, P1, P2, R1]".
func (s shape) TArgs() string {
	return "[" + strings.Join(append([]string{"I"}, append(s.ps(), s.rs()...)...), ", ") + "]"
}

// TStreamParams and TStreamArgs are the same for streams, with T last.
func (s shape) TStreamParams() string {
	return ", " + strings.Join(append(s.ps(), "T"), ", ") + " any"
}

func (s shape) TStreamArgs() string {
	return "[" + strings.Join(append([]string{"I"}, append(s.ps(), "T")...), ", ") + "]"
}

// paramType is the type of parameter i as the method takes it; spread
// says whether a variadic one is ...V (in fn) or []V (a value).
func (s shape) paramType(i int, spread bool) string {
	p := fmt.Sprintf("P%d", i+1)
	if s.Variadic && i == s.K-1 {
		if spread {
			return "..." + p
		}
		return "[]" + p
	}
	return p
}

// FnParams is the parameter list of the method expression after I and ctx.
func (s shape) FnParams() string {
	var out []string
	for i := range s.K {
		out = append(out, ", "+s.paramType(i, true))
	}
	return strings.Join(out, "")
}

// ValueParams declares the helper's parameters: ", p1 P1, p2 []P2".
func (s shape) ValueParams() string {
	var out []string
	for i, p := range lower(s.ps()) {
		out = append(out, fmt.Sprintf(", %s %s", p, s.paramType(i, false)))
	}
	return strings.Join(out, "")
}

// Fields declares the state's parameter fields.
func (s shape) Fields() string {
	var out []string
	for i, p := range lower(s.ps()) {
		out = append(out, fmt.Sprintf("%s %s\n", p, s.paramType(i, false)))
	}
	return strings.Join(out, "")
}

// ResultFields declares the state's result fields.
func (s shape) ResultFields() string {
	var out []string
	for i, r := range lower(s.rs()) {
		out = append(out, fmt.Sprintf("%s R%d\n", r, i+1))
	}
	return strings.Join(out, "")
}

// Init sets the parameter fields in a composite literal: "p1: p1, p2: p2, ".
func (s shape) Init() string {
	var out []string
	for _, p := range lower(s.ps()) {
		out = append(out, p+": "+p+", ")
	}
	return strings.Join(out, "")
}

// Pass passes the parameters from x (the state, or "" for the helper's own
// parameters) to fn: ", s.p1, s.p2...".
func (s shape) Pass(x string) string {
	var out []string
	for i, p := range lower(s.ps()) {
		a := ", " + x + p
		if s.Variadic && i == s.K-1 {
			a += "..."
		}
		out = append(out, a)
	}
	return strings.Join(out, "")
}

// Results is the result types before error: "R1, R2, ".
func (s shape) Results() string { return list(s.rs(), "", ", ") }

// Named is the named results before err: "r1 R1, r2 R2, ".
func (s shape) Named() string {
	var out []string
	for i, r := range lower(s.rs()) {
		out = append(out, fmt.Sprintf("%s R%d, ", r, i+1))
	}
	return strings.Join(out, "")
}

// Of lists the results of the state x: "s.r1, s.r2, ".
func (s shape) Of(x string) string { return list(lower(s.rs()), x, ", ") }

// Store copies results into the state: "s.r1, s.r2 = r1, r2".
func (s shape) Store() string {
	rs := lower(s.rs())
	return strings.TrimSuffix(list(rs, "s.", ", "), ", ") + " = " + strings.Join(rs, ", ")
}

func list(xs []string, prefix, sep string) string {
	var b strings.Builder
	for _, x := range xs {
		b.WriteString(prefix + x + sep)
	}
	return b.String()
}

// streamShapes lists the stream variants; variadic tells whether the form
// keeps a variadic parameter ...V (the callback form takes a slice).
func streamShapes(variadic bool) []shape {
	var out []shape
	for k := 0; k <= maxParams; k++ {
		out = append(out, shape{K: k})
		if k > 0 && variadic {
			out = append(out, shape{K: k, Variadic: true})
		}
	}
	return out
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("mkshim: ")
	src, err := render()
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("shim_arity.go", src, 0o644); err != nil {
		log.Fatal(err)
	}
}

func render() ([]byte, error) {
	var buf bytes.Buffer
	t := template.Must(template.New("shim").Parse(tmpl))
	data := struct {
		MaxParams              int
		StartStream, AwaitStrm []shape
	}{maxParams, streamShapes(true), streamShapes(false)}
	if err := t.Execute(&buf, data); err != nil {
		return nil, err
	}
	src, err := format.Source(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("%w\n%s", err, buf.Bytes())
	}
	return src, nil
}
