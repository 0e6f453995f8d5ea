package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/shimgen/shimgen/internal/bench/measure"
)

// row is one benchmark's line of the table.
type row struct {
	name                   string
	base, head             float64 // median ns/op
	ratio, cpuRatio        measure.Quartiles
	baseAllocs, headAllocs float64 // median allocs/op
}

// rows pairs the runs of each benchmark round by round.
func (rs *results) rows() []row {
	var out []row
	for _, name := range rs.names {
		b, h := rs.base[name], rs.head[name]
		n := min(len(b), len(h))
		if n == 0 {
			continue // a benchmark that one side lacks
		}
		bns, hns := figures(b[:n], nsOf), figures(h[:n], nsOf)
		bcpu, hcpu := figures(b[:n], cpuOf), figures(h[:n], cpuOf)
		out = append(out, row{
			name: name,
			base: measure.Summarize(bns).Median, head: measure.Summarize(hns).Median,
			ratio:      measure.QuartilesOf(measure.Ratios(hns, bns)),
			cpuRatio:   measure.QuartilesOf(measure.Ratios(hcpu, bcpu)),
			baseAllocs: measure.Summarize(figures(b[:n], allocsOf)).Median,
			headAllocs: measure.Summarize(figures(h[:n], allocsOf)).Median,
		})
	}
	return out
}

func nsOf(r result) float64     { return r.ns }
func cpuOf(r result) float64    { return r.cpu }
func allocsOf(r result) float64 { return r.allocs }

func figures(rs []result, f func(result) float64) []float64 {
	out := make([]float64, len(rs))
	for i, r := range rs {
		out[i] = f(r)
	}
	return out
}

// printTable writes the rows aligned.
func printTable(w io.Writer, rows []row) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "benchmark\tbase ns/op\tnow ns/op\twall ratio (IQR)\tCPU ratio (IQR)\tallocs/op base → now")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%.1f\t%.1f\t%s\t%s\t%.0f → %.0f\n",
			r.name, r.base, r.head, quartiles(r.ratio), quartiles(r.cpuRatio), r.baseAllocs, r.headAllocs)
	}
	return tw.Flush()
}

func quartiles(q measure.Quartiles) string {
	return fmt.Sprintf("%.3f× (%.3f–%.3f)", q.Median, q.Q1, q.Q3)
}
