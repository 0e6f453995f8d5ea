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
