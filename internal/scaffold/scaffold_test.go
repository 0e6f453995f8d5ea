package scaffold

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/shimgen/shimgen/gen"
	"github.com/shimgen/shimgen/spec"
)

const (
	ifacesPath = "github.com/shimgen/shimgen/internal/scaffold/testdata/ifaces"
	outPath    = "github.com/shimgen/shimgen/internal/scaffold/testdata/out"
)

// scaffold loads froms from this directory and writes a spec for out.
func scaffold(t *testing.T, out Output, opt Options, froms ...string) ([]byte, error) {
	t.Helper()
	sp, err := scaffoldSpec(t, out, opt, froms...)
	return sp.Data, err
}

// scaffoldSpec is scaffold, with the warning.
func scaffoldSpec(t *testing.T, out Output, opt Options, froms ...string) (Spec, error) {
	t.Helper()
	srcs := make([]Source, len(froms))
	for i, f := range froms {
		src, err := ParseSource(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[i] = src
	}
	ifaces, err := Load(".", srcs)
	if err != nil {
		t.Fatal(err)
	}
	return Write(ifaces, out, opt)
}

// generate parses the spec and generates its code as package name.
func generate(t *testing.T, data []byte, name string) []gen.File {
	t.Helper()
	if _, err := spec.Parse("x.shim.yaml", data); err != nil {
		t.Fatalf("spec.Parse: %v\n%s", err, data)
	}
	files, err := gen.Generate(gen.Package{Dir: ".", GoPackage: name, DirName: name,
		Specs: []gen.Input{{Name: "x.shim.yaml", Data: data}}, Complete: true})
	if err != nil {
		t.Fatalf("gen.Generate: %v\n%s", err, data)
	}
	return files
}

// typecheck type-checks the generated files as package testdata/out of
// this module, through an overlay, so nothing is written to the tree.
func typecheck(t *testing.T, files []gen.File) {
	t.Helper()
	if testing.Short() {
		t.Skip("type-checks with the go command")
	}
	dir, err := filepath.Abs(filepath.Join("testdata", "out"))
	if err != nil {
		t.Fatal(err)
	}
	here := filepath.Dir(dir)
	overlay := map[string][]byte{}
	for _, f := range files {
		overlay[filepath.Join(dir, f.Path)] = f.Data
	}
	cfg := &packages.Config{Mode: packages.NeedTypes | packages.NeedName, Dir: here, Overlay: overlay}
	pkgs, err := packages.Load(cfg, "./out")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		for _, f := range files {
			t.Logf("%s:\n%s", f.Path, f.Data)
		}
		t.Fatal("generated code does not type-check")
	}
	if len(pkgs) != 1 || pkgs[0].Types.Scope().Len() == 0 {
		t.Fatalf("the overlay package was not loaded: %v", pkgs)
	}
}

// contains fails unless data has every line in want.
func contains(t *testing.T, data []byte, want ...string) {
	t.Helper()
	lines := strings.Split(string(data), "\n")
	for _, w := range want {
		found := false
		for _, l := range lines {
			found = found || l == w
		}
		if !found {
			t.Errorf("no line %q in\n%s", w, data)
		}
	}
}

func TestStore(t *testing.T) {
	data, err := scaffold(t, Output{Path: outPath, Name: "out"}, Options{}, "./testdata/ifaces.Store")
	if err != nil {
		t.Fatal(err)
	}
	contains(t, data,
		SchemaComment,
		"package: out",
		"  meta: github.com/shimgen/shimgen/internal/scaffold/testdata/ifaces/meta",
		"  rand: math/rand",
		"    doc: |",
		"      It is safe for concurrent use.",
		"      - name: Close",
		"        doc: Close releases the store.",
		"        params: key string",
		"        results: data []byte, found bool",
		"        params: s string, data []byte, attrs meta.Attrs",
		"        stream: entry *meta.Entry",
		"        params: key string, tags ...string",
		"        params: done2 bool, err2 string",
		"        results: ctx2 int",
		"      # - name: Size  # skipped: no trailing error result (the generated methods return err last; --add-err scaffolds such methods anyway)",
		"      #   results: n int64",
		"      # - name: Watch  # skipped: channel type chan<- string: a channel cannot cross between the blocking and callback forms; model it as a stream",
		"        params: src *rand.Rand, w io.Writer, d time.Duration",
	)
	typecheck(t, generate(t, data, "out"))
}

func TestSamePackage(t *testing.T) {
	data, err := scaffold(t, Output{Path: "github.com/shimgen/shimgen/internal/scaffold/testdata/ifaces/meta"}, Options{}, "./testdata/ifaces.Store")
	if err != nil {
		t.Fatal(err)
	}
	contains(t, data, "        params: s string, data []byte, attrs Attrs", "        stream: entry *Entry")
	if strings.Contains(string(data), "meta:") {
		t.Errorf("the output package is imported:\n%s", data)
	}
	data, err = scaffold(t, Output{Path: ifacesPath, Name: "ifaces"}, Options{}, "./testdata/ifaces.Closer")
	if err != nil {
		t.Fatal(err)
	}
	contains(t, data, "# Closer is declared in this package: shimgen generates it, so remove")
}

