package cache_test

import (
	"context"
	"fmt"
	"time"

	"github.com/shimgen/shimgen/examples/cache"
	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/loop"
)

// A Store lives on a loop. Any goroutine uses it through the blocking form;
// code running on the loop uses the Store itself, the callback form.
func Example() {
	lp := loop.New(loop.Config{})
	lp.Start()
	store := cache.New(lp.Runtime())
	c := cache.NewCacheBlocking(store, lp.Runtime())
	ctx := context.Background()

	// The blocking form, from any goroutine.
	if err := c.Set(ctx, "lang", []byte("go"), time.Minute); err != nil {
		fmt.Println(err)
	}
	v, found, _ := c.Get(ctx, "lang")
	fmt.Printf("%s %v\n", v, found)

	// The callback form, on the loop: WaitFor is registered before the Set
	// that wakes it, since both run on the loop, in order.
	woken := make(chan string, 1)
	lp.Post(runtimes.TaskFunc(func() {
		store.WaitFor(ctx, "news", func(v []byte, err error) { woken <- string(v) })
		store.Set(ctx, "news", []byte("hello"), 0, func(error) {})
	}))
	fmt.Println(<-woken)

	n, _ := c.Len(ctx)
	fmt.Println(n)
	if err := lp.Close(ctx); err != nil {
		fmt.Println(err)
	}
	// Output:
	// go true
	// hello
	// 2
}
