package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/shimgen/shimgen/internal/bench/measure"
)

// The measured runs.
const (
	checkTypes   = "check ./..."
	checkNoTypes = "check -no-types ./..."
	genTypes     = "generate ./p001"
	genNoTypes   = "generate -no-types ./p001"
)

// run is one measured shimgen run and the go list processes it started.
type run struct {
	measure.Sample
	goLists int
}

// samples are the runs of each command, in round order.
type samples map[string][]run

// round runs each command once; odd rounds run with types first, even
// rounds without.
func (ss samples) round(t tools, dir string, r int) error {
	order := []string{checkTypes, checkNoTypes, genTypes, genNoTypes}
	if r%2 == 0 {
		order = []string{checkNoTypes, checkTypes, genNoTypes, genTypes}
	}
	args := map[string][]string{
		checkTypes:   {"check", "./..."},
		checkNoTypes: {"check", "-no-types", "./..."},
		genTypes:     {"generate", "./p001"},
		genNoTypes:   {"generate", "-no-types", "./p001"},
	}
	if _, err := t.goLists(); err != nil {
		return err
	}
	for _, name := range order {
		s, err := measure.Run(t.shimgen(dir, args[name]...))
		if err != nil {
			return err
		}
		n, err := t.goLists()
		if err != nil {
			return err
		}
		ss[name] = append(ss[name], run{s, n})
	}
	return nil
}

// row is one line of the table.
type row struct {
	figure         string
	types, noTypes measure.Spread
	ratio          measure.Spread
	unit           string
	target, lists  string
}

func (ss samples) rows() []row {
	pair := func(figure, a, b string, v func(measure.Sample) float64, unit, target string) row {
		x, y := values(ss[a], v), values(ss[b], v)
		lists := fmt.Sprintf("%.0f / %.0f", measure.Summarize(listCounts(ss[a])).Median, measure.Summarize(listCounts(ss[b])).Median)
		return row{figure, measure.Summarize(x), measure.Summarize(y), measure.Summarize(measure.Ratios(x, y)), unit, target, lists}
	}
	return []row{
		pair("check ./... wall", checkTypes, checkNoTypes, measure.Seconds, "s", "≤ 1.2× and ≤ 1 s"),
		pair("check ./... CPU", checkTypes, checkNoTypes, measure.CPUSeconds, "s", ""),
		pair("check ./... peak RSS", checkTypes, checkNoTypes, measure.MiB, "MiB", ""),
		pair("generate ./p001 wall", genTypes, genNoTypes, measure.Seconds, "s", "≤ 1.5×"),
		pair("generate ./p001 peak RSS", genTypes, genNoTypes, measure.MiB, "MiB", ""),
	}
}

func values(rs []run, v func(measure.Sample) float64) []float64 {
	out := make([]float64, len(rs))
	for i, r := range rs {
		out[i] = v(r.Sample)
	}
	return out
}

func listCounts(rs []run) []float64 {
	out := make([]float64, len(rs))
	for i, r := range rs {
		out[i] = float64(r.goLists)
	}
	return out
}

// printTable writes the rows aligned: median (min–max) of each.
func printTable(w io.Writer, rows []row) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "figure\ttypes\t-no-types\tratio\ttarget\tgo list runs (types / -no-types)")
	for _, r := range rows {
		verb := "%.2f"
		if r.unit == "MiB" {
			verb = "%.0f"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.figure, measure.Cell(r.types, verb, " "+r.unit), measure.Cell(r.noTypes, verb, " "+r.unit),
			measure.Cell(r.ratio, "%.2f", "×"), r.target, r.lists)
	}
	return tw.Flush()
}
