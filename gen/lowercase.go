package gen

import (
	"fmt"
	"unicode/utf8"

	"github.com/shimgen/shimgen/spec"
)

// noLowerCase is the message for an interface whose generated identifiers
// clash among themselves: the unexported ones are its name with the first
// letter lowered, which a letter without a lower-case form (ϒ, U+03D2)
// leaves as it is, so that they equal the exported ones.
func noLowerCase(iface *spec.Interface, id string) string {
	r, _ := utf8.DecodeRuneInString(iface.Name)
	return fmt.Sprintf("interface %q: its name starts with %q (U+%04X), which has no lower-case form, so the generated code would declare %s twice; start the name with another letter", iface.Name, r, r, id)
}
