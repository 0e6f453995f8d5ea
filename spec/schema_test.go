package spec

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/tools/txtar"
	"gopkg.in/yaml.v3"
)

var updateSchema = flag.Bool("update", false, "rewrite v1.schema.json from Schema()")

const schemaFile = "v1.schema.json"

// TestSchemaFile checks that the checked-in schema is Schema()'s output;
// go test ./spec -run TestSchemaFile -update rewrites it.
func TestSchemaFile(t *testing.T) {
	got := Schema()
	if !bytes.Equal(got, Schema()) {
		t.Fatal("Schema() differs between calls")
	}
	if !bytes.HasSuffix(got, []byte("}\n")) {
		t.Error("Schema() does not end in a newline")
	}
	if *updateSchema {
		if err := os.WriteFile(schemaFile, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s is stale; run go test ./spec -run TestSchemaFile -update (-file +Schema()):\n%s", schemaFile, diff)
	}
}

// compiledSchema compiles Schema() with a draft 2020-12 validator, which
// also checks it against the draft's meta-schema.
func compiledSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(SchemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(SchemaID)
	if err != nil {
		t.Fatalf("compiling the schema: %v", err)
	}
	return sch
}

// instance converts a YAML spec into the JSON value the schema applies to,
// as an editor's YAML support does.
func instance(data []byte) (any, error) {
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	b, err := json.Marshal(normalize(v))
	if err != nil {
		return nil, err
	}
	return jsonschema.UnmarshalJSON(bytes.NewReader(b))
}

// normalize turns the map[any]any of YAML mappings with non-string keys
// into map[string]any, recursively.
func normalize(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = normalize(x)
		}
		return v
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[fmt.Sprint(k)] = normalize(x)
		}
		return m
	case []any:
		for i, x := range v {
			v[i] = normalize(x)
		}
		return v
	}
	return v
}

// schemaErrors are the parser's errors that the schema must catch too: a
// spec with one of them is invalid for the schema.
var schemaErrors = []string{
	`unknown key "`,
	`key "results" cannot be used with both`,
	`"error: false" cannot be used with`,
	`"error: carried" cannot be used with`,
	"must not be empty",
	`key "stream" cannot be used with "results"`,
	`missing required key "`,
	"must list at least one",
	"unsupported format version",
	"must be exported",
	"is not a duration",
	"must be positive",
}

// schemaError returns the first of the parser's errors err that the schema
// must catch, or "".
func schemaError(err error) string {
	if err == nil {
		return ""
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		for _, s := range schemaErrors {
			if strings.Contains(line, s) {
				return line
			}
		}
	}
	return ""
}

// checkAgreement checks a spec against the parser and the schema: a spec
// Parse accepts must be valid for the schema, and one Parse rejects with
// one of schemaErrors invalid.
func checkAgreement(t *testing.T, sch *jsonschema.Schema, name string, data []byte) {
	t.Helper()
	_, perr := Parse(name, data)
	inst, err := instance(data)
	if err != nil {
		if perr == nil {
			t.Errorf("%s: Parse accepts it, but it does not convert to JSON: %v", name, err)
		}
		return // not YAML the schema can apply to
	}
	serr := sch.Validate(inst)
	switch {
	case perr == nil && serr != nil:
		t.Errorf("%s: valid for Parse, invalid for the schema: %v", name, serr)
	case schemaError(perr) != "" && serr == nil:
		t.Errorf("%s: valid for the schema, but Parse reports: %s", name, schemaError(perr))
	}
}

