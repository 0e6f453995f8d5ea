//go:build js && wasm

package wasm

import (
	"sync"
	"sync/atomic"
	"syscall/js"

	"github.com/shimgen/shimgen/runtimes/internal/goid"
)

// marks tracks the goroutines that run a call from JavaScript (a batch of a
// Loop or a Func), with their nesting depth: a Go function called from
// JavaScript runs on the goroutine that made the JavaScript call, so calls
// nest.
var marks struct {
	n     atomic.Int64 // sum of the depths: a cheap "nobody is marked"
	mu    sync.Mutex
	depth map[uint64]int
}

// enter marks the calling goroutine as on the loop and returns its id.
func enter() uint64 {
	id := goid.Current()
	marks.mu.Lock()
	if marks.depth == nil {
		marks.depth = make(map[uint64]int)
	}
	marks.depth[id]++
	marks.mu.Unlock()
	marks.n.Add(1)
	return id
}

// leave undoes one enter of goroutine id.
func leave(id uint64) {
	marks.n.Add(-1)
	marks.mu.Lock()
	if d := marks.depth[id]; d > 1 {
		marks.depth[id] = d - 1
	} else {
		delete(marks.depth, id)
	}
	marks.mu.Unlock()
}

// OnLoop reports whether the calling goroutine runs a call from JavaScript
// that the package knows of: a task posted to a [Loop] or a function wrapped
// with [Func]. Blocking there until the event loop makes progress would
// deadlock. It is what every Loop's OnLoop reports: there is a single
// JavaScript event loop.
func OnLoop() bool {
	if marks.n.Load() == 0 {
		return false
	}
	id := goid.Current()
	marks.mu.Lock()
	d := marks.depth[id]
	marks.mu.Unlock()
	return d > 0
}

// Func is [js.FuncOf] for a function that JavaScript calls as an event
// handler: while fn runs, [OnLoop] is true, so a blocking-form call made in
// fn fails at once with runtimes.ErrWouldDeadlock instead of freezing the
// JavaScript thread. As with js.FuncOf, call Release on the result once
// JavaScript no longer uses it.
func Func(fn func(this js.Value, args []js.Value) any) js.Func {
	return js.FuncOf(func(this js.Value, args []js.Value) any {
		id := enter()
		defer leave(id)
		return fn(this, args)
	})
}
