package cli

import (
	"encoding/json"
	"errors"
	"io"

	"github.com/shimgen/shimgen/gen"
	"github.com/shimgen/shimgen/spec"
)

// finding is one entry of check --format json, a stable shape for CI
// systems other than GitHub's: where (file, 1-based line and column, 0
// when unknown), how bad (always "error" today), what, and the command
// that fixes it ("" when a file must be moved by hand or the spec edited).
type finding struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Fix      string `json:"fix"`
}

// findings collects check's results for --format json.
type findings []finding

// specError adds err: one finding per positioned spec error, else one
// without a position.
func (fs *findings) specError(err error) {
	var list spec.ErrorList
	if !errors.As(err, &list) {
		*fs = append(*fs, finding{Severity: "error", Message: err.Error()})
		return
	}
	for _, e := range list {
		*fs = append(*fs, finding{File: e.Pos.File, Line: e.Pos.Line, Column: e.Pos.Col, Severity: "error", Message: e.Msg})
	}
}

// drift adds d, fixed by running cmd unless a foreign file is in the way.
func (fs *findings) drift(d gen.Drift, fix, cmd string) {
	file, line := annotated(d)
	if d.Kind == gen.Foreign {
		cmd = ""
	}
	*fs = append(*fs, finding{File: file, Line: line, Severity: "error", Message: driftMessage(d, fix), Fix: cmd})
}

// write prints the findings as one indented JSON array ([] when none).
func (fs findings) write(w io.Writer) error {
	if fs == nil {
		fs = findings{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(fs)
}
