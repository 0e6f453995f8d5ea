package templates

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shimgen/shimgen/spec"
)

// Names are the identifiers every form may refer to for one interface:
// each form declares some of them (see Form.Declares) and names others, so
// they are spelled in one place.
type Names struct {
	Blocking     string // the blocking interface: Bucket
	Async        string // the callback interface: BucketAsync
	NewBlocking  string // NewBucketBlocking
	NewAsync     string // NewBucketAsync
	BlockingType string // bucketBlocking: blocking form over a callback implementation
	DirectType   string // bucketDirect: blocking form over a blocking implementation
	AsyncType    string // bucketAsync: callback form over a blocking implementation
	AsyncOf      string // bucketAsyncOf: the callback form of a handle, nil kept
	BlockingOf   string // bucketBlockingOf: the blocking form of a handle, nil kept
	DirectOf     string // bucketDirectOf: a blocking handle behind the runtime's rules, nil kept
	lower        string // bucket
}

// NamesOf returns the generated identifiers of interface iface.
func NamesOf(iface *spec.Interface) Names {
	lower := LowerFirst(iface.Name)
	return Names{
		Blocking:     iface.Name,
		Async:        iface.Name + "Async",
		NewBlocking:  "New" + iface.Name + "Blocking",
		NewAsync:     "New" + iface.Name + "Async",
		BlockingType: lower + "Blocking",
		DirectType:   lower + "Direct",
		AsyncType:    lower + "Async",
		AsyncOf:      lower + "AsyncOf",
		BlockingOf:   lower + "BlockingOf",
		DirectOf:     lower + "DirectOf",
		lower:        lower,
	}
}

// MethodVar is the runtimes.Method describing method m to the runtime.
func (n Names) MethodVar(m *spec.Method) string { return n.lower + m.Name + "Method" }

// TimeoutConst is the constant holding method m's timeout.
func (n Names) TimeoutConst(m *spec.Method) string { return n.lower + m.Name + "Timeout" }

// CallType is the state of one call of unary method m in the callback
// form, and StepFunc the function that drives it; a client or
// bidirectional stream's call state has methods instead.
func (n Names) CallType(m *spec.Method) string { return n.lower + m.Name + "Call" }

// StepFunc drives a CallType (see runtimes.Runtime.StartFunc).
func (n Names) StepFunc(m *spec.Method) string { return n.lower + m.Name + "Step" }

// WaitType is the state of one call of unary method m, or of a client or
// bidirectional stream, in the blocking form.
func (n Names) WaitType(m *spec.Method) string { return n.lower + m.Name + "Wait" }

// InvokeFunc calls method m of a callback implementation: for a unary
// method with a WaitType state (see runtimes.Runtime.WaitFunc), for a
// packed stream with an ArgsType.
func (n Names) InvokeFunc(m *spec.Method) string { return n.lower + m.Name + "Invoke" }

// DirectCall is the state of one call of client or bidirectional stream m
// in the blocking form over a blocking implementation.
func (n Names) DirectCall(m *spec.Method) string { return n.lower + m.Name + "Direct" }

// ArgsType carries the parameters of a packed streaming method m.
func (n Names) ArgsType(m *spec.Method) string { return n.lower + m.Name + "Args" }

// OpenFunc calls packed streaming method m of a blocking implementation
// with an ArgsType.
func (n Names) OpenFunc(m *spec.Method) string { return n.lower + m.Name + "Open" }

// LowerFirst lowers the leading upper-case run of an exported name the way Go
// programmers do: "Bucket" → "bucket", "HTTPClient" → "httpClient",
// "URL" → "url".
func LowerFirst(s string) string {
	runes := []rune(s)
	n := 0
	for n < len(runes) && unicode.IsUpper(runes[n]) {
		n++
	}
	if n > 1 && n < len(runes) && unicode.IsLower(runes[n]) {
		n-- // keep the capital that starts the next word: HTTPClient → httpClient
	}
	for i := 0; i < n; i++ {
		runes[i] = unicode.ToLower(runes[i])
	}
	return string(runes)
}

// Fresh returns base, or base with a numeric suffix, choosing the first that
// is not in taken. Generated receivers and locals use it so they never
// shadow a parameter.
func Fresh(base string, taken map[string]bool) string {
	if !taken[base] {
		return base
	}
	for i := 2; ; i++ {
		if s := base + strconv.Itoa(i); !taken[s] {
			return s
		}
	}
}

// ParamNames returns the set of names generated receivers and locals must
// avoid: the parameter, result and stream item names used anywhere in the
// interface, the blocking form's iterators of sent items (chunks), the
// reserved names of every method kind (ctx, done, err, each…) and the
// package qualifiers the interface's types use, which a
// local of a function literal's scope would hide. A stream item's name is in
// no generated body's scope; it is avoided anyway, so that the spec's names
// and the generator's never meet.
func ParamNames(iface *spec.Interface) map[string]bool {
	taken := map[string]bool{}
	for _, q := range spec.Qualifiers(iface) {
		taken[q] = true
	}
	for _, k := range spec.Kinds {
		for _, name := range spec.ReservedNames(k) {
			taken[name] = true
		}
	}
	for _, m := range iface.Methods {
		for _, p := range m.Items() {
			taken[p.Name] = true
		}
		if m.Send != nil {
			taken[m.SendsName()] = true // a parameter of the blocking form
		}
	}
	return taken
}

// Ident turns a file name such as "my-api" into an upper-camel identifier
// fragment ("MyApi"), dropping characters an identifier cannot hold.
func Ident(name string) string {
	var b strings.Builder
	up := true
	for _, r := range name {
		switch {
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if up {
				r = unicode.ToUpper(r)
			}
			b.WriteRune(r)
			up = false
		default:
			up = true
		}
	}
	return b.String()
}
