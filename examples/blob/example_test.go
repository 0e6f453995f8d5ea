package blob_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/shimgen/shimgen/examples/blob"
	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/loop"
)

// A program in the loop style: the loop runs on the main goroutine, and the
// program lives in done callbacks, which all run on the loop, one at a time,
// so they share plain variables without locks. The file I/O runs on the
// loop's workers.
func Example_loop() {
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
	lp := loop.New(loop.Config{})
	b := blob.NewBucketAsync(d, lp.Runtime())
	ctx := context.Background()

	sizes := map[string]int{} // touched only on the loop
	keys := []string{"a", "b/c", "../d"}
	lp.Post(runtimes.TaskFunc(func() {
		for _, k := range keys {
			b.Put(ctx, k, []byte(strings.Repeat("x", len(k))), nil, func(err error) {
				if err != nil {
					fmt.Println(err)
				}
				b.Stat(ctx, k, func(info blob.Info, found bool, err error) {
					sizes[k] = int(info.Size)
					if len(sizes) == len(keys) {
						lp.Close(ctx) // on the loop: Run returns once drained
					}
				})
			})
		}
	}))
	if err := lp.Run(); err != nil {
		fmt.Println(err)
	}
	fmt.Println(sizes)
	// Output: map[../d:4 a:1 b/c:3]
}

// The blocking form of any callback implementation: each call is invoked on
// the loop and waits for its completion. (For a value made by
// NewBucketAsync, as here, it collapses to a direct call of d.)
func ExampleNewBucketBlocking() {
	root, err := os.MkdirTemp("", "blob-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(root)
	d, _ := blob.Open(root)
	lp := loop.New(loop.Config{})
	lp.Start()
	defer lp.Close(context.Background())
	b := blob.NewBucketBlocking(blob.NewBucketAsync(d, lp.Runtime()), lp.Runtime())

	ctx := context.Background()
	if err := b.Put(ctx, "greeting", []byte("hello"), blob.WithMode(0o600)); err != nil {
		fmt.Println(err)
	}
	data, found, err := b.Get(ctx, "greeting")
	fmt.Println(string(data), found, err)
	// Output: hello true <nil>
}
