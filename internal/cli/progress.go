package cli

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progressAfter is how long init's loading of packages may take before it
// says on stderr what it is doing.
const progressAfter = time.Second

// withProgress runs work and returns its error; if work is still running
// when fire delivers, it first writes msg (a line) to w. The caller owns
// the clock: fire is a timer's channel in the command, any channel in
// tests.
func withProgress(w io.Writer, fire <-chan time.Time, msg string, work func() error) error {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		select {
		case <-fire:
			fmt.Fprintln(w, msg)
		case <-done:
		}
	}()
	err := work()
	close(done)
	wg.Wait()
	return err
}
