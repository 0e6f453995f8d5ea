//go:build race

package gen_test

func init() { raceEnabled = true }
