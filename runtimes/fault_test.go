package runtimes_test

import "github.com/shimgen/shimgen/runtimes/internal/soak"

// The fault-injecting loop and executor live with the soak, which the
// adapters' modules run too.
type faults = soak.Faults

var (
	randomFaults    = soak.RandomFaults
	newFaultRuntime = soak.NewFaultRuntime
)
