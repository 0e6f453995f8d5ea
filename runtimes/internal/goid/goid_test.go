package goid

import "testing"

func TestCurrent(t *testing.T) {
	me := Current()
	if me == 0 || me != Current() {
		t.Fatalf("Current() = %d, unstable or zero", me)
	}
	other := make(chan uint64)
	go func() { other <- Current() }()
	if id := <-other; id == me || id == 0 {
		t.Fatalf("another goroutine's id = %d, mine = %d", id, me)
	}
	if n := testing.AllocsPerRun(100, func() { Current() }); n != 0 {
		t.Fatalf("Current allocates %v times", n)
	}
}
