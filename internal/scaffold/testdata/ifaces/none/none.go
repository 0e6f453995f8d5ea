// Package none declares no interface.
package none

// T is no interface.
type T struct{}
