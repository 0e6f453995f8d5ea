// Command shimgen generates, from one YAML spec, an I/O API in two forms:
// a blocking form (plain Go methods) and a callback form (each method takes
// a completion callback delivered on a pluggable runtime), each derivable
// from an implementation of the other.
//
// "shimgen help" lists the commands and "shimgen COMMAND -h" a command's
// flags; the README documents them. With no command it generates, so a
// package needs only
//
//	//go:generate go tool shimgen
package main

import (
	"os"

	"github.com/shimgen/shimgen/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args, os.Stdout, os.Stderr))
}