func TestGeneric(t *testing.T) {
	data, err := scaffold(t, Output{Path: outPath}, Options{}, "./testdata/ifaces.Generic")
	if err != nil {
		t.Fatal(err)
	}
	contains(t, data,
		"      # - name: Load  # skipped: type parameter T: a spec cannot declare type parameters",
		"      - name: Drop")
	generate(t, data, "out")
}

func TestStdlib(t *testing.T) {
	data, err := scaffold(t, Output{Path: outPath, Name: "out"}, Options{AddContext: true},
		"io/fs.ReadFileFS", "net/http.RoundTripper", "io.ReadWriteCloser")
	if err != nil {
		t.Fatal(err)
	}
	contains(t, data,
		"        params: name string",
		"        results: file fs.File",
		"        params: req *http.Request",
		"        results: resp *http.Response",
		"        params: p []byte",
		"        results: n int",
	)
	if strings.Contains(string(data), "imports:") {
		t.Errorf("standard-library qualifiers are imported:\n%s", data)
	}
	typecheck(t, generate(t, data, "out"))
}

func TestNothingFits(t *testing.T) {
	// nothing fits: every entry is written commented out, with a warning.
	for from, want := range map[string]string{
		"io.ReadWriteCloser":       "  # - name: ReadWriteCloser  # skipped: none of its methods fits",
		"./testdata/ifaces.Plain":  "  # - name: Plain  # skipped: none of its methods fits",
		"./testdata/ifaces.Number": "  # - name: Number  # skipped: a constraint (it has a type set), not an interface of methods",
	} {
		sp, err := scaffoldSpec(t, Output{Path: outPath}, Options{}, from)
		if err != nil || !strings.Contains(sp.Warning, "nothing fits") {
			t.Errorf("%s: err = %v, warning %q, want nothing fits", from, err, sp.Warning)
		}
		contains(t, sp.Data, want)
	}
	// an interface that does not fit is commented out beside one that does.
	data, err := scaffold(t, Output{Path: outPath}, Options{}, "./testdata/ifaces.Plain", "./testdata/ifaces.Closer")
	if err != nil {
		t.Fatal(err)
	}
	contains(t, data, "  # - name: Plain  # skipped: none of its methods fits", "  #   methods:")
	generate(t, data, "out")
}

func TestLoadErrors(t *testing.T) {
	for from, want := range map[string]string{
		"./testdata/nosuch.X":         "cannot load package",
		"./testdata/ifaces.Nope":      "has no type Nope",
		"./testdata/ifaces.store":     "did you mean Store?",
		"./testdata/ifaces.NotIface":  "not an interface type",
		"./testdata/ifaces/meta.Attr": "has no type Attr",
		"./testdata/ifaces":           "no interface name; want PACKAGE.Interface, one of:\n\t./testdata/ifaces.Closer\n\t./testdata/ifaces.Dirs\n\t./testdata/ifaces.Generic\n",
		"./testdata/ifaces/meta":      "no interface name; want PACKAGE.Interface, one of:\n\t./testdata/ifaces/meta.Pinger",
		"./testdata/ifaces/none":      `--from "./testdata/ifaces/none": no interface name, and package`,
		"./testdata/nosuch":           `--from "./testdata/nosuch": no interface name (want PACKAGE.Interface`,
		"store":                       `--from "store": no interface name`,
	} {
		src, err := ParseSource(from)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Load(".", []Source{src}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", from, err, want)
		}
	}
}

