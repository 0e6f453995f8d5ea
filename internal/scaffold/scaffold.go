package scaffold

import (
	"fmt"
	"strings"

	"github.com/shimgen/shimgen/spec"
)

// Options tunes the translation.
type Options struct {
	// AddContext scaffolds methods that lack a leading context.Context
	// parameter too, instead of commenting them out: the generated methods
	// take ctx first, so they differ from the source.
	AddContext bool
	// AddError scaffolds methods without a trailing error too: `error:
	// carried` when the last result carries one (Err() error and
	// SetErr(error), as go-redis's commands), else `error: false`.
	AddError bool
	// Schema is the $schema the spec's first line names: "" for the
	// schema's address, else a path relative to the spec.
	Schema string
}

// iface is one interface translated into a spec interface.
type iface struct {
	src       *Interface
	doc       string // the doc, its links qualified
	methods   []*method
	skip      string // why the whole interface is commented out
	samePkg   bool   // declared in the output package
	liveCount int
	// from and as are the interface's from and as keys ("io/fs.FS"), embeds
	// the spec interfaces it embeds.
	from, as string
	embeds   []string
	// leftOutFrom is the from left out because the interface sends items
	// (see dropSendersFrom), written as a comment.
	leftOutFrom string
	kept        bool // not from a source: kept as the spec being updated has it
}

// Spec is a scaffolded spec.
type Spec struct {
	Data []byte
	// Warning, when not "", says that no method could be written
	// uncommented, and why: Data is then a spec of commented-out entries
	// only, which does not generate until some are fixed by hand.
	Warning string
}

// Write translates the interfaces into a spec for output package out.
// It fails when two interfaces share a name.
func Write(ifaces []*Interface, out Output, opt Options) (Spec, error) {
	if err := checkSources(ifaces, out); err != nil {
		return Spec{}, err
	}
	return build(ifaces, out, opt, nil), nil
}

// checkSources fails when two interfaces share a name, or a concrete type
// would share its name with the interface made from it.
func checkSources(ifaces []*Interface, out Output) error {
	if err := uniqueNames(ifaces); err != nil {
		return err
	}
	return typeClash(ifaces, out)
}

// build translates the interfaces, keeps what old (a spec being updated,
// or nil) adds to them, and renders the spec.
func build(ifaces []*Interface, out Output, opt Options, old *spec.File) Spec {
	tr := &translator{q: newQualifiers(out.Path), addContext: opt.AddContext, addError: opt.AddError}
	tr.sources(ifaces)
	list := make([]*iface, len(ifaces))
	for i, in := range ifaces {
		list[i] = tr.iface(in)
	}
	for _, it := range list {
		if obj := tr.asOf[it.src.Name]; obj != nil && it.from != "" {
			it.as = obj.Pkg().Path() + "." + obj.Name()
		}
	}
	methodAs(list)
	if old != nil {
		list = keep(list, old, tr.q)
		// The spec being updated decides its package line: the Go files
		// now in its directory may be the ones generated from it.
		out.Name = old.Package
	}
	dropSendersFrom(list)
	live := 0
	for _, it := range list {
		if it.skip == "" {
			live++
		}
	}
	sp := Spec{Data: render(list, tr.q, out, opt)}
	if live == 0 {
		sp.Warning = nothingFits(list)
	}
	return sp
}

func uniqueNames(ifaces []*Interface) error {
	seen := map[string]Source{}
	for _, in := range ifaces {
		if prev, ok := seen[in.Name]; ok {
			return fmt.Errorf("--from %s and --from %s: both interfaces are named %s, and a spec's interface names must be unique; rename one: --from %s.%s=NewName",
				prev, in.Source, in.Name, in.Source.Pattern, in.Source.Name)
		}
		seen[in.Name] = in.Source
	}
	return nil
}

// typeClash fails for a concrete type of the output package that keeps
// its name: the generated interface would be declared beside it.
func typeClash(ifaces []*Interface, out Output) error {
	for _, in := range ifaces {
		if in.Concrete && in.PkgPath == out.Path && in.Source.As == "" {
			return fmt.Errorf("--from %s: the generated interface would be named %s like the type it is made from, in the same package; rename it: --from %[1]s=%[2]sAPI", in.Source, in.Name)
		}
	}
	return nil
}

// iface translates one interface: each method of its method set, in
// declaration order.
func (tr *translator) iface(in *Interface) *iface {
	qual := func() string { return tr.q.qualifier(in.Pkg) }
	it := &iface{src: in, samePkg: in.PkgPath == tr.q.out, doc: qualifyLinks(in.Doc, in.Pkg, qual)}
	if in.Type != nil && !in.Type.IsMethodSet() {
		it.skip = "a constraint (it has a type set), not an interface of methods"
		return it
	}
	if obj := in.typeName(); obj != nil && !it.samePkg {
		it.from = in.PkgPath + "." + obj.Name()
	}
	var brought map[string]bool
	it.embeds, brought = tr.embeds(in)
	for _, fn := range in.Methods {
		if brought[fn.Name()] {
			continue
		}
		m := tr.method(fn, qualifyLinks(in.Docs[fn.Pos()], in.Pkg, qual))
		it.methods = append(it.methods, m)
		if len(m.skip) == 0 {
			it.liveCount++
		}
	}
	if it.liveCount == 0 && len(it.embeds) == 0 {
		it.skip = "none of its methods fits"
		if len(it.methods) == 0 {
			it.skip = "it has no methods"
		}
	}
	return it
}

// nothingFits lists why no interface could be scaffolded.
func nothingFits(list []*iface) string {
	var b strings.Builder
	b.WriteString("nothing fits as it is: no method can become a spec method, so every entry is commented out")
	for _, it := range list {
		fmt.Fprintf(&b, "\n\t%s: %s", it.src.Source, it.skip)
		for _, m := range it.methods {
			fmt.Fprintf(&b, "\n\t\t%s: %s", m.name, strings.Join(m.skip, "; "))
		}
	}
	return b.String()
}
