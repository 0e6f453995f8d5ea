package ants_test

import (
	"testing"

	"github.com/shimgen/shimgen/runtimes"
	rtants "github.com/shimgen/shimgen/runtimes/ants"
	"github.com/shimgen/shimgen/runtimes/internal/soak"
)

// TestSoak runs the runtimes' soak on ants executors: unbounded, small
// enough to overload, and small in Block mode (calls started by a done on
// a busy worker get ErrOverloaded).
//
// -soak=N sets the calls per runtime; the default is 10000 (2000 with
// -short).
func TestSoak(t *testing.T) {
	open := func(cfg rtants.Config) func(o ...runtimes.Option) (*runtimes.Runtime, func() error) {
		return func(o ...runtimes.Option) (*runtimes.Runtime, func() error) {
			rt, err := rtants.New(cfg, o...)
			if err != nil {
				t.Fatal(err)
			}
			return rt, nil
		}
	}
	soak.Run(t, []soak.Runtime{
		{Name: "ants", Open: open(rtants.Config{})},
		{Name: "ants-small", Overload: true, MustOverload: true, Open: open(rtants.Config{Size: 2})},
		{Name: "ants-block", Overload: true, Open: open(rtants.Config{Size: 2, Block: true})},
	}, soak.Calls(t, 10000))
}
