package gen

import (
	"fmt"
	"strings"
	"testing"
)

// TestOutputLimit: a spec whose output passes the limit is a spec error,
// positioned at the spec, and no file is returned.
func TestOutputLimit(t *testing.T) {
	defer func(n int) { maxOutput = n }(maxOutput)
	maxOutput = 20_000
	var b strings.Builder
	b.WriteString("shimgen: 1\ninterfaces:\n  - name: A\n    methods:\n")
	for i := range 40 {
		fmt.Fprintf(&b, "      - name: M%d\n        params: a struct{ X, Y, Z map[string][]int }\n", i)
	}
	files, err := Generate(Package{Dir: "p", DirName: "p", Specs: []Input{{Name: "p/a.shim.yaml", Data: []byte(b.String())}}})
	if err == nil || !strings.HasPrefix(err.Error(), "p/a.shim.yaml:1:1: the generated code would be larger than 20000 bytes (") {
		t.Fatalf("Generate = %d files, %v; want the output limit's error", len(files), err)
	}
}
