package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/shimgen/shimgen/gen"
	"github.com/shimgen/shimgen/internal/annotation"
)

// checkCommand reports, writing nothing, how the files on disk differ from
// what generate would write and remove.
func checkCommand(fs *flag.FlagSet) func(*call) int {
	format := fs.String("format", "text", "output format: text, github for GitHub Actions annotations, or json (a list of file, line, column, severity, message, fix)")
	noTypes := noTypesFlag(fs)
	return func(c *call) int {
		github, ok := parseFormat(*format)
		asJSON := *format == "json"
		if !ok && !asJSON {
			return c.usageError(fmt.Sprintf("unknown format %q (want text, github or json)", *format))
		}
		if github {
			c.annotate()
		}
		targets, err := resolve(c.args())
		if err != nil {
			return c.fail("shimgen", err)
		}
		rep := reporter{out: c.stdout, errOut: c.stderr, github: github, prog: c.prog}
		if asJSON {
			rep.json = &findings{}
		}
		for _, r := range process(targets, !*noTypes) {
			rep.result(r)
		}
		return rep.finish()
	}
}

// formatFlag defines --format, for breaking.
func formatFlag(fs *flag.FlagSet) *string {
	return fs.String("format", "text", "output format: text, or github for GitHub Actions annotations")
}

// annotate makes the command's output safe beside GitHub annotations: no
// line of text it prints can be read as a workflow command.
func (c *call) annotate() {
	c.stdout, c.stderr = annotation.Text(c.stdout), annotation.Text(c.stderr)
}

// parseFormat reports whether format is github, and whether it is valid.
func parseFormat(format string) (github, ok bool) {
	return format == "github", format == "text" || format == "github"
}

// reporter prints check's findings and decides the exit status.
type reporter struct {
	out, errOut io.Writer
	github      bool
	json        *findings // --format json: collected, printed by finish
	prog        string    // how shimgen was run, for the fix hints
	drift       int
	failed      bool
	fixes       []string
}

func (rep *reporter) result(r result) {
	drifts, err := drifts(r)
	if err != nil {
		rep.failed = true
		if rep.json != nil {
			rep.json.specError(err)
		}
		reportSpecError(rep.out, rep.errOut, rep.github, err)
		return
	}
	if len(drifts) == 0 {
		return
	}
	cmd := fixCommand(r, rep.prog)
	fix := fixFor(drifts, cmd)
	for _, d := range drifts {
		rep.drift++
		if rep.json != nil {
			rep.json.drift(d, fix, cmd)
			continue
		}
		rep.driftFound(d, fix)
	}
	rep.fixes = append(rep.fixes, fix)
}

// drifts compares what generate would write and remove for r with the
// disk: destinations and orphans as the write policy sees them.
func drifts(r result) ([]gen.Drift, error) {
	if r.err != nil {
		return nil, r.err
	}
	dir := r.outputDir()
	if err := dir.CheckDestinations(r.files); err != nil {
		return nil, err
	}
	var orphans []gen.File
	if r.pkg.Complete {
		var err error
		if orphans, err = dir.Orphans(r.files); err != nil {
			return nil, fmt.Errorf("shimgen check: %s: %v", r.display, err)
		}
	}
	drifts, err := gen.Check(os.DirFS(r.abs), r.files, orphans)
	if err != nil {
		return nil, fmt.Errorf("shimgen check: %s: %v", r.display, err)
	}
	return drifts, nil
}

// fixFor is what fixes a directory's drifts: "run: CMD", or, when files
// shimgen did not write are in the way (generate would refuse to write
// anything), moving them first.
func fixFor(drifts []gen.Drift, cmd string) string {
	var foreign []string
	for _, d := range drifts {
		if d.Kind == gen.Foreign {
			foreign = append(foreign, d.Path)
		}
	}
	if len(foreign) == 0 {
		return "run: " + cmd
	}
	return fmt.Sprintf("rename or move %s (not written by shimgen), or rename the spec, then run: %s", strings.Join(foreign, ", "), cmd)
}

func (rep *reporter) driftFound(d gen.Drift, fix string) {
	msg := driftMessage(d, fix)
	if rep.github {
		file, line := annotated(d)
		annotation.Error(rep.out, file, line, 0, msg)
	} else {
		fmt.Fprintf(rep.out, "%s: %s\n", d.Path, msg)
	}
	if d.Diff != "" {
		fmt.Fprint(rep.out, d.Diff)
	}
}

// annotated is where a drift's annotation goes: a missing file's on its
// spec (the file does not exist), any other on the first line it changes.
func annotated(d gen.Drift) (file string, line int) {
	if d.Kind == gen.Missing {
		return d.Spec, 1
	}
	return d.Path, changedLine(d.Diff)
}

func driftMessage(d gen.Drift, fix string) string {
	spec := d.Spec
	if spec == "" {
		spec = "a spec"
	}
	switch {
	case d.Kind == gen.Missing:
		return fmt.Sprintf("missing: %s generates it; %s", spec, fix)
	case d.Kind == gen.Orphaned:
		if d.Generated {
			return fmt.Sprintf("orphaned: %s no longer generates it; %s (it removes the file)", spec, fix)
		}
		return fmt.Sprintf("orphaned: generated from %s, which is gone; %s (it removes the file)", spec, fix)
	case d.Kind == gen.Foreign:
		return fmt.Sprintf("in the way: %s generates this file, which was not written by shimgen; rename it or the spec", spec)
	case d.CRLF:
		return fmt.Sprintf("stale: it has CRLF line endings where %s generates LF (a checkout with git's core.autocrlf?); "+
			"add the line \"*.go text eol=lf\" to .gitattributes to keep them LF, then %s", spec, fix)
	}
	return fmt.Sprintf("stale: it differs from what %s generates; %s", spec, fix)
}

func (rep *reporter) finish() int {
	if rep.json != nil {
		if err := rep.json.write(rep.out); err != nil {
			fmt.Fprintf(rep.errOut, "shimgen check: %v\n", err)
			return exitError
		}
	}
	switch {
	case rep.failed:
		return exitError
	case rep.drift > 0:
		fmt.Fprintf(rep.errOut, "shimgen check: %d generated file(s) out of sync with their specs; to fix:\n", rep.drift)
		for _, f := range rep.fixes {
			fmt.Fprintf(rep.errOut, "\t%s\n", f)
		}
		return exitDrift
	}
	return exitOK
}
