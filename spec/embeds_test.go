package spec

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEmbedErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"unknown, self, twice", `
shimgen: 1
interfaces:
  - name: Reader
    methods:
      - name: Read
        results: n int
  - name: File
    embeds: [Raeder, File, Reader, Reader]
`, []string{
			`test.shim.yaml:8:14: interface "File": unknown interface "Raeder" in embeds (did you mean "Reader"?)`,
			`test.shim.yaml:8:22: interface "File": an interface cannot embed itself`,
			`test.shim.yaml:8:36: interface "File": embedded interface "Reader" listed twice (first at 8:28)`,
		}},
		{"cycle", `
shimgen: 1
interfaces:
  - name: A
    embeds: [B]
  - name: B
    embeds: [C]
  - name: C
    embeds: [A]
`, []string{
			`test.shim.yaml:8:14: interface "C": embeds form a cycle: A → B → C → A`,
		}},
		{"duplicate methods", `
shimgen: 1
interfaces:
  - name: Reader
    methods:
      - name: Close
  - name: Closer
    methods:
      - name: Close
        results: n int
  - name: Both
    embeds: [Reader, Closer]
  - name: Own
    embeds: [Reader]
    methods:
      - name: Close
        timeout: 1s
`, []string{
			`test.shim.yaml:10:11: interface "Both": duplicate method "Close": the one at 5:15 and the one at 8:15 differ`,
			`test.shim.yaml:12:11: interface "Own": duplicate method "Close": the one at 15:15 and the one at 5:15 differ`,
		}},
		{"duplicate sending methods", `
shimgen: 1
interfaces:
  - name: Up
    methods:
      - name: Put
        send: chunk []byte
  - name: Up2
    methods:
      - name: Put
        send: chunk string
  - name: Both
    embeds: [Up, Up2]
  - name: Same
    embeds: [Up]
    methods:
      - name: Put
        send: piece []byte
`, []string{
			`test.shim.yaml:11:11: interface "Both": duplicate method "Put": the one at 5:15 and the one at 9:15 differ`,
		}},
		{"no methods, no embeds; bad error keys", `
shimgen: 1
interfaces:
  - name: A
    embeds: []
  - name: B
    embeds: x
    methods:
      - name: M
        error: "no"
      - name: S
        stream: x int
        error: false
`, []string{
			`test.shim.yaml:3:5: interface "A": missing key "methods": an interface has methods or embeds other interfaces`,
			`test.shim.yaml:6:13: interface "B": embeds must be a list of interface names, not the string "x"`,
			`test.shim.yaml:9:16: interface "B": method "M": error must be false (the blocking form returns no error) or carried (the original method's last result carries it), not the string "no"`,
			`test.shim.yaml:12:16: interface "B": method "S": "error: false" cannot be used with "stream": a stream ends with an error`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("test.shim.yaml", src(tt.src))
			if err == nil {
				t.Fatal("Parse succeeded")
			}
			if diff := cmp.Diff(tt.want, errorLines(t, err)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMethodSet(t *testing.T) {
	f, err := Parse("test.shim.yaml", src(`
shimgen: 1
interfaces:
  - name: Closer
    methods:
      - name: Close
  - name: Reader
    embeds: [Closer]
    methods:
      - name: Read
        params: p []byte
        results: n int
  - name: Writer
    embeds: [Closer]
    methods:
      - name: Write
        params: q []byte
        results: m int
  - name: ReadWriter
    embeds: [Reader, Writer]
    methods:
      - name: Name
        results: name string
        error: false
      - name: Close
`))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range f.Interfaces[3].MethodSet() {
		got = append(got, m.Name)
	}
	if diff := cmp.Diff([]string{"Name", "Close", "Read", "Write"}, got); diff != "" {
		t.Errorf("method set (-want +got):\n%s", diff)
	}
	if !f.Interfaces[3].Methods[0].NoError {
		t.Error("error: false not read")
	}
}

// TestEmbedDiamonds parses a chain of 40 diamonds of embeds, whose paths
// number 2^40: the checks walk interfaces, not paths.
func TestEmbedDiamonds(t *testing.T) {
	f, err := Parse("test.shim.yaml", []byte(DiamondSpec(40)))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(f.Interfaces[0].MethodSet()); got != 1 {
		t.Fatalf("method set of the top has %d methods, want 1", got)
	}
}
