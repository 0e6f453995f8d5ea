package gen

import (
	"bytes"
	"fmt"
	"go/format"
	"strings"
	"testing"
)

// TestFormatSourceIsGofmt: formatting in chunks gives format.Source's
// bytes, for a file of many chunks whose layout was thrown away.
func TestFormatSourceIsGofmt(t *testing.T) {
	var spec strings.Builder
	spec.WriteString("shimgen: 1\ninterfaces:\n  - name: Big\n    methods:\n")
	for i := range 300 {
		fmt.Fprintf(&spec, "      - name: M%d\n        doc: M%d does %d.\n        params: key string, n int\n        results: data []byte\n", i, i, i)
		if i%3 == 0 {
			spec.WriteString("        timeout: 2s\n")
		}
	}
	files, err := Generate(Package{Dir: ".", GoPackage: "big", Specs: []Input{{Name: "big.shim.yaml", Data: []byte(spec.String())}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		var flat bytes.Buffer
		for _, line := range strings.SplitAfter(string(f.Data), "\n") {
			flat.WriteString(strings.TrimLeft(line, "\t"))
		}
		want, err := format.Source(flat.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		cuts, err := topLevelGaps(flat.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		got, err := formatSource(flat.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: chunked formatting differs from format.Source", f.Path)
		}
		if len(f.Data) > 2*chunkSize && len(split(flat.Bytes(), cuts)) < 2 {
			t.Errorf("%s: %d bytes formatted as one chunk", f.Path, len(f.Data))
		}
	}
}
