package main

import "testing"

func TestParseLine(t *testing.T) {
	name, r, ok := parseLine("BenchmarkBlockingPassThroughStat-2   \t 7000000\t        31.6 ns/op\t       0 B/op\t       2 allocs/op")
	if !ok || name != "BlockingPassThroughStat" || r.ns != 31.6 || r.allocs != 2 {
		t.Errorf("parseLine = %q, %+v, %v", name, r, ok)
	}
	if _, _, ok := parseLine("ok  \tgithub.com/shimgen/shimgen/examples/blob\t1.2s"); ok {
		t.Error("parseLine took a summary line for a result")
	}
	if name, _, ok := parseLine("BenchmarkX 10 5 ns/op"); !ok || name != "X" {
		t.Errorf("without GOMAXPROCS suffix: %q, %v", name, ok)
	}
}
