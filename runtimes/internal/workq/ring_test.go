package workq

import (
	"testing"

	"github.com/shimgen/shimgen/runtimes"
)

type nop int

func (nop) Run() {}

func TestRingWrapsAndGrows(t *testing.T) {
	var r ring
	next, want := 0, 0
	for round := range 50 {
		for range round % 7 * 5 {
			r.push(nop(next))
			next++
		}
		for r.len() > round%3 {
			if got := r.pop().(nop); int(got) != want {
				t.Fatalf("popped %d, want %d", got, want)
			}
			want++
		}
	}
	for r.len() > 0 {
		r.pop()
	}
	for _, t2 := range r.buf {
		if t2 != runtimes.Task(nil) {
			t.Fatal("a popped slot still holds its task")
		}
	}
}
