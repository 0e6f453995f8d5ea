package main

import (
	"os/exec"
	"time"
)

// sample is one measured run of a command.
type sample struct {
	wall time.Duration
	rss  int64         // peak resident set in bytes; 0 where unknown
	cpu  time.Duration // user and system time of the command and the children it waited for
}

// measure runs cmd and returns its wall time, from start to exit, and its
// peak RSS (see maxRSS) and CPU time. cmd's output is captured and reported on failure.
func measure(cmd *exec.Cmd) (sample, error) {
	start := time.Now()
	err := execute(cmd)
	s := sample{wall: time.Since(start)}
	if err != nil {
		return s, err
	}
	s.rss = maxRSS(cmd.ProcessState)
	s.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return s, nil
}
