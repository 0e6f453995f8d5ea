package main

import (
	"testing"

	"github.com/shimgen/shimgen/spec"
)

// TestSpec checks that the packages' specs parse and validate with the
// methods and type shapes the benchmark promises.
func TestSpec(t *testing.T) {
	f, err := spec.Parse("api.shim.yaml", []byte(specSource(pkgName(7))))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(f.Interfaces[0].Methods); got != methodsPerSpec {
		t.Fatalf("%d methods, want %d", got, methodsPerSpec)
	}
	if pkgName(7) != "p007" {
		t.Errorf("pkgName(7) = %q", pkgName(7))
	}
}
