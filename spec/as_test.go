package spec

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMethodAs(t *testing.T) {
	f, err := Parse("test.shim.yaml", src(`
shimgen: 1
interfaces:
  - name: File
    from: io/fs.ReadDirFile
    as: io/fs.File
    methods:
      - name: Close
        ctx: added
  - name: Opener
    from: example.com/legacy.Opener
    methods:
      - name: Open
        params: name string
        results: f File
        ctx: added
      - name: OpenDir
        params: name string
        results: dir File
        ctx: added
        as: io/fs.ReadDirFile
`))
	if err != nil {
		t.Fatal(err)
	}
	ms := f.Interfaces[1].Methods
	if ms[0].As != nil || ms[1].As == nil || ms[1].As.String() != "io/fs.ReadDirFile" || ms[1].As.Pos.Line != 20 {
		t.Fatalf("As = %+v, %+v", ms[0].As, ms[1].As)
	}
}

func TestMethodAsErrors(t *testing.T) {
	_, err := Parse("test.shim.yaml", src(`
shimgen: 1
interfaces:
  - name: File
    from: io/fs.ReadDirFile
    methods:
      - name: Close
        ctx: added
  - name: Plain
    methods:
      - name: Close
  - name: Opener
    from: example.com/legacy.Opener
    methods:
      - name: Size
        results: n int
        as: io/fs.File
      - name: Two
        results: a File, b Opener
        as: io/fs.File
      - name: Bare
        results: p Plain
        as: io/fs.File
      - name: Bad
        results: f File
        as: File
  - name: NoFrom
    methods:
      - name: Open
        results: f File
        as: io/fs.File
`))
	if err == nil {
		t.Fatal("Parse succeeded")
	}
	want := []string{
		`test.shim.yaml:16:13: interface "Opener": method "Size": as names the type the original method returns a handle as, but no result or stream item is an interface of the spec; remove as`,
		`test.shim.yaml:19:13: interface "Opener": method "Two": as is ambiguous: the method returns handles of File and Opener; set as on each interface instead`,
		`test.shim.yaml:22:13: interface "Opener": method "Bare": as: the handle's interface "Plain" has no from, so the original method returns it as it is; remove as`,
		`test.shim.yaml:25:13: interface "Opener": method "Bad": as "File" must be an import path and an interface name, such as io/fs.FS`,
		`test.shim.yaml:28:15: interface "NoFrom": method "Open": as describes the original method, but the interface has no from`,
	}
	if diff := cmp.Diff(want, errorLines(t, err)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}
