package scaffold

import (
	"strings"
	"testing"
)

// TestOrigins: init records where each interface came from (from, and as
// for a handle an original method returns as a narrower type), the ctx it
// added, handles among the interfaces scaffolded together and embedding;
// the spec generates adapters that type-check.
func TestOrigins(t *testing.T) {
	data, err := scaffold(t, Output{Path: outPath, Name: "out"}, Options{AddContext: true},
		"io/fs.FS", "io/fs.ReadDirFile=File", "io/fs.ReadDirFS")
	if err != nil {
		t.Fatal(err)
	}
	contains(t, data,
		"    from: io/fs.FS",
		"    from: io/fs.ReadDirFile",
		"    as: io/fs.File",
		"    from: io/fs.ReadDirFS",
		"    embeds: [FS]",
		"        results: file File",
		"        ctx: added",
	)
	if n := strings.Count(string(data), "- name: Open"); n != 1 {
		t.Errorf("Open written %d times, want once (ReadDirFS embeds FS):\n%s", n, data)
	}
	typecheck(t, generate(t, data, "out"))
}

// TestAddError: --add-err keeps methods without an error: carried by a
// result with Err and SetErr, or none.
func TestAddError(t *testing.T) {
	data, err := scaffold(t, Output{Path: outPath, Name: "out"}, Options{AddContext: true, AddError: true}, ifacesPath+".Legacy")
	if err != nil {
		t.Fatal(err)
	}
	contains(t, data,
		"    from: "+ifacesPath+".Legacy",
		"        results: cmd *ifaces.Cmd",
		"        error: carried",
		"        results: s string",
		"        error: false",
	)
	typecheck(t, generate(t, data, "out"))
}

// TestEmbedsKept: an embedded interface scaffolded too stays embedded,
// its methods (and their docs) in its own entry only.
func TestEmbedsKept(t *testing.T) {
	data, err := scaffold(t, Output{Path: outPath, Name: "out"}, Options{AddContext: true, AddError: true},
		ifacesPath+".Closer", ifacesPath+".Store")
	if err != nil {
		t.Fatal(err)
	}
	contains(t, data, "    embeds: [Closer]", "        doc: Close releases the store.")
	if n := strings.Count(string(data), "- name: Close\n"); n != 1 {
		t.Errorf("Close written %d times, want once:\n%s", n, data)
	}
}

// TestForeignEmbedDocs: the methods of an embedded interface of another
// package, written out, keep their docs.
func TestForeignEmbedDocs(t *testing.T) {
	data, err := scaffold(t, Output{Path: outPath, Name: "out"}, Options{}, ifacesPath+".Remote")
	if err != nil {
		t.Fatal(err)
	}
	contains(t, data, "      - name: Ping", "        doc: Ping checks the connection.", "        doc: Fetch fetches.")
}

// TestMethodAs: a method whose source returns a handle as another type
// than its interface's as gets its own as, and the adapters type-check.
func TestMethodAs(t *testing.T) {
	data, err := scaffold(t, Output{Path: outPath, Name: "out"}, Options{AddContext: true},
		ifacesPath+".Dirs", "io/fs.ReadDirFile=File")
	if err != nil {
		t.Fatal(err)
	}
	contains(t, data,
		"    from: io/fs.ReadDirFile",
		"    as: io/fs.File",
		"      - name: OpenDir",
		"        as: io/fs.ReadDirFile",
	)
	if n := strings.Count(string(data), "        as: "); n != 1 {
		t.Errorf("%d methods with as, want 1 (OpenDir):\n%s", n, data)
	}
	typecheck(t, generate(t, data, "out"))
}
