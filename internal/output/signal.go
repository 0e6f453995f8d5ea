package output

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"syscall"
)

// ErrInterrupted is Write's error when its context was done: every file is
// either as it was or completely written.
var ErrInterrupted = errors.New("interrupted")

// NotifyContext returns a context done on SIGINT or SIGTERM, which stops
// Write between two file operations; stop restores the default handling.
func NotifyContext() (ctx context.Context, stop context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}
