package main

import "slices"

// spread is the median and the range of some values.
type spread struct {
	median, min, max float64
}

// summarize returns the spread of vs, which must not be empty.
func summarize(vs []float64) spread {
	s := slices.Sorted(slices.Values(vs))
	n := len(s)
	median := s[n/2]
	if n%2 == 0 {
		median = (s[n/2-1] + s[n/2]) / 2
	}
	return spread{median: median, min: s[0], max: s[n-1]}
}

// values maps samples to one figure each.
func values(ss []sample, figure func(sample) float64) []float64 {
	vs := make([]float64, len(ss))
	for i, s := range ss {
		vs[i] = figure(s)
	}
	return vs
}

// ratios divides a by b, pairwise (same round).
func ratios(a, b []float64) []float64 {
	rs := make([]float64, len(a))
	for i := range a {
		rs[i] = a[i] / b[i]
	}
	return rs
}

func seconds(s sample) float64    { return s.wall.Seconds() }
func cpuSeconds(s sample) float64 { return s.cpu.Seconds() }
func mebibytes(s sample) float64  { return float64(s.rss) / (1 << 20) }
