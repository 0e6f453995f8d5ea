package gen

import "testing"

// TestNoLowerCase: an interface whose first letter has no lower-case form
// gets a message saying so, not "already declared at" its own position.
func TestNoLowerCase(t *testing.T) {
	src := "shimgen: 1\ninterfaces:\n  - name: ϒpsilon\n    methods:\n      - name: M\n"
	_, err := Generate(Package{Dir: "p", DirName: "p", Specs: []Input{{Name: "p/a.shim.yaml", Data: []byte(src)}}})
	want := `p/a.shim.yaml:3:11: interface "ϒpsilon": its name starts with 'ϒ' (U+03D2), which has no lower-case form, so the generated code would declare ϒpsilonAsync twice; start the name with another letter`
	if err == nil || err.Error() != want {
		t.Fatalf("error:\n%v\nwant:\n%s", err, want)
	}
}
