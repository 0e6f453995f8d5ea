package scaffold

import (
	"fmt"
	"go/types"
	"strings"
)

// want is how a --from value is written.
const want = "want PACKAGE.Interface, such as ./store.Store or io/fs.ReadFileFS"

// noInterface is the error for a --from value that names a package but no
// interface: it lists the package's exported interfaces when the package
// loads.
func noInterface(dir string, src Source) error {
	pkg, err := loadPackage(dir, src)
	if err != nil {
		return fmt.Errorf("--from %q: no interface name (%s)", src.Pattern, want)
	}
	var names []string
	scope := pkg.Types.Scope()
	for _, name := range scope.Names() {
		if tn, ok := scope.Lookup(name).(*types.TypeName); ok && tn.Exported() && types.IsInterface(tn.Type()) {
			names = append(names, src.Pattern+"."+name)
		}
	}
	if len(names) == 0 {
		return fmt.Errorf("--from %q: no interface name, and package %s declares no exported interface (%s)", src.Pattern, pkg.PkgPath, want)
	}
	return fmt.Errorf("--from %q: no interface name; want PACKAGE.Interface, one of:\n\t%s", src.Pattern, strings.Join(names, "\n\t"))
}
