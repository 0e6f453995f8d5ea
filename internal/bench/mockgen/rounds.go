package main

import (
	"fmt"
	"io"
	"maps"

	"github.com/shimgen/shimgen/internal/bench/measure"
)

// samples are the measured runs of each job, in round order.
type samples map[string][]measure.Sample

// rounds runs n paired rounds. Every round changes the round files, then
// generates with the three generators and builds the three packages. Odd
// rounds run mockgen first and even ones last, so that neither tool
// always runs on a warmer machine.
func rounds(l layout, t tools, n int, progress io.Writer) (samples, error) {
	jobs := genJobs(l, t)
	maps.Copy(jobs, buildJobs(l))
	gen := []string{genMock, genShimNoTypes, genShimTypes}
	build := []string{buildMock, buildShim, buildFloor, gofmtFloor, gofmtShim}
	out := samples{}
	for r := 1; r <= n; r++ {
		fmt.Fprintf(progress, "round %d/%d\n", r, n)
		if err := touch(l, r); err != nil {
			return nil, err
		}
		order := append(ordered(gen, r), ordered(build, r)...)
		for _, name := range order {
			s, err := runJob(jobs[name])
			if err != nil {
				return nil, err
			}
			out[name] = append(out[name], s)
		}
	}
	return out, nil
}

// ordered returns names with mockgen's job (the first) first in odd
// rounds and last in even ones.
func ordered(names []string, round int) []string {
	if round%2 == 1 {
		return names
	}
	return append(append([]string(nil), names[1:]...), names[0])
}

// warmUp runs each job once, unmeasured, and tidies the module between the
// generation and the builds (mockgen's output is what needs gomock), so
// that the rounds start with every dependency downloaded and compiled.
// Package floor is written from shimgen's first output (see writeFloor).
func warmUp(l layout, t tools) error {
	for _, j := range genJobs(l, t) {
		if _, err := runJob(j); err != nil {
			return err
		}
	}
	if err := measure.Execute(measure.Command(l.module, measure.Isolated, "go", "mod", "tidy")); err != nil {
		return err
	}
	if err := writeFloor(l); err != nil {
		return err
	}
	for _, j := range buildJobs(l) {
		if _, err := runJob(j); err != nil {
			return err
		}
	}
	return nil
}
