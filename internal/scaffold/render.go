package scaffold

import (
	"fmt"
	"strings"

	"github.com/shimgen/shimgen/spec"
)

// SchemaComment is the first line of every spec shimgen init writes unless
// told of a local copy of the schema: it points editors running the YAML
// language server at the spec's schema.
const SchemaComment = "# yaml-language-server: $schema=" + spec.SchemaID

// schemaComment is the first line of a spec: SchemaComment, or the same
// naming schema (a path relative to the spec) when it is not "".
func schemaComment(schema string) string {
	if schema == "" {
		return SchemaComment
	}
	return "# yaml-language-server: $schema=" + schema
}

// render writes the spec.
func render(list []*iface, q *qualifiers, out Output, opt Options) []byte {
	w := &writer{}
	header(w, list, opt)
	w.line(0, -1, "shimgen: 1")
	if out.Name != "" {
		w.line(0, -1, "package: "+out.Name)
	}
	writeImports(w, q)
	w.line(0, -1, "interfaces:")
	for _, it := range list {
		writeIface(w, it)
	}
	return w.b.Bytes()
}

// header writes the schema line and says where the spec came from.
func header(w *writer, list []*iface, opt Options) {
	w.b.WriteString(schemaComment(opt.Schema) + "\n")
	w.line(0, 0, "")
	var froms []Source
	for _, it := range list {
		if !it.kept {
			froms = append(froms, it.src.recorded())
		}
	}
	w.line(0, 0, scaffoldedLine(froms, opt.AddContext, opt.AddError))
	w.line(0, 0, "Review it, then run shimgen generate in this directory. Entries")
	w.line(0, 0, "commented out could not be translated as they are; each says why.")
	for _, it := range list {
		if it.samePkg && it.skip == "" && !it.src.Concrete {
			w.line(0, 0, fmt.Sprintf("%s is declared in this package: shimgen generates it, so remove", it.src.Name))
			w.line(0, 0, "the hand-written declaration before generating.")
		}
	}
}

// writeImports declares the qualifiers that need it; those only skipped
// methods use are written commented out.
func writeImports(w *writer, q *qualifiers) {
	live, skipped := q.imports()
	if len(live)+len(skipped) == 0 {
		return
	}
	c := -1
	if len(live) == 0 {
		c = 0
	}
	w.line(0, c, "imports:")
	for _, name := range live {
		w.line(2, -1, name+": "+scalar(q.taken[name]))
	}
	for _, name := range skipped {
		w.line(2, 0, name+": "+scalar(q.taken[name])+"  # used only by skipped methods")
	}
}

func writeIface(w *writer, it *iface) {
	c := -1 // the column of the comment mark, when commented out
	if it.skip != "" {
		c = 2
	}
	w.line(2, c, "- name: "+it.src.Name+skipComment(it.skip))
	w.field(4, c, "doc", it.doc)
	w.field(4, c, "from", it.from)
	if it.leftOutFrom != "" {
		w.line(4, max(c, 4), "from: "+scalar(it.leftOutFrom)+"  # left out: client and bidirectional streams cannot be adapted to the original interface yet")
	}
	w.field(4, c, "as", it.as)
	if len(it.embeds) > 0 {
		w.line(4, c, "embeds: ["+strings.Join(it.embeds, ", ")+"]")
	}
	if len(it.methods) == 0 {
		return
	}
	w.line(4, c, "methods:")
	for _, m := range it.methods {
		writeMethod(w, m, c)
	}
}

// writeMethod writes m, commented out at column c if c >= 0 (the whole
// interface is), else at its own column if it is skipped.
func writeMethod(w *writer, m *method, c int) {
	if c < 0 && len(m.skip) > 0 {
		c = 6
	}
	w.line(6, c, "- name: "+m.name+skipComment(strings.Join(m.skip, "; ")))
	w.field(8, c, "doc", m.doc)
	if m.typed {
		w.field(8, c, "params", text(m.params))
		if m.send != nil {
			w.field(8, c, "send", text([]param{*m.send}))
		}
		w.field(8, c, "results", text(m.results))
		if m.stream != nil {
			w.field(8, c, "stream", text([]param{*m.stream}))
		}
	}
	w.field(8, c, "timeout", m.timeout)
	if m.ctxAdded {
		w.field(8, c, "ctx", "added")
	}
	if m.errMode != "" {
		w.line(8, c, "error: "+m.errMode) // a boolean or a word, unquoted
	}
	w.field(8, c, "as", m.as)
}

func skipComment(reason string) string {
	if reason == "" {
		return ""
	}
	return "  # skipped: " + reason
}
