package gen_test

import (
	"testing"

	"github.com/shimgen/shimgen/gen"
	"github.com/shimgen/shimgen/spec"
)

// TestGenerateDiamonds generates a chain of 40 diamonds of embeds: each
// D forwards Close, which its two embedded adapters both promote, and the
// generator walks interfaces, not the 2^40 paths.
func TestGenerateDiamonds(t *testing.T) {
	_, err := gen.Generate(gen.Package{Dir: ".", DirName: "d", GoPackage: "d", Complete: true,
		Specs: []gen.Input{{Name: "d.shim.yaml", Data: []byte(spec.DiamondSpec(40))}}})
	if err != nil {
		t.Fatal(err)
	}
}
