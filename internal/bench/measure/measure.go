package measure

import (
	"os/exec"
	"time"
)

// Sample is one measured run of a command.
type Sample struct {
	Wall time.Duration
	RSS  int64         // peak resident set in bytes; 0 where unknown
	CPU  time.Duration // user and system time of the command and the children it waited for
}

// Run runs cmd and returns its wall time, from start to exit, its peak
// RSS (see maxRSS) and its CPU time. cmd's output is captured and
// reported on failure.
func Run(cmd *exec.Cmd) (Sample, error) {
	start := time.Now()
	err := Execute(cmd)
	s := Sample{Wall: time.Since(start)}
	if err != nil {
		return s, err
	}
	s.RSS = maxRSS(cmd.ProcessState)
	s.CPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return s, nil
}
