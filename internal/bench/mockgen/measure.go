package main

import (
	"os/exec"
	"time"
)

// sample is one measured run of a command.
type sample struct {
	wall time.Duration
	rss  int64 // peak resident set in bytes; 0 where unknown
}

// measure runs cmd and returns its wall time, from start to exit, and its
// peak RSS (see maxRSS). cmd's output is captured and reported on failure.
func measure(cmd *exec.Cmd) (sample, error) {
	start := time.Now()
	err := execute(cmd)
	s := sample{wall: time.Since(start)}
	if err != nil {
		return s, err
	}
	s.rss = maxRSS(cmd.ProcessState)
	return s, nil
}
