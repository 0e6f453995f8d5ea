package spec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/token"
	"slices"
	"strconv"
)

// SchemaID is the $id of the JSON Schema of the spec format: the address
// of the copy checked in as spec/v1.schema.json, which editors can be
// pointed at, e.g. with a "# yaml-language-server: $schema=" comment.
const SchemaID = "https://raw.githubusercontent.com/shimgen/shimgen/main/spec/v1.schema.json"

// Schema returns the JSON Schema (draft 2020-12) of the spec format,
// version 1, as indented JSON ending in a newline; the bytes are the same
// on every call. It is built from the key lists the parser checks specs
// against, so the two cannot disagree about which keys exist.
//
// The schema describes the structure of a spec: its keys, which are
// required, the types of their values and the simple rules about them,
// such as names being Go identifiers, timeouts Go durations and results
// and stream exclusive. It cannot check the Go syntax of params, sent
// items, results and streams, reserved and duplicate names, or unused
// imports: a spec
// the schema accepts may still be rejected by Parse, never the reverse
// for the keys and structure.
func Schema() []byte {
	var w schemaWriter
	w.value(schema(), "")
	w.buf.WriteByte('\n')
	return w.buf.Bytes()
}

// keySchema describes one key of a mapping of the spec.
type keySchema struct {
	required bool
	schema   func() object
}

// The keys of each level: each of rootKeys, interfaceKeys and methodKeys
// must have an entry here, and only those (Schema panics otherwise).
var (
	rootKeySchemas = map[string]keySchema{
		"shimgen": {true, func() object {
			return object{
				{"description", fmt.Sprintf("The spec format version, the integer %d. Required.", Version)},
				{"const", Version},
			}
		}},
		"package": {false, func() object {
			return object{
				{"description", "The Go package name of the generated code, a Go identifier other than \"_\". Without it the package is the directory's."},
				{"type", []any{"string", "null"}},
				{"pattern", identifierPattern},
				{"not", object{{"$ref", "#/$defs/reservedName"}}},
			}
		}},
		"imports": {false, func() object {
			return object{
				{"description", "A mapping from qualifier to import path for the packages that types refer to. Standard-library packages need no entry unless their name is ambiguous (rand: math/rand/v2). Every import must be used by some type."},
				{"type", []any{"object", "null"}},
				{"propertyNames", object{
					{"description", "The qualifier types use, a Go identifier."},
					{"pattern", identifierPattern},
					{"not", object{{"$ref", "#/$defs/reservedName"}}},
				}},
				{"additionalProperties", object{
					{"description", "The import path."},
					{"type", "string"},
					{"minLength", 1},
				}},
			}
		}},
		"interfaces": {true, func() object {
			return object{
				{"description", "The interfaces, at least one. Required."},
				{"type", "array"},
				{"minItems", 1},
				{"items", object{{"$ref", "#/$defs/interface"}}},
			}
		}},
	}
	interfaceKeySchemas = map[string]keySchema{
		"name": {true, func() object {
			return exportedName("The interface name, an exported Go identifier, unique in the spec. Required.")
		}},
		"doc": {false, func() object { return docString("The interface's doc comment.") }},
		"from": {false, func() object {
			return object{
				{"description", "The Go interface the spec was scaffolded from, as import path and name: the adapt form generates adapters to and from it."},
				{"type", []any{"string", "null"}},
				{"pattern", `^[^\s]+\.\p{Lu}[\p{L}\p{Nd}_]*$`},
				{"examples", []any{"io/fs.FS", "net/http.RoundTripper"}},
			}
		}},
		"as": {false, func() object {
			return object{
				{"description", "With from: the interface type original methods return this interface as, when it is not from (as: io/fs.File for from: io/fs.ReadDirFile)."},
				{"type", []any{"string", "null"}},
				{"pattern", `^[^\s]+\.\p{Lu}[\p{L}\p{Nd}_]*$`},
				{"examples", []any{"io/fs.File"}},
			}
		}},
		"embeds": {false, func() object {
			return object{
				{"description", "Interfaces of the same spec this one embeds, as Go does: their methods are this interface's too, in both forms."},
				{"type", []any{"array", "null"}},
				{"uniqueItems", true},
				{"items", exportedName("The name of an interface of the same spec.")},
				{"examples", []any{[]any{"Reader", "Closer"}}},
			}
		}},
		"methods": {false, func() object {
			return object{
				{"description", "The methods, at least one unless the interface embeds others."},
				{"type", []any{"array", "null"}},
				{"items", object{{"$ref", "#/$defs/method"}}},
			}
		}},
	}
	methodKeySchemas = map[string]keySchema{
		"name": {true, func() object {
			return exportedName("The method name, an exported Go identifier, unique in the interface. Required.")
		}},
		"doc": {false, func() object { return docString("The method's doc comment.") }},
		"params": {false, func() object {
			return object{
				{"description", "The parameters, a Go parameter list with every parameter named, such as \"key string, data []byte\"; ctx context.Context is implicit. Only the last may be variadic."},
				{"type", []any{"string", "null"}},
				{"examples", []any{"key string", "key string, data []byte"}},
			}
		}},
		"send": {false, func() object {
			return object{
				{"description", "Makes the method send items, one by one: the item, a single named parameter such as \"chunk []byte\", not variadic. With results (or neither key) a client stream, with stream a bidirectional stream. Not with a variadic parameter, error: false or carried, or an interface with from."},
				{"type", "string"},
				{"pattern", `\S`},
				{"examples", []any{"chunk []byte", "out Message"}},
			}
		}},
		"results": {false, func() object {
			return object{
				{"description", "The results, a Go parameter list with every result named, such as \"data []byte, found bool\"; err error is implicit. Not with stream."},
				{"type", []any{"string", "null"}},
				{"examples", []any{"data []byte, found bool"}},
			}
		}},
		"stream": {false, func() object {
			return object{
				{"description", "Makes the method a server stream (a bidirectional one with send): the item, a single named parameter such as \"entry Entry\", not variadic. Not with results."},
				{"type", "string"},
				{"pattern", `\S`},
				{"examples", []any{"entry Entry", "chunk []byte"}},
			}
		}},
		"error": {false, func() object {
			return object{
				{"description", "false: the blocking form returns no error (Name() string); the callback form's done keeps err, which carries the runtime's refusals. carried: both forms return err; the interface's from method has none, its last result (a pointer) carries it with Err() and SetErr. Not with stream or send."},
				{"anyOf", []any{object{{"type", []any{"boolean", "null"}}}, object{{"const", "carried"}}}},
			}
		}},
		"ctx": {false, func() object {
			return object{
				{"description", "added: the interface's from method takes no ctx; the spec added it (shimgen init --add-ctx writes it)."},
				{"anyOf", []any{object{{"type", "null"}}, object{{"const", "added"}}}},
			}
		}},
		"as": {false, func() object {
			return object{
				{"description", "With the interface's from: the interface type the from method returns its handle result or stream item as, overriding the handle interface's as (as: io/fs.ReadDirFile)."},
				{"type", []any{"string", "null"}},
				{"pattern", `^[^\s]+\.\p{Lu}[\p{L}\p{Nd}_]*$`},
				{"examples", []any{"io/fs.ReadDirFile"}},
			}
		}},
		"timeout": {false, func() object {
			return object{
				{"description", "A per-call deadline, a Go duration greater than zero such as \"2s\" or \"1m30s\"; for a stream, of the whole stream."},
				{"type", []any{"string", "null"}},
				{"pattern", "^(" + durationPattern + ")?$"},
				{"not", object{{"type", "string"}, {"pattern", "^" + zeroDurationPattern + "$"}}},
				{"examples", []any{"2s", "1m30s"}},
			}
		}},
	}
)

