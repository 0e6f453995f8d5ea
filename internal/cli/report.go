package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/shimgen/shimgen/internal/annotation"
	"github.com/shimgen/shimgen/spec"
)

// reportSpecError prints err on errOut; a spec.ErrorList prints one
// positioned error per line, and with github also one annotation per
// error on out.
func reportSpecError(out, errOut io.Writer, github bool, err error) {
	var list spec.ErrorList
	if github && errors.As(err, &list) {
		for _, e := range list {
			annotation.Error(out, e.Pos.File, e.Pos.Line, e.Pos.Col, e.Msg)
		}
	}
	fmt.Fprintln(errOut, err)
}
