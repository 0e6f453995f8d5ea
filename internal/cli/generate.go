package cli

import (
	"errors"
	"flag"
	"fmt"

	"github.com/shimgen/shimgen/internal/output"
)

// generateCommand writes the generated files of the specs the paths select,
// under the write policy of package output.
func generateCommand(fs *flag.FlagSet) func(*call) int {
	verbose := fs.Bool("v", false, "list the files written and removed")
	noTypes := noTypesFlag(fs)
	return func(c *call) int { return runGenerate(c, *verbose, !*noTypes) }
}

func runGenerate(c *call, verbose, types bool) int {
	targets, err := resolve(c.args())
	if err != nil {
		return c.fail("shimgen", err)
	}
	ctx, stop := output.NotifyContext()
	defer stop()
	done := make(chan []result, 1)
	go func() { done <- process(targets, types) }()
	var results []result
	select {
	case results = <-done:
	case <-ctx.Done():
		fmt.Fprintln(c.stderr, "shimgen: interrupted; no file was written")
		return exitInterrupted
	}
	log := c.stdout
	if !verbose {
		log = nil
	}
	code := exitOK
	for _, r := range results {
		if r.err == nil {
			r.err = r.outputDir().Write(ctx, r.files, r.pkg.Complete, log)
		}
		if errors.Is(r.err, output.ErrInterrupted) {
			fmt.Fprintln(c.stderr, "shimgen: interrupted; every file is either as it was or completely written")
			return exitInterrupted
		}
		if r.err != nil {
			fmt.Fprintln(c.stderr, r.err)
			code = exitError
		}
	}
	return code
}