// Patterns, valid both as Go (RE2) and as ECMA-262 regular expressions
// with the u flag.
const (
	identifierPattern = `^[\p{L}_][\p{L}\p{Nd}_]*$`
	exportedPattern   = `^\p{Lu}[\p{L}\p{Nd}_]*$`
	durationUnit      = `(ns|us|µs|μs|ms|s|m|h)`
	// durationPattern matches the text time.ParseDuration reads, without
	// a minus sign.
	durationPattern     = `[+]?((\d+(\.\d*)?|\.\d+)` + durationUnit + `)+`
	zeroDurationPattern = `[+]?((0+(\.0*)?|\.0+)` + durationUnit + `)+`
)

// The method keys that cannot appear together, the first reported.
var exclusiveMethodKeys = [2]string{"stream", "results"}

func schema() object {
	if !contains(methodKeys, exclusiveMethodKeys[0]) || !contains(methodKeys, exclusiveMethodKeys[1]) {
		panic("spec: schema: exclusive method keys not in methodKeys")
	}
	return mapping(object{
		{"$schema", "https://json-schema.org/draft/2020-12/schema"},
		{"$id", SchemaID},
		{"title", fmt.Sprintf("shimgen spec, format version %d", Version)},
		{"description", "A shimgen spec (*.shim.yaml): interfaces from which shimgen generates a blocking and a callback form of an API."},
	}, rootKeys, rootKeySchemas, nil, object{
		{"$defs", object{
			{"reservedName", keywordNames()},
			{"interface", mapping(object{
				{"title", "interface"},
				{"description", "An interface: a name, a doc comment, the interfaces it embeds and its methods."},
			}, interfaceKeys, interfaceKeySchemas, nil, object{
				{"anyOf", []any{
					object{{"required", []any{"methods"}}, {"properties", object{{"methods", object{{"type", "array"}, {"minItems", 1}}}}}},
					object{{"required", []any{"embeds"}}, {"properties", object{{"embeds", object{{"type", "array"}, {"minItems", 1}}}}}},
				}},
			})},
			{"method", mapping(object{
				{"title", "method"},
				{"description", "A method: its name, doc comment, params, the item it sends, results or a stream, and a timeout. Every method receives ctx context.Context first and returns err error last."},
			}, methodKeys, methodKeySchemas, futureMethodKeys, object{
				{"not", object{
					{"description", "A method either returns results or streams items, not both."},
					{"required", []any{exclusiveMethodKeys[0], exclusiveMethodKeys[1]}},
				}},
				{"allOf", []any{
					errorKept("stream"),
					errorKept("send"),
				}},
			})},
		}},
	})
}

