package gen

import (
	"strings"
	"testing"
)

// TestSpecNames checks that spec names whose outputs the go command would
// ignore, and two specs with the same outputs, are spec errors naming the
// spec (and, for a collision, both).
func TestSpecNames(t *testing.T) {
	const body = "shimgen: 1\npackage: p\ninterfaces:\n  - name: %s\n    methods:\n      - name: Get\n"
	tests := []struct {
		names []string
		want  string
	}{
		{[]string{"p/.shim.yaml"}, `p/.shim.yaml: spec name ".shim.yaml" has no name before its .shim.yaml extension`},
		{[]string{"p/_x.shim.yaml"}, `p/_x.shim.yaml: spec name "_x.shim.yaml" starts with "_": the go command ignores`},
		{[]string{"p/.x.shim.yaml"}, `p/.x.shim.yaml: spec name ".x.shim.yaml" starts with "."`},
		{[]string{"p/a\n::error::x.shim.yaml"}, `spec name "a\n::error::x.shim.yaml" has a control character`},
		{[]string{"p/x.shim.yaml", "p/x.yaml"}, "p/x.yaml: generates the same files as p/x.shim.yaml (x_shim.go, x_blocking.go, x_async.go, x_adapt.go); rename one of the two specs"},
	}
	for _, tt := range tests {
		p := Package{Dir: "p", DirName: "p", Complete: true}
		for i, name := range tt.names {
			p.Specs = append(p.Specs, Input{Name: name, Data: []byte(strings.Replace(body, "%s", string(rune('A'+i)), 1))})
		}
		_, err := Generate(p)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Generate(%q) = %v, want an error containing %q", tt.names, err, tt.want)
		}
	}
}
