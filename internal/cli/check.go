package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/shimgen/shimgen/gen"
	"github.com/shimgen/shimgen/internal/annotation"
)

// checkCommand reports, writing nothing, how the files on disk differ from
// what generate would write and remove.
func checkCommand(fs *flag.FlagSet) func(*call) int {
	format := formatFlag(fs)
	noTypes := noTypesFlag(fs)
	return func(c *call) int {
		github, ok := parseFormat(*format)
		if !ok {
			return c.usageError(fmt.Sprintf("unknown format %q (want text or github)", *format))
		}
		targets, err := resolve(c.args())
		if err != nil {
			return c.fail("shimgen", err)
		}
		rep := reporter{out: c.stdout, errOut: c.stderr, github: github}
		for _, r := range process(targets, !*noTypes) {
			rep.result(r)
		}
		return rep.finish()
	}
}

// formatFlag defines --format, for check and breaking.
func formatFlag(fs *flag.FlagSet) *string {
	return fs.String("format", "text", "output format: text, or github for GitHub Actions annotations")
}

// parseFormat reports whether format is github, and whether it is valid.
func parseFormat(format string) (github, ok bool) {
	return format == "github", format == "text" || format == "github"
}

// reporter prints check's findings and decides the exit status.
type reporter struct {
	out, errOut io.Writer
	github      bool
	drift       int
	failed      bool
	fixes       []string
}

func (rep *reporter) result(r result) {
	drifts, err := drifts(r)
	if err != nil {
		rep.failed = true
		reportSpecError(rep.out, rep.errOut, rep.github, err)
		return
	}
	for _, d := range drifts {
		rep.drift++
		rep.driftFound(d, fixCommand(r))
	}
	if len(drifts) > 0 {
		rep.fixes = append(rep.fixes, fixCommand(r))
	}
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

func fixCommand(r result) string {
	if r.display == "." && len(r.only) == 0 {
		return "shimgen generate"
	}
	if len(r.only) == 0 {
		return "shimgen generate " + r.display
	}
	return "shimgen generate " + strings.Join(r.pkg.SpecNames(), " ")
}

func (rep *reporter) driftFound(d gen.Drift, fix string) {
	msg := driftMessage(d, fix)
	if rep.github {
		annotation.Error(rep.out, d.Path, firstLine(d.Diff), 0, msg)
	} else {
		fmt.Fprintf(rep.out, "%s: %s\n", d.Path, msg)
	}
	if d.Diff != "" {
		fmt.Fprint(rep.out, d.Diff)
	}
}

func driftMessage(d gen.Drift, fix string) string {
	switch d.Kind {
	case gen.Missing:
		return fmt.Sprintf("missing: %s generates it; run: %s", d.Spec, fix)
	case gen.Orphaned:
		return fmt.Sprintf("orphaned: generated from %s, which is gone; run: %s (it removes the file)", d.Spec, fix)
	case gen.Foreign:
		return fmt.Sprintf("in the way: %s generates this file, which was not written by shimgen; rename it or the spec", d.Spec)
	}
	return fmt.Sprintf("stale: it differs from what %s generates; run: %s", d.Spec, fix)
}

var hunkRE = regexp.MustCompile(`(?m)^@@ -\d+(?:,\d+)? \+(\d+)`)

// firstLine is the first line a unified diff touches in the new file (1 if
// none).
func firstLine(diff string) int {
	if m := hunkRE.FindStringSubmatch(diff); m != nil {
		if n, _ := strconv.Atoi(m[1]); n > 0 {
			return n
		}
	}
	return 1
}

func (rep *reporter) finish() int {
	switch {
	case rep.failed:
		return exitError
	case rep.drift > 0:
		fmt.Fprintf(rep.errOut, "shimgen check: %d generated file(s) out of sync with their specs; to fix, run:\n", rep.drift)
		for _, f := range rep.fixes {
			fmt.Fprintf(rep.errOut, "\t%s\n", f)
		}
		return exitDrift
	}
	return exitOK
}
