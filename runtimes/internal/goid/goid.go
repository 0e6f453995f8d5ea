// Package goid reads the calling goroutine's id, for the loop's OnLoop check
// and for tests. It parses the header of runtime.Stack ("goroutine N [...").
package goid

import (
	"runtime"
	"sync"
)

// bufs recycles the buffers runtime.Stack writes into (they escape).
var bufs = sync.Pool{New: func() any { return new([32]byte) }}

// Current returns the calling goroutine's id.
func Current() uint64 {
	buf := bufs.Get().(*[32]byte)
	defer bufs.Put(buf)
	b := buf[:runtime.Stack(buf[:], false)]
	const prefix = len("goroutine ")
	if len(b) < prefix {
		return 0
	}
	var id uint64
	for _, c := range b[prefix:] {
		if c < '0' || c > '9' {
			break
		}
		id = id*10 + uint64(c-'0')
	}
	return id
}