// repoSpecs returns every spec in the repository: the examples, and those
// in the txtar archives of the golden tests and the command's scripts.
func repoSpecs(t *testing.T) map[string][]byte {
	t.Helper()
	specs := map[string][]byte{}
	err := filepath.WalkDir("../examples", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".shim.yaml") {
			data, err := os.ReadFile(path)
			specs[path] = data
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	examples := len(specs)
	archives, err := filepath.Glob("../gen/testdata/golden/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	scripts, err := filepath.Glob("../testdata/script/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range slices.Concat(archives, scripts) {
		a, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			// *.yaml.txt are specs that scripts copy into place.
			if strings.HasSuffix(f.Name, ".shim.yaml") || strings.HasSuffix(f.Name, ".yaml.txt") {
				specs[path+":"+f.Name] = f.Data
			}
		}
	}
	if examples < 2 || len(archives) < 5 || len(specs) < examples+len(archives) {
		t.Fatalf("found too few specs: %d examples, %d golden archives, %d specs in all", examples, len(archives), len(specs))
	}
	return specs
}

func TestSchemaRepoSpecs(t *testing.T) {
	sch := compiledSchema(t)
	specs := repoSpecs(t)
	names := slices.Sorted(func(yield func(string) bool) {
		for name := range specs {
			if !yield(name) {
				return
			}
		}
	})
	valid := 0
	for _, name := range names {
		if _, err := Parse(name, specs[name]); err == nil {
			valid++
		}
		checkAgreement(t, sch, name, specs[name])
	}
	if valid < 2 {
		t.Errorf("only %d of %d specs are valid", valid, len(specs))
	}
	t.Logf("%d specs, %d valid", len(specs), valid)
}

// TestSchemaParseTables checks the schema against the parser's test
// tables: every spec of errorTests that has an error the schema must catch
// is invalid for it.
func TestSchemaParseTables(t *testing.T) {
	sch := compiledSchema(t)
	checkAgreement(t, sch, "exampleSpec", src(exampleSpec))
	caught := 0
	for _, tt := range errorTests {
		checkAgreement(t, sch, tt.name, src(tt.src))
		for _, want := range tt.want {
			if schemaError(fmt.Errorf("%s", want)) != "" {
				caught++
				break
			}
		}
	}
	if caught < 10 {
		t.Errorf("only %d error tests have an error the schema must catch", caught)
	}
}

const schemaBase = `
shimgen: 1
package: blob
imports:
  meta: example.com/blob/meta
interfaces:
  - name: Bucket
    doc: Bucket stores blobs.
    methods:
      - name: Get
        doc: Get returns a blob.
        params: key string
        results: data []byte, attrs meta.Attrs
        timeout: 2s
      - name: List
        stream: key string
`

// edit returns schemaBase with old replaced by new, once.
func edit(t *testing.T, old, new string) string {
	t.Helper()
	if strings.Count(schemaBase, old) != 1 {
		t.Fatalf("%q is not in schemaBase once", old)
	}
	return strings.Replace(schemaBase, old, new, 1)
}

func TestSchemaAgrees(t *testing.T) {
	sch := compiledSchema(t)
	tests := []struct {
		name  string
		src   string
		valid bool // for both
	}{
		{"base", schemaBase, true},
		{"null package and imports", "shimgen: 1\npackage: ~\nimports: ~\ninterfaces: [{name: A, methods: [{name: M}]}]\n", true},
		{"null optional keys", edit(t, "      - name: List\n", "      - name: Ping\n        doc:\n        params:\n        results: ~\n        timeout: \"\"\n      - name: List\n"), true},
		{"flow style", edit(t, "      - name: List\n        stream: key string\n", "      - {name: List, params: 'prefix string', stream: 'key string', timeout: 1m30s}\n"), true},
		{"block stream", edit(t, "stream: key string\n", "stream: |\n          key string\n"), true},
		{"durations", edit(t, "timeout: 2s", "timeout: 1.5h2m.5s10ms7us3µs1ns"), true},
		{"unicode names", edit(t, "name: Bucket", "name: Ωmega_2"), true},

		{"unknown root key", edit(t, "package: blob", "packge: blob"), false},
		{"unknown interface key", edit(t, "doc: Bucket stores blobs.", "dco: Bucket stores blobs."), false},
		{"unknown method key", edit(t, "params: key string", "paramz: key string"), false},
		{"client stream", edit(t, "stream: key string", "send: key string\n        results: n int"), true},
		{"client stream without results", edit(t, "stream: key string", "send: key string"), true},
		{"bidirectional stream", edit(t, "stream: key string", "stream: key string\n        send: out string\n        timeout: 1m"), true},
		{"send with error", edit(t, "stream: key string", "send: key string\n        error: null"), true},
		{"send, stream and results", edit(t, "stream: key string", "stream: key string\n        send: out string\n        results: n int"), false},
		{"send without error", edit(t, "stream: key string", "send: key string\n        error: false"), false},
		{"send carried", edit(t, "stream: key string", "send: key string\n        results: c *meta.Cmd\n        error: carried"), false},
		{"empty send", edit(t, "stream: key string", "send: ' '"), false},
		{"null send", edit(t, "stream: key string", "send:"), false},
		{"send list", edit(t, "stream: key string", "send: [a]"), false},
		{"stream and results", edit(t, "stream: key string", "stream: key string\n        results: n int"), false},
		{"stream and null results", edit(t, "stream: key string", "stream: key string\n        results:"), false},
		{"empty stream", edit(t, "stream: key string", "stream: ' '"), false},
		{"null stream", edit(t, "stream: key string", "stream:"), false},
		{"no version", edit(t, "shimgen: 1\n", ""), false},
		{"version 2", edit(t, "shimgen: 1", "shimgen: 2"), false},
		{"no interfaces", edit(t, "interfaces:", "other:"), false},
		{"empty interfaces", "shimgen: 1\ninterfaces: []\n", false},
		{"no methods", edit(t, "    methods:\n", "    methodz:\n"), false},
		{"no interface name", edit(t, "  - name: Bucket\n    doc:", "  - doc:"), false},
		{"unexported interface", edit(t, "name: Bucket", "name: bucket"), false},
		{"unexported method", edit(t, "name: Get", "name: get"), false},
		{"keyword package", edit(t, "package: blob", "package: func"), false},
		{"blank package", edit(t, "package: blob", "package: _"), false},
		{"bad package", edit(t, "package: blob", "package: 2blob"), false},
		{"keyword import", edit(t, "  meta: example.com", "  type: example.com"), false},
		{"empty import path", edit(t, "meta: example.com/blob/meta", "meta: ''"), false},
		{"zero timeout", edit(t, "timeout: 2s", "timeout: 0s"), false},
		{"zero timeout long", edit(t, "timeout: 2s", "timeout: 0h0.00m.0s"), false},
		{"negative timeout", edit(t, "timeout: 2s", "timeout: -2s"), false},
		{"timeout without unit", edit(t, "timeout: 2s", "timeout: 2"), false},
		{"bad timeout", edit(t, "timeout: 2s", "timeout: soon"), false},
		{"interface not a mapping", edit(t, "  - name: Bucket\n    doc: Bucket stores blobs.\n    methods:", "  - Bucket\n  - name: B\n    methods:"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := src(tt.src)
			_, perr := Parse("test.shim.yaml", data)
			if (perr == nil) != tt.valid {
				t.Errorf("Parse: valid = %v, want %v (%v)", perr == nil, tt.valid, perr)
			}
			inst, err := instance(data)
			if err != nil {
				t.Fatal(err)
			}
			serr := sch.Validate(inst)
			if (serr == nil) != tt.valid {
				t.Errorf("schema: valid = %v, want %v (%v)", serr == nil, tt.valid, serr)
			}
		})
	}
}

// TestSchemaKeys checks that the schema lists the keys the parser knows,
// and requires those it requires.
func TestSchemaKeys(t *testing.T) {
	var s struct {
		Required   []string
		Properties map[string]json.RawMessage
		Defs       map[string]struct {
			Required   []string
			Properties map[string]json.RawMessage
		} `json:"$defs"`
	}
	if err := json.Unmarshal(Schema(), &s); err != nil {
		t.Fatal(err)
	}
	sorted := func(keys ...[]string) []string { return slices.Sorted(slices.Values(slices.Concat(keys...))) }
	levels := []struct {
		name     string
		keys     []string // the parser's
		props    map[string]json.RawMessage
		required []string
		mappings func(spec map[string]any) []map[string]any
	}{
		{"root", sorted(rootKeys), s.Properties, s.Required, func(spec map[string]any) []map[string]any {
			return []map[string]any{spec}
		}},
		{"interface", sorted(interfaceKeys), s.Defs["interface"].Properties, s.Defs["interface"].Required, func(spec map[string]any) []map[string]any {
			return []map[string]any{spec["interfaces"].([]any)[0].(map[string]any)}
		}},
		{"method", sorted(methodKeys), s.Defs["method"].Properties, s.Defs["method"].Required, func(spec map[string]any) []map[string]any {
			var out []map[string]any
			for _, m := range spec["interfaces"].([]any)[0].(map[string]any)["methods"].([]any) {
				out = append(out, m.(map[string]any))
			}
			return out
		}},
	}
	for _, l := range levels {
		want := l.keys
		if l.name == "method" {
			want = sorted(l.keys, slices.Collect(maps.Keys(futureMethodKeys)))
		}
		if diff := cmp.Diff(want, slices.Sorted(maps.Keys(l.props))); diff != "" {
			t.Errorf("%s: schema properties differ from the parser's keys (-parser +schema):\n%s", l.name, diff)
		}
		// The parser requires the keys the schema requires: without one,
		// it reports it missing.
		for _, k := range l.keys {
			var spec map[string]any
			if err := yaml.Unmarshal(src(schemaBase), &spec); err != nil {
				t.Fatal(err)
			}
			for _, m := range l.mappings(spec) {
				delete(m, k)
			}
			data, err := yaml.Marshal(spec)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Parse("test.shim.yaml", data)
			missing := err != nil && strings.Contains(err.Error(), fmt.Sprintf("missing required key %q", k))
			if required := slices.Contains(l.required, k); missing != required {
				t.Errorf("%s key %q: the schema requires it: %v; without it, Parse reports: %v", l.name, k, required, err)
			}
		}
	}
}
