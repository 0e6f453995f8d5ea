package blob_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/shimgen/shimgen/examples/blob"
	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/inline"
)

// printer is an Observer that prints how each call ended. For logs,
// runtimes.SlogObserver(logger) does this with log/slog; runtimes/otel
// makes spans and metrics.
type printer struct{}

func (printer) Start(ctx context.Context, c runtimes.Observed) (context.Context, runtimes.Probe) {
	return ctx, printed{c}
}

// printed follows one call.
type printed struct{ c runtimes.Observed }

func (p printed) Began(time.Time) {} // at - p.c.Start is the queue wait

func (p printed) Ended(e runtimes.Ending) {
	fmt.Printf("%s.%s (%v over %v on %s): %v %v\n", p.c.Method.Interface, p.c.Method.Name, p.c.Form, p.c.Impl, p.c.Kind, e.Outcome, e.Err)
}

func (p printed) Misused(e runtimes.Ending) { fmt.Println("misused:", e.Outcome) }

// Observing calls: the observer learns each call's interface, method, form
// and runtime when it starts, and how it ended.
func Example_observer() {
	root, err := os.MkdirTemp("", "blob-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(root)
	d, err := blob.Open(root)
	if err != nil {
		fmt.Println(err)
		return
	}
	rt := inline.New(runtimes.WithObserver(printer{}))
	bucket := blob.NewBucketAsync(d, rt)
	ctx := context.Background()
	bucket.Put(ctx, "greeting", []byte("hello"), nil, func(err error) {})
	bucket.Put(ctx, "greeting", []byte("again"), []blob.PutOption{blob.IfAbsent()}, func(err error) {})
	// Output:
	// Bucket.Put (callback over blocking on inline): ok <nil>
	// Bucket.Put (callback over blocking on inline): error blob: key already exists: "greeting"
}
