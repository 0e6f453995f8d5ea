package compat

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shimgen/shimgen/spec"
)

func TestCompareEmbeds(t *testing.T) {
	const closer = "shimgen: 1\ninterfaces:\n  - name: Closer\n    methods:\n      - name: Close\n"
	withEmbed := closer + "  - name: F\n    embeds: [Closer]\n    methods:\n      - name: Name\n        results: n string\n"
	without := closer + "  - name: F\n    methods:\n      - name: Name\n        results: n string\n"
	noError := closer + "  - name: F\n    embeds: [Closer]\n    methods:\n      - name: Name\n        results: n string\n        error: false\n"
	tests := []struct {
		name, old, new string
		want           []string
	}{
		{"embed removed", withEmbed, without, []string{
			`breaking new:6:11: interface "F": embedded interface Closer removed`,
			`breaking old:5:15: interface "F": method "Close": method removed`,
		}},
		{"embed added", without, withEmbed, []string{
			`implementers new:5:15: interface "F": method "Close": method added: implementations of the blocking and callback interfaces (mocks, other backends) must add it`,
		}},
		{"error: false", withEmbed, noError, []string{
			`breaking new:9:15: interface "F": method "Name": error result removed from the blocking form (error: false)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lines(Compare([]*spec.File{parse(t, "old", tt.old)}, []*spec.File{parse(t, "new", tt.new)}))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Compare (-want +got):\n%s", diff)
			}
		})
	}
}
