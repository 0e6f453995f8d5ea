package cli

import (
	"fmt"
	"io"

	"github.com/shimgen/shimgen/internal/annotation"
	"github.com/shimgen/shimgen/internal/compat"
)

// breakingReport prints the changes breaking finds and decides the exit
// status. Changes go to stdout, one a line; errors and the summary line to
// stderr, as check does.
type breakingReport struct {
	out, errOut  io.Writer
	github       bool
	implementers bool   // report Implementers changes, and fail on them
	against      string // the old version, for the summary
	breaking     int    // Breaking changes reported
	implemented  int    // Implementers changes reported
	hidden       int    // Implementers changes left out
	failed       bool
}

// changes prints the changes of one directory.
func (rep *breakingReport) changes(cs []compat.Change) {
	for _, c := range cs {
		switch {
		case c.Kind == compat.Breaking:
			rep.breaking++
		case !rep.implementers:
			rep.hidden++
			continue
		default:
			rep.implemented++
		}
		rep.print(c)
	}
}

// print writes one change as "file:line:col: subject: message", or as a
// GitHub error annotation. An Implementers change is an error too: with
// --implementers it fails the command like any other.
func (rep *breakingReport) print(c compat.Change) {
	if !rep.github {
		fmt.Fprintln(rep.out, c.String())
		return
	}
	msg := c.Msg
	if c.Subject != "" {
		msg = c.Subject + ": " + msg
	}
	annotation.Error(rep.out, c.Pos.File, c.Pos.Line, c.Pos.Col, msg)
}

// fail reports an error in a new spec (spec errors with positions, and as
// annotations in the github format).
func (rep *breakingReport) fail(err error) {
	rep.failed = true
	reportSpecError(rep.out, rep.errOut, rep.github, err)
}

// finish prints the summary and returns the exit status.
func (rep *breakingReport) finish() int {
	if rep.failed {
		return exitError
	}
	if n := rep.breaking + rep.implemented; n > 0 {
		fmt.Fprintf(rep.errOut, "shimgen breaking: %d incompatible change(s) since %s", n, rep.against)
		if rep.implemented > 0 {
			fmt.Fprintf(rep.errOut, ", %d of them breaking only implementers", rep.implemented)
		}
		fmt.Fprintln(rep.errOut)
		return exitDrift
	}
	fmt.Fprintf(rep.errOut, "shimgen breaking: compatible with %s", rep.against)
	if rep.hidden > 0 {
		fmt.Fprintf(rep.errOut, " (%d added method(s) break implementers; --implementers reports them)", rep.hidden)
	}
	fmt.Fprintln(rep.errOut)
	return exitOK
}
