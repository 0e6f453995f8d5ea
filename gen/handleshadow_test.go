package gen_test

import (
	"strings"
	"testing"

	"github.com/shimgen/shimgen/gen"
)

// TestHandleStreamShadowing: a parameter of a method streaming handles
// cannot take a name the conversion of the items uses in the method body
// (bool, error, the package of the item's type); other streams and unary
// methods may.
func TestHandleStreamShadowing(t *testing.T) {
	tests := []struct {
		method, want string
	}{
		{"{name: M, params: 'bool int', stream: 'f F'}", `h.shim.yaml:5:28: interface "A": method "M": parameter "bool" would shadow the predeclared type bool`},
		{"{name: M, params: 'n int, error string', stream: 'f F'}", `h.shim.yaml:5:35: interface "A": method "M": parameter "error" would shadow the predeclared type error`},
		{"{name: M, params: 'bool int', stream: 'f int'}", ""},
		{"{name: M, params: 'bool int', results: 'f F'}", ""},
	}
	imp := theImporter(t)
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			src := "shimgen: 1\ninterfaces:\n  - name: A\n    methods:\n      - " + tt.method + "\n  - {name: F, methods: [{name: N}]}\n"
			files, err := gen.Generate(gen.Package{Dir: ".", DirName: "hostile", Complete: true, Declared: localNames, Types: imp,
				Specs: []gen.Input{{Name: "h.shim.yaml", Data: []byte(src)}}})
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Generate: %v", err)
				}
				if err := typeCheck(imp, files, localDecls); err != nil {
					t.Errorf("generated code does not type-check: %v", err)
				}
				return
			}
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

// generateChecked generates the specs (files named h.shim.yaml, then
// b.shim.yaml, …) with others as Package.Others, and returns the error;
// without one, the output, with that of others generated beside it, must
// type-check.
func generateChecked(t *testing.T, srcs []string, others ...string) error {
	t.Helper()
	imp := theImporter(t)
	inputs := func(names string, srcs []string) []gen.Input {
		var out []gen.Input
		for i, src := range srcs {
			out = append(out, gen.Input{Name: names[i:i+1] + ".shim.yaml", Data: []byte(src)})
		}
		return out
	}
	p := gen.Package{Dir: ".", DirName: "hostile", Complete: true, Declared: localNames, Types: imp,
		Specs: inputs("hbcd", srcs), Others: inputs("opqr", others)}
	files, err := gen.Generate(p)
	if err != nil {
		return err
	}
	if len(others) > 0 {
		p.Specs, p.Others = p.Others, p.Specs
		more, err := gen.Generate(p)
		if err != nil {
			t.Fatalf("generating the other specs: %v", err)
		}
		files = append(files, more...)
	}
	if err := typeCheck(imp, files, localDecls); err != nil {
		t.Errorf("generated code does not type-check: %v", err)
	}
	return nil
}

// TestExternHandleShadowing: a method converting handles of other specs
// (with their constructors, through the spec's helper) has no parameter
// or result named like the helper, like the package of a qualified
// handle's type, or like an identifier another spec of the package
// generates, even when that spec is not generated in this run; the
// others type-check, whatever the imported package's name.
func TestExternHandleShadowing(t *testing.T) {
	const file = "shimgen: 1\ninterfaces:\n  - {name: File, methods: [{name: Name, results: 'n string'}]}\n"
	const vfs = "shimgen: 1\nimports: {vfs: example.com/vfs}\ninterfaces:\n  - name: D\n    methods:\n      - "
	const dirs = "shimgen: 1\ninterfaces:\n  - name: D\n    methods:\n      - "
	tests := []struct {
		src, other, want string
	}{
		{dirs + "{name: Open, params: 'shimgenHHandle int', results: 'f File'}", file,
			`h.shim.yaml:5:31: interface "D": method "Open": parameter "shimgenHHandle" would shadow`},
		{dirs + "{name: Walk, params: 'shimgenHHandle int', stream: 'f File'}", file,
			`h.shim.yaml:5:31: interface "D": method "Walk": parameter "shimgenHHandle" would shadow`},
		{dirs + "{name: Open, results: 'shimgenHHandle File'}", file,
			`h.shim.yaml:5:32: interface "D": method "Open": result "shimgenHHandle" would shadow`},
		{dirs + "{name: Open, params: 'NewFileBlocking int', results: 'f File'}", file,
			`h.shim.yaml:5:31: interface "D": method "Open": parameter "NewFileBlocking" would shadow`},
		{dirs + "{name: Walk, params: 'File int', stream: 'f File'}", file,
			`h.shim.yaml:5:31: interface "D": method "Walk": parameter "File" would shadow`},
		{vfs + "{name: Open, params: 'vfs int', results: 'f vfs.File'}", "",
			`h.shim.yaml:6:31: interface "D": method "Open": parameter "vfs" would shadow the package name vfs`},
		{vfs + "{name: Open, results: 'vfs vfs.File'}", "",
			`h.shim.yaml:6:32: interface "D": method "Open": result "vfs" would shadow the package name vfs`},
		{vfs + "{name: Walk, stream: 'vfs vfs.File'}", "", ""},
		{"shimgen: 1\nimports: {c: example.com/vfs}\ninterfaces:\n  - name: D\n    methods:\n      - {name: Open, results: 'f c.File'}", "", ""},
		{"shimgen: 1\nimports: {p: example.com/vfs}\ninterfaces:\n  - name: D\n    methods:\n      - {name: Open, results: 'f p.File'}", "", ""},
		{vfs + "{name: Open, params: 'a int, b int, c int, d int, h int, rt int, made int', results: 'f vfs.File, g File, x D'}", file, ""},
	}
	for _, tt := range tests {
		t.Run(tt.src[strings.LastIndex(tt.src, "{"):], func(t *testing.T) {
			var others []string
			if tt.other != "" {
				others = append(others, tt.other)
			}
			err := generateChecked(t, []string{tt.src}, others...)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("Generate: %v", err)
			case tt.want == "":
			case err == nil:
				t.Fatalf("no error; want %q", tt.want)
			default:
				checkErrorList(t, err, "h.shim.yaml")
				if !strings.Contains(err.Error(), tt.want) {
					t.Errorf("error %q does not contain %q", err, tt.want)
				}
			}
		})
	}
}
