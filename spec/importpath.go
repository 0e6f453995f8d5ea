package spec

import (
	"errors"

	"golang.org/x/mod/module"
)

// checkImportPath reports whether path is a syntactically valid Go import
// path, with golang.org/x/mod's rules (the go command's own). The error is
// the reason alone ("invalid char ' '"); the caller names the path.
func checkImportPath(path string) error {
	err := module.CheckImportPath(path)
	if inner := errors.Unwrap(err); inner != nil {
		return inner
	}
	return err
}
