package gen_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shimgen/shimgen/gen"
)

// bigSpec is a spec of n methods spread over interfaces of 50, with the
// variety of a real API: docs, params, results, variadics, timeouts.
func bigSpec(n int) []byte {
	var b strings.Builder
	b.WriteString("shimgen: 1\ninterfaces:\n")
	for i := 0; i < n; i++ {
		if i%50 == 0 {
			fmt.Fprintf(&b, "  - name: Service%d\n    doc: Service%d is one of many.\n    methods:\n", i/50, i/50)
		}
		fmt.Fprintf(&b, "      - name: Method%d\n        doc: Method%d does thing %d.\n", i, i, i)
		fmt.Fprintf(&b, "        params: key string, data []byte, opts ...func(*int)\n")
		fmt.Fprintf(&b, "        results: n int, info map[string]time.Duration\n")
		if i%3 == 0 {
			b.WriteString("        timeout: 1500ms\n")
		}
	}
	return []byte(b.String())
}

// BenchmarkGenerate1000Methods measures spec → both forms in memory for a
// 1000-method spec (parse, validate, emit, format).
func BenchmarkGenerate1000Methods(b *testing.B) {
	p := gen.Package{Dir: ".", GoPackage: "big", Specs: []gen.Input{{Name: "big.shim.yaml", Data: bigSpec(1000)}}}
	b.ReportAllocs()
	var size int
	b.ResetTimer()
	for range b.N {
		files, err := gen.Generate(p)
		if err != nil {
			b.Fatal(err)
		}
		size = 0
		for _, f := range files {
			size += len(f.Data)
		}
	}
	b.ReportMetric(float64(size), "bytes-out")
}
