package measure

import (
	"fmt"
	"slices"
)

// Spread is the median and the range of some values.
type Spread struct {
	Median, Min, Max float64
}

// Summarize returns the spread of vs, which must not be empty.
func Summarize(vs []float64) Spread {
	s := slices.Sorted(slices.Values(vs))
	n := len(s)
	median := s[n/2]
	if n%2 == 0 {
		median = (s[n/2-1] + s[n/2]) / 2
	}
	return Spread{Median: median, Min: s[0], Max: s[n-1]}
}

// Values maps samples to one figure each.
func Values(ss []Sample, figure func(Sample) float64) []float64 {
	vs := make([]float64, len(ss))
	for i, s := range ss {
		vs[i] = figure(s)
	}
	return vs
}

// Ratios divides a by b, pairwise (same round).
func Ratios(a, b []float64) []float64 {
	rs := make([]float64, len(a))
	for i := range a {
		rs[i] = a[i] / b[i]
	}
	return rs
}

// Figures of a sample: wall seconds, CPU seconds, peak RSS in MiB.
func Seconds(s Sample) float64    { return s.Wall.Seconds() }
func CPUSeconds(s Sample) float64 { return s.CPU.Seconds() }
func MiB(s Sample) float64        { return float64(s.RSS) / (1 << 20) }

// Cell formats s as "median (min–max)" with verb and suffix, or as the
// median alone when the range rounds to one value.
func Cell(s Spread, verb, suffix string) string {
	m := fmt.Sprintf(verb, s.Median) + suffix
	lo, hi := fmt.Sprintf(verb, s.Min), fmt.Sprintf(verb, s.Max)
	if lo == hi {
		return m
	}
	return fmt.Sprintf("%s (%s–%s)", m, lo, hi)
}

// Quartiles are the median and the first and third quartiles of some
// values: Q3-Q1 is their interquartile range, which one outlier round does
// not stretch as it does the range.
type Quartiles struct {
	Q1, Median, Q3 float64
}

// QuartilesOf returns the quartiles of vs, which must not be empty: the
// medians of the lower and upper halves (the middle value of an odd count
// in neither).
func QuartilesOf(vs []float64) Quartiles {
	s := slices.Sorted(slices.Values(vs))
	n := len(s)
	if n == 1 {
		return Quartiles{s[0], s[0], s[0]}
	}
	return Quartiles{Q1: Summarize(s[:n/2]).Median, Median: Summarize(s).Median, Q3: Summarize(s[(n+1)/2:]).Median}
}
