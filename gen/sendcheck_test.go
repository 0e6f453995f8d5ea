package gen_test

import (
	"strings"
	"testing"

	"github.com/shimgen/shimgen/gen"
)

// TestSendChecks: the package-wide checks of gen cover the sent item and
// the blocking form's iterator of the sent items: names that would shadow
// generated identifiers, and types that do not exist or do not type-check.
func TestSendChecks(t *testing.T) {
	tests := []struct {
		method, want string
	}{
		{"{name: M, send: 'nil int'}", `h.shim.yaml:5:26: interface "A": method "M": sent item "nil" would shadow`},
		{"{name: M, send: 'A int'}", `h.shim.yaml:5:26: interface "A": method "M": sent item "A" would shadow`},
		{"{name: M, send: 'c Nope', stream: 'd int'}", `h.shim.yaml:5:28: interface "A": method "M": unknown type "Nope"`},
		{"{name: M, send: 'c map[[]byte]int', results: 'n int'}", `h.shim.yaml:5:32: interface "A": method "M": type "map[[]byte]int": invalid map key type []byte`},
		{"{name: M, send: 'Chunk int'}", `h.shim.yaml:5:26: interface "A": method "M": sent item "Chunk": the iterator of the sent items "Chunks" would shadow`},
	}
	imp := theImporter(t)
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			src := "shimgen: 1\ninterfaces:\n  - name: A\n    methods:\n      - " + tt.method + "\n  - {name: Chunks, methods: [{name: N}]}\n"
			_, err := gen.Generate(gen.Package{Dir: ".", DirName: "hostile", Complete: true, Declared: localNames, Types: imp,
				Specs: []gen.Input{{Name: "h.shim.yaml", Data: []byte(src)}}})
			if err == nil {
				t.Fatalf("no error; want %q", tt.want)
			}
			checkErrorList(t, err, "h.shim.yaml")
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}

// TestSendsNameCompiles: the blocking form's iterator of the sent items
// may take the name of a package the generated code imports (runtime →
// runtimes), which the generated files then import under another name;
// the forwarders of a diamond of embeds too.
func TestSendsNameCompiles(t *testing.T) {
	for _, src := range []string{
		"{name: M, send: 'runtime int'}",
		"{name: M, params: 'key string', send: 'runtime []byte', results: 'n int', timeout: 2s}",
		"{name: M, send: 'runtime int', stream: 'reply string'}",
	} {
		t.Run(src, func(t *testing.T) {
			spec := "shimgen: 1\ninterfaces:\n  - name: A\n    methods:\n      - " + src +
				"\n  - {name: L, embeds: [A]}\n  - {name: R, embeds: [A]}\n  - {name: Top, embeds: [L, R]}\n"
			if err := generateChecked(t, []string{spec}); err != nil {
				t.Fatalf("Generate: %v", err)
			}
		})
	}
}

// TestSendExternHandles: a result of a client stream and a stream item of
// a bidirectional one cannot be handles of another spec's interface, of
// the package or of one it imports, any more than of the spec's own.
func TestSendExternHandles(t *testing.T) {
	const file = "shimgen: 1\ninterfaces:\n  - {name: File, methods: [{name: Name, results: 'n string'}]}\n"
	const vfs = "shimgen: 1\nimports: {vfs: example.com/vfs}\ninterfaces:\n  - name: D\n    methods:\n      - "
	const dirs = "shimgen: 1\ninterfaces:\n  - name: D\n    methods:\n      - "
	tests := []struct {
		src, want string
	}{
		{dirs + "{name: Up, send: 'c int', results: 'f File'}",
			`h.shim.yaml:5:47: interface "D": method "Up": result "f" has type File, an interface of another spec: a client stream cannot pass it as a handle yet`},
		{dirs + "{name: Up, send: 'c int', stream: 'f File'}",
			`h.shim.yaml:5:46: interface "D": method "Up": stream item "f" has type File, an interface of another spec: a bidirectional stream cannot pass it as a handle yet`},
		{vfs + "{name: Up, send: 'c int', results: 'n int, f vfs.File'}",
			`h.shim.yaml:6:54: interface "D": method "Up": result "f" has type vfs.File, an interface of another spec: a client stream cannot pass it as a handle yet`},
		{dirs + "{name: Up, send: 'c File'}",
			`h.shim.yaml:5:29: interface "D": method "Up": sent item "c" has type File, an interface of another spec: a client stream cannot pass it as a handle yet`},
		{vfs + "{name: Up, send: 'c vfs.File', stream: 'n int'}",
			`h.shim.yaml:6:29: interface "D": method "Up": sent item "c" has type vfs.File, an interface of another spec: a bidirectional stream cannot pass it as a handle yet`},
		{vfs + "{name: Up, send: 'c int', stream: 'f vfs.File'}",
			`h.shim.yaml:6:46: interface "D": method "Up": stream item "f" has type vfs.File, an interface of another spec: a bidirectional stream cannot pass it as a handle yet`},
	}
	for _, tt := range tests {
		t.Run(tt.src[strings.LastIndex(tt.src, "{"):], func(t *testing.T) {
			err := generateChecked(t, []string{tt.src}, file)
			if err == nil {
				t.Fatalf("no error; want %q", tt.want)
			}
			checkErrorList(t, err, "h.shim.yaml")
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}