func TestParseSource(t *testing.T) {
	for in, want := range map[string]Source{
		"./store.Store":     {Pattern: "./store", Name: "Store"},
		"io/fs.ReadFileFS":  {Pattern: "io/fs", Name: "ReadFileFS"},
		"gopkg.in/x.v3.I":   {Pattern: "gopkg.in/x.v3", Name: "I"},
		"io/fs.File=FSFile": {Pattern: "io/fs", Name: "File", As: "FSFile"},
		"./x.v2.I=Renamed":  {Pattern: "./x.v2", Name: "I", As: "Renamed"},
	} {
		if got, err := ParseSource(in); err != nil || got != want {
			t.Errorf("ParseSource(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{".Store", "./.Store", "./x.", "./....I", ".", "./", "io/fs.File=", "io/fs.File=fsFile", "io/fs.File=A.B", "io/fs=X"} {
		if _, err := ParseSource(bad); err == nil {
			t.Errorf("ParseSource(%q) succeeded", bad)
		}
	}
}

func TestStarter(t *testing.T) {
	data := Starter("")
	if !strings.HasPrefix(string(data), SchemaComment+"\n") {
		t.Errorf("starter does not begin with the schema comment")
	}
	generate(t, data, "store")
}

// TestDocLinks: links to the source package's declarations are qualified,
// so they still resolve from the output package.
func TestDocLinks(t *testing.T) {
	data, err := scaffold(t, Output{Path: outPath, Name: "out"}, Options{AddContext: true}, "io/fs.ReadDirFS")
	if err != nil {
		t.Fatal(err)
	}
	contains(t, data, "      that provides an optimized implementation of [fs.ReadDir].")
	generate(t, data, "out")
}

// TestRename: --from PKG.Name=NewName names the spec interface, so two
// interfaces named alike can share a spec.
func TestRename(t *testing.T) {
	_, err := scaffold(t, Output{Path: outPath}, Options{AddContext: true}, "io/fs.File", "net/http.File")
	if err == nil || !strings.Contains(err.Error(), "rename one: --from net/http.File=NewName") {
		t.Fatalf("err = %v, want the rename hint", err)
	}
	data, err := scaffold(t, Output{Path: outPath, Name: "out"}, Options{AddContext: true}, "io/fs.File=FSFile", "net/http.File")
	if err != nil {
		t.Fatal(err)
	}
	contains(t, data, "  - name: FSFile", "  - name: File", "# Scaffolded by shimgen init --add-ctx from io/fs.File=FSFile, net/http.File.")
	generate(t, data, "out")
}

// TestConcrete: --from PKG.Type scaffolds the exported methods of *Type's
// method set, promoted ones included.
func TestConcrete(t *testing.T) {
	data, err := scaffold(t, Output{Path: outPath, Name: "out"}, Options{}, "./testdata/ifaces.Client")
	if err != nil {
		t.Fatal(err)
	}
	contains(t, data,
		"  - name: Client",
		"    doc: 'Client is a concrete type: init scaffolds its exported methods.'",
		"      - name: Close",
		"      - name: Fetch",
		"        doc: Fetch fetches the blob under key.",
		"        params: key string",
		"        results: data []byte",
		"      - name: Ping",
		"      # - name: Count  # skipped: no leading context.Context parameter (the generated methods take ctx first; --add-ctx scaffolds such methods anyway); no trailing error result (the generated methods return err last; --add-err scaffolds such methods anyway)",
	)
	if strings.Contains(string(data), "reset") {
		t.Errorf("an unexported method is scaffolded:\n%s", data)
	}
	typecheck(t, generate(t, data, "out"))

	// in its own package, the interface must be renamed.
	if _, err := scaffold(t, Output{Path: ifacesPath, Name: "ifaces"}, Options{}, "./testdata/ifaces.Client"); err == nil || !strings.Contains(err.Error(), "rename it: --from ./testdata/ifaces.Client=ClientAPI") {
		t.Errorf("same package: err = %v", err)
	}
	data, err = scaffold(t, Output{Path: ifacesPath, Name: "ifaces"}, Options{}, "./testdata/ifaces.Client=ClientAPI")
	if err != nil {
		t.Fatal(err)
	}
	contains(t, data, "  - name: ClientAPI")
}

// TestSends: a last parameter iter.Seq[T] of a method returning an error
// becomes send (a client stream), with a stream iter.Seq2[T, error] a
// bidirectional stream; the interface's from is left out, as the adapt
// form cannot adapt them yet.
func TestSends(t *testing.T) {
	data, err := scaffold(t, Output{Path: outPath, Name: "out"}, Options{}, "./testdata/ifaces.Uploader", "./testdata/ifaces.Closer", "./testdata/ifaces.Linker")
	if err != nil {
		t.Fatal(err)
	}
	contains(t, data,
		"    # from: "+ifacesPath+".Uploader  # left out: client and bidirectional streams cannot be adapted to the original interface yet",
		"      - name: Upload",
		"        params: key string",
		"        send: chunk []byte",
		"        results: written int64",
		"        params: room string",
		"        send: out meta.Entry",
		"        stream: entry *meta.Entry",
		"        send: item string",
		"        send: entry2 string",
		"        results: entry int",
		"        params: keys iter.Seq[string], n int",
		"      # - name: Feed  # skipped: no trailing error result (the generated methods return err last; --add-err scaffolds such methods anyway)",
		"      #   params: items iter.Seq[int]",
		"  #     - name: Link  # skipped: type Closer would be a handle, which client and bidirectional streams cannot pass yet",
		"    from: "+ifacesPath+".Closer",
	)
	f, err := spec.Parse("x.shim.yaml", data)
	if err != nil {
		t.Fatalf("spec.Parse: %v\n%s", err, data)
	}
	kinds := map[string]spec.MethodKind{}
	for _, m := range f.Interfaces[0].Methods {
		kinds[m.Name] = m.Kind
	}
	want := map[string]spec.MethodKind{"Upload": spec.ClientStream, "Chat": spec.BidiStream, "Sync": spec.ClientStream, "Count": spec.ClientStream, "Mid": spec.Unary}
	for name, k := range want {
		if kinds[name] != k {
			t.Errorf("method %s is a %v, want a %v", name, kinds[name], k)
		}
	}
	if m := f.Interfaces[0].Methods[0]; m.SendsName() != "chunks" {
		t.Errorf("Upload's iterator is named %q, want the source's chunks", m.SendsName())
	}
}
