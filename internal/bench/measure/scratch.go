package measure

import (
	"fmt"
	"io"
	"os"
)

// Leave ends the use of a measurement's scratch directory root: with keep
// it says on stderr where root stays, otherwise it removes root, setting
// *err to the removal's error if *err is nil. The commands defer it right
// after making root:
//
//	defer measure.Leave(root, c.keep, stderr, &err)
func Leave(root string, keep bool, stderr io.Writer, err *error) {
	if keep {
		fmt.Fprintf(stderr, "kept %s\n", root)
		return
	}
	if rmErr := os.RemoveAll(root); *err == nil {
		*err = rmErr
	}
}