// mapping returns the schema of a mapping with the given keys, described
// by schemas, and the future keys, disallowed: head, then the type,
// required keys and properties, then tail.
func mapping(head object, keys []string, schemas map[string]keySchema, future map[string]string, tail object) object {
	if len(schemas) != len(keys) {
		panic(fmt.Sprintf("spec: schema: %d key schemas for the %d keys %v", len(schemas), len(keys), keys))
	}
	var props object
	var required []any
	for _, k := range keys {
		ks, ok := schemas[k]
		if !ok {
			panic(fmt.Sprintf("spec: schema: no schema for key %q", k))
		}
		if ks.required {
			required = append(required, k)
		}
		props = append(props, member{k, ks.schema()})
	}
	futureKeys := make([]string, 0, len(future))
	for k := range future {
		futureKeys = append(futureKeys, k)
	}
	slices.Sort(futureKeys)
	for _, k := range futureKeys {
		props = append(props, member{k, object{
			{"description", fmt.Sprintf("Not allowed: %s %s.", strconv.Quote(k), future[k])},
			{"not", object{}},
		}})
	}
	out := append(head, member{"type", "object"})
	if len(required) > 0 {
		out = append(out, member{"required", required})
	}
	out = append(out, member{"properties", props}, member{"additionalProperties", false})
	return append(out, tail...)
}

// errorKept is the schema of a method that, with key, cannot drop or
// carry its error.
func errorKept(key string) object {
	return object{
		{"if", object{{"required", []any{key}}}},
		{"then", object{{"properties", object{{"error", object{{"not", object{{"enum", []any{false, "carried"}}}}}}}}}},
	}
}

func exportedName(desc string) object {
	return object{
		{"description", desc},
		{"type", "string"},
		{"pattern", exportedPattern},
	}
}

func docString(desc string) object {
	return object{
		{"description", desc},
		{"type", []any{"string", "null"}},
	}
}

// keywordNames is a schema matching the blank identifier and the Go
// keywords, which cannot name a package or an import.
func keywordNames() object {
	words := []any{"_"}
	var kws []string
	for tok := range token.Token(256) {
		if tok.IsKeyword() {
			kws = append(kws, tok.String())
		}
	}
	slices.Sort(kws)
	for _, k := range kws {
		words = append(words, k)
	}
	return object{
		{"description", "The blank identifier and the Go keywords, which cannot be names."},
		{"enum", words},
	}
}

// object is a JSON object whose members keep their order.
type object []member

type member struct {
	key   string
	value any
}

// schemaWriter writes JSON values as json.MarshalIndent does with a
// two-space indent, without escaping <, > and &.
type schemaWriter struct {
	buf bytes.Buffer
}

func (w *schemaWriter) value(v any, indent string) {
	inner := indent + "  "
	switch v := v.(type) {
	case object:
		if len(v) == 0 {
			w.buf.WriteString("{}")
			return
		}
		w.buf.WriteString("{")
		for i, m := range v {
			if i > 0 {
				w.buf.WriteString(",")
			}
			w.buf.WriteString("\n" + inner)
			w.scalar(m.key)
			w.buf.WriteString(": ")
			w.value(m.value, inner)
		}
		w.buf.WriteString("\n" + indent + "}")
	case []any:
		if len(v) == 0 {
			w.buf.WriteString("[]")
			return
		}
		w.buf.WriteString("[")
		for i, x := range v {
			if i > 0 {
				w.buf.WriteString(",")
			}
			w.buf.WriteString("\n" + inner)
			w.value(x, inner)
		}
		w.buf.WriteString("\n" + indent + "]")
	default:
		w.scalar(v)
	}
}

// scalar writes a string, number or boolean.
func (w *schemaWriter) scalar(v any) {
	switch v.(type) {
	case string, int, bool:
	default:
		panic(fmt.Sprintf("spec: schema: unexpected %T", v))
	}
	enc := json.NewEncoder(&w.buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	w.buf.Truncate(w.buf.Len() - 1) // Encode's newline
}
