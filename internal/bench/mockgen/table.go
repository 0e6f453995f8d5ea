package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/shimgen/shimgen/internal/bench/measure"
)

// row is one figure of the table.
type row struct {
	figure     string
	shim, mock measure.Spread
	ratio      measure.Spread
	unit       unit
	target     float64 // the highest ratio issue 11 accepts; 0 for none
}

// unit is how a figure's values print: verb formats a number, suffix
// follows the median.
type unit struct {
	verb, suffix string
}

var (
	secs   = unit{"%.2f", " s"}
	mib    = unit{"%.0f", " MiB"}
	count  = unit{"%.0f", ""}
	factor = unit{"%.2f", "×"}
)

// timedRow compares the figure of the samples of two jobs, round by round.
func timedRow(figure string, ss samples, shim, mock string, value func(measure.Sample) float64, u unit, target float64) row {
	a, b := measure.Values(ss[shim], value), measure.Values(ss[mock], value)
	return row{figure, measure.Summarize(a), measure.Summarize(b), measure.Summarize(measure.Ratios(a, b)), u, target}
}

// sizeRow compares one figure of the generated files, per method.
func sizeRow(figure string, shim, mock, methods int, target float64) row {
	a, b := float64(shim)/float64(methods), float64(mock)/float64(methods)
	return row{figure, measure.Spread{Median: a, Min: a, Max: a}, measure.Spread{Median: b, Min: b, Max: b}, measure.Spread{Median: a / b, Min: a / b, Max: a / b}, count, target}
}

// table returns the rows of the report; the last four compare the API
// floor (see writeFloor) with mockgen, as the least the targets allow.
// The gofmt rows compare formatting shimgen's (or the floor's) files with
// mockgen's whole generation: emitting through jennifer means formatting
// every byte emitted.
func table(ss samples, shim, mock, floor size, methods int) []row {
	return []row{
		timedRow("generate (-no-types)", ss, genShimNoTypes, genMock, measure.Seconds, secs, 0.5),
		timedRow("generate (types)", ss, genShimTypes, genMock, measure.Seconds, secs, 0.5),
		timedRow("generate peak RSS (-no-types)", ss, genShimNoTypes, genMock, measure.MiB, mib, 1),
		timedRow("generate peak RSS (types)", ss, genShimTypes, genMock, measure.MiB, mib, 1),
		timedRow("go build", ss, buildShim, buildMock, measure.Seconds, secs, 1),
		timedRow("go build CPU", ss, buildShim, buildMock, measure.CPUSeconds, secs, 1),
		timedRow("gofmt of the output vs generate", ss, gofmtShim, genMock, measure.Seconds, secs, 0),
		timedRow("go build peak RSS", ss, buildShim, buildMock, measure.MiB, mib, 1),
		sizeRow("bytes / method", shim.bytes, mock.bytes, methods, 1),
		sizeRow("lines / method", shim.lines, mock.lines, methods, 0),
		timedRow("API floor: go build", ss, buildFloor, buildMock, measure.Seconds, secs, 0),
		timedRow("API floor: go build CPU", ss, buildFloor, buildMock, measure.CPUSeconds, secs, 0),
		timedRow("API floor: gofmt vs generate", ss, gofmtFloor, genMock, measure.Seconds, secs, 0),
		sizeRow("API floor: bytes / method", floor.bytes, mock.bytes, methods, 0),
	}
}

// printTable writes the rows, aligned: each value is the median with the
// range over the rounds, and the ratio the median and range of the
// per-round ratios.
func printTable(w io.Writer, rows []row) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "figure\tshimgen\tmockgen\tratio\ttarget\tmet")
	for _, r := range rows {
		target, met := "-", "-"
		if r.target > 0 {
			target, met = fmt.Sprintf("≤ %.1f×", r.target), "no"
			if r.ratio.Median <= r.target {
				met = "yes"
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.figure,
			cell(r.shim, r.unit), cell(r.mock, r.unit), cell(r.ratio, factor), target, met)
	}
	return tw.Flush()
}

// cell formats a spread in unit u (see measure.Cell).
func cell(s measure.Spread, u unit) string { return measure.Cell(s, u.verb, u.suffix) }
