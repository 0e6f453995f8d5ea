package measure

import "testing"

func TestSummarize(t *testing.T) {
	if got := Summarize([]float64{3, 1, 2}); got != (Spread{Median: 2, Min: 1, Max: 3}) {
		t.Errorf("odd: %+v", got)
	}
	if got := Summarize([]float64{4, 1, 2, 3}); got != (Spread{Median: 2.5, Min: 1, Max: 4}) {
		t.Errorf("even: %+v", got)
	}
	if got := Cell(Spread{Median: 1.234, Min: 1, Max: 2}, "%.1f", " s"); got != "1.2 s (1.0–2.0)" {
		t.Errorf("Cell = %q", got)
	}
	if got := Cell(Spread{Median: 2, Min: 2, Max: 2}, "%.0f", "×"); got != "2×" {
		t.Errorf("Cell = %q", got)
	}
}

func TestQuartilesOf(t *testing.T) {
	if got := QuartilesOf([]float64{8, 1, 3, 5, 7, 2, 4, 6}); got != (Quartiles{Q1: 2.5, Median: 4.5, Q3: 6.5}) {
		t.Errorf("even: %+v", got)
	}
	if got := QuartilesOf([]float64{5, 1, 4, 2, 3}); got != (Quartiles{Q1: 1.5, Median: 3, Q3: 4.5}) {
		t.Errorf("odd: %+v", got)
	}
	if got := QuartilesOf([]float64{7}); got != (Quartiles{7, 7, 7}) {
		t.Errorf("one: %+v", got)
	}
}
