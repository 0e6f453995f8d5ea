package gen

import (
	"fmt"

	"github.com/shimgen/shimgen/spec"
)

// MaxOutput is the size, in bytes, of the largest output of one spec (its
// files together). A spec of spec.MaxMethods methods with the types of a
// real API generates about 13 MB; the limit leaves room for long types but
// stops a spec whose few methods carry huge types from filling the disk
// and the compiler's memory.
const MaxOutput = 32 << 20

// maxOutput is MaxOutput, lowered by tests.
var maxOutput = MaxOutput

// tooLarge is the error of a spec whose output passes MaxOutput.
func tooLarge(f *spec.File, size int) error {
	return spec.ErrorList{{Pos: spec.Pos{File: f.Name, Line: 1, Col: 1}, Msg: fmt.Sprintf(
		"the generated code would be larger than %d bytes (%d so far); split the spec or name its long types in Go", maxOutput, size)}}
}
