//go:build unix

package measure

import (
	"os"
	"runtime"
	"syscall"
)

// maxRSS returns ru_maxrss of the exited process, as wait4 reported it, in
// bytes. Linux fills wait4's rusage as getrusage(RUSAGE_BOTH) of the child:
// the maximum over the child itself and every descendant it waited for
// (RUSAGE_CHILDREN of the child), so for go build it is the largest single
// process of the tree, normally the compiler — not a sum of concurrent
// processes. Linux and the BSDs report kilobytes, macOS bytes.
func maxRSS(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss)
	}
	return int64(ru.Maxrss) * 1024
}
