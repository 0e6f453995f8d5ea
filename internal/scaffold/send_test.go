package scaffold

import (
	"testing"

	"github.com/shimgen/shimgen/spec"
)

func TestSendName(t *testing.T) {
	for _, tt := range []struct{ name, typ, want string }{
		{"chunks", "[]byte", "chunk"},
		{"entries", "*meta.Entry", "entry"},
		{"boxes", "Box", "box"},
		{"matches", "string", "match"},
		{"outs", "Message", "out"},
		{"data", "[]byte", "item"},
		{"class", "Class", "class"},
		{"", "*meta.Event", "event"},
		{"s", "int", "item"},
	} {
		if got := sendName(tt.name, tt.typ); got != tt.want {
			t.Errorf("sendName(%q, %q) = %q, want %q", tt.name, tt.typ, got, tt.want)
		}
	}
}

// TestUpdateSends: re-syncing keeps the sent item's name of the spec being
// updated while its type is unchanged.
func TestUpdateSends(t *testing.T) {
	const oldSpec = "shimgen: 1\npackage: out\ninterfaces:\n  - name: Uploader\n    methods:\n      - name: Upload\n        params: key string\n        send: piece []byte\n        results: written int64\n"
	old, err := spec.Parse("x.shim.yaml", []byte(oldSpec))
	if err != nil {
		t.Fatal(err)
	}
	src, err := ParseSource("./testdata/ifaces.Uploader")
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
	contains(t, sp.Data, "        send: piece []byte", "        send: out meta.Entry")
	if _, err := spec.Parse("x.shim.yaml", sp.Data); err != nil {
		t.Fatalf("spec.Parse: %v\n%s", err, sp.Data)
	}
}
