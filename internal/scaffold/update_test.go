package scaffold

import (
	"strings"
	"testing"

	"github.com/shimgen/shimgen/spec"
)

// oldStore is a spec scaffolded from ifaces.Store and then edited: docs,
// a timeout, renamed parameters, a method fixed by hand, a method its
// source no longer has and an interface of its own.
const oldStore = `shimgen: 1
package: out
imports:
  meta: github.com/shimgen/shimgen/internal/scaffold/testdata/ifaces/meta
interfaces:
  - name: Store
    doc: My own doc.
    methods:
      - name: Get
        doc: Get, as I document it.
        params: name string
        results: data []byte, found bool
        timeout: 3s
      - name: Put
        params: k string, v []byte, a meta.Attrs
      - name: Gone
        params: key string
      - name: Size
        doc: Size, fixed by hand.
        results: size int64
  - name: Extra
    methods:
      - name: Do
        params: a meta.Attrs
`

func TestUpdate(t *testing.T) {
	old, err := spec.Parse("x.shim.yaml", []byte(oldStore))
	if err != nil {
		t.Fatal(err)
	}
	src, err := ParseSource("./testdata/ifaces.Store")
	if err != nil {
		t.Fatal(err)
	}
	ifaces, err := Load(".", []Source{src})
	if err != nil {
		t.Fatal(err)
	}
	sp, err := Update(old, ifaces, Output{Path: outPath}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	contains(t, sp.Data,
		"# Scaffolded by shimgen init from "+ifacesPath+".Store.",
		"package: out",
		"  meta: "+ifacesPath+"/meta",
		"    doc: My own doc.",
		"        doc: Get, as I document it.",
		"        params: name string",
		"        timeout: 3s",
		"        params: k string, v []byte, a meta.Attrs",
		"      - name: Close", // new upstream
		"      - name: Tag",
		"      # - name: Gone  # skipped: "+removedUpstream,
		"      #   params: key string",
		"      - name: Size",
		"        doc: Size, fixed by hand.",
		"        results: size int64",
		"  - name: Extra",
		"        params: a meta.Attrs",
	)
	if strings.Contains(string(sp.Data), "# - name: Size") {
		t.Errorf("the method fixed by hand is commented out:\n%s", sp.Data)
	}
	typecheck(t, generate(t, sp.Data, "out"))
}

func TestRecorded(t *testing.T) {
	froms, addCtx, ok := Recorded([]byte("# x\n#\n# Scaffolded by shimgen init --add-ctx from io/fs.File=FSFile, net/http.File.\nshimgen: 1\n"))
	if !ok || !addCtx || strings.Join(froms, " ") != "io/fs.File=FSFile net/http.File" {
		t.Errorf("Recorded = %q, %v, %v", froms, addCtx, ok)
	}
	if _, _, ok := Recorded([]byte("shimgen: 1\n")); ok {
		t.Error("Recorded found a line in a spec without one")
	}
}

// TestUpdateKeepsMethodAs checks that a method's as, which only a hand
// edit writes, survives an update.
func TestUpdateKeepsMethodAs(t *testing.T) {
	var srcs []Source
	for _, f := range []string{"io/fs.FS", "io/fs.ReadDirFile=File"} {
		src, err := ParseSource(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, src)
	}
	ifaces, err := Load(".", srcs)
	if err != nil {
		t.Fatal(err)
	}
	first, err := Write(ifaces, Output{Path: outPath}, Options{AddContext: true})
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(first.Data), "        results: file File\n        ctx: added\n", "        results: file File\n        ctx: added\n        as: io/fs.ReadDirFile\n", 1)
	if edited == string(first.Data) {
		t.Fatalf("no Open result to edit in:\n%s", first.Data)
	}
	old, err := spec.Parse("x.shim.yaml", []byte(edited))
	if err != nil {
		t.Fatal(err)
	}
	sp, err := Update(old, ifaces, Output{Path: outPath}, Options{AddContext: true})
	if err != nil {
		t.Fatal(err)
	}
	if string(sp.Data) != edited {
		t.Errorf("update changed the spec:\n%s\nwant:\n%s", sp.Data, edited)
	}
}
