package templates

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shimgen/shimgen/spec"
)

// Names are the identifiers generated for one interface.
type Names struct {
	Blocking    string // the blocking interface: Bucket
	Async       string // the callback interface: BucketAsync
	NewBlocking string // NewBucketBlocking
	NewAsync    string // NewBucketAsync
	blockingT   string // bucketBlocking: blocking form over a callback implementation
	directT     string // bucketDirect: blocking form over a blocking implementation
	asyncT      string // bucketAsync: callback form over a blocking implementation
	lower       string // bucket
}

// NamesOf returns the generated identifiers of interface iface.
func NamesOf(iface *spec.Interface) Names {
	lower := LowerFirst(iface.Name)
	return Names{
		Blocking:    iface.Name,
		Async:       iface.Name + "Async",
		NewBlocking: "New" + iface.Name + "Blocking",
		NewAsync:    "New" + iface.Name + "Async",
		blockingT:   lower + "Blocking",
		directT:     lower + "Direct",
		asyncT:      lower + "Async",
		lower:       lower,
	}
}

// BlockingType is the unexported type implementing the blocking form over a
// callback implementation.
func (n Names) BlockingType() string { return n.blockingT }

// DirectType is the unexported type implementing the blocking form directly
// over a blocking implementation (a round trip through both forms).
func (n Names) DirectType() string { return n.directT }

// AsyncType is the unexported type implementing the callback form over a
// blocking implementation.
func (n Names) AsyncType() string { return n.asyncT }

// CallType is the per-call state of method m in the callback form.
func (n Names) CallType(m *spec.Method) string { return n.lower + m.Name + "Call" }

// WaitType is the per-call state of method m in the blocking form.
func (n Names) WaitType(m *spec.Method) string { return n.lower + m.Name + "Wait" }

// TimeoutConst is the constant holding method m's timeout.
func (n Names) TimeoutConst(m *spec.Method) string { return n.lower + m.Name + "Timeout" }

// All lists every package-level identifier generated for the interface, in
// a stable order.
func (n Names) All(iface *spec.Interface) []string {
	all := []string{n.Blocking, n.Async, n.NewBlocking, n.NewAsync, n.blockingT, n.directT, n.asyncT}
	for _, m := range iface.Methods {
		all = append(all, n.CallType(m), n.WaitType(m))
		if m.Timeout > 0 {
			all = append(all, n.TimeoutConst(m))
		}
	}
	return all
}

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
// interface, and the parameters every generated method has (ctx, done, err,
// and each for a stream). A stream item's name is in no generated body's
// scope; it is avoided anyway, so that the spec's names and the generator's
// never meet.
func ParamNames(iface *spec.Interface) map[string]bool {
	taken := map[string]bool{"ctx": true, "done": true, "err": true, "each": true}
	for _, m := range iface.Methods {
		for _, p := range m.Params {
			taken[p.Name] = true
		}
		for _, p := range m.Results {
			taken[p.Name] = true
		}
		if m.Stream != nil {
			taken[m.Stream.Name] = true
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
