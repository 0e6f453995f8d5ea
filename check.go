package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/shimgen/shimgen/gen"
	"github.com/shimgen/shimgen/spec"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("check", "shimgen check [--format text|github] [-no-types] [paths...]", stderr)
	format := fs.String("format", "text", "output format: text, or github for GitHub Actions annotations")
	noTypes := noTypesFlag(fs)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *format != "text" && *format != "github" {
		return usageError(stderr, fs, fmt.Sprintf("unknown format %q (want text or github)", *format))
	}
	targets, err := resolve(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "shimgen: %v\n", err)
		return exitError
	}
	rep := reporter{out: stdout, errOut: stderr, github: *format == "github"}
	for _, r := range process(targets, !*noTypes) {
		rep.result(r)
	}
	return rep.finish()
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
	if r.err != nil {
		rep.failed = true
		rep.specError(r.err)
		return
	}
	if err := checkOutputs(r); err != nil {
		rep.failed = true
		reportError(rep.errOut, err)
		return
	}
	drifts, err := gen.Check(os.DirFS(r.abs), r.pkg, r.files)
	if err != nil {
		rep.failed = true
		fmt.Fprintf(rep.errOut, "shimgen check: %s: %v\n", r.display, err)
		return
	}
	drifts = slices.DeleteFunc(drifts, func(d gen.Drift) bool {
		return d.Kind == gen.Orphaned && !removableOrphan(r.abs, path.Base(d.Path))
	})
	for _, d := range drifts {
		rep.drift++
		rep.driftFound(d, fixCommand(r))
	}
	if len(drifts) > 0 {
		rep.fixes = append(rep.fixes, fixCommand(r))
	}
}

// checkOutputs fails, as generate would, if an output name of r exists as
// a symlink, a directory or another non-regular file.
func checkOutputs(r result) error {
	for _, f := range r.files {
		name, err := destination(r, f)
		if err != nil {
			return err
		}
		if info, err := os.Lstat(name); err == nil {
			if err := checkRegular(f.Path, info); err != nil {
				return err
			}
		}
	}
	return nil
}

// removableOrphan reports whether generate would remove the orphan name of
// directory dir, so check reports just those.
func removableOrphan(dir, name string) bool {
	data, err := os.ReadFile(filepath.Join(dir, name))
	return err == nil && ownedOrphan(dir, name, data)
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
		fmt.Fprintf(rep.out, "::error file=%s,line=%d::%s\n", d.Path, firstLine(d.Diff), escape(msg))
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

func (rep *reporter) specError(err error) {
	var list spec.ErrorList
	if !rep.github || !errors.As(err, &list) {
		reportError(rep.errOut, err)
		return
	}
	for _, e := range list {
		fmt.Fprintf(rep.out, "::error file=%s,line=%d,col=%d::%s\n", e.Pos.File, e.Pos.Line, e.Pos.Col, escape(e.Msg))
	}
	reportError(rep.errOut, err)
}

// escape encodes a message for a GitHub workflow command.
func escape(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
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
