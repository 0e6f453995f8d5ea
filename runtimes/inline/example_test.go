package inline_test

import (
	"context"
	"fmt"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/inline"
)

// greetCall is what shimgen generates for the callback form of a method
// `Greet(ctx, name string) (greeting string, err error)` over a blocking
// implementation.
type greetCall struct {
	runtimes.Call
	name     string
	done     func(greeting string, err error)
	greeting string
}

func (c *greetCall) Run(ctx context.Context) error {
	c.greeting = "hello, " + c.name
	return nil
}

func (c *greetCall) Complete(err error) { c.done(c.greeting, err) }

// With the inline runtime the done callback runs before Start returns, so a
// test can check its effects right away.
func Example() {
	rt := inline.New()
	rt.Start(context.Background(), 0, &greetCall{
		name: "gopher",
		done: func(greeting string, err error) { fmt.Println("done:", greeting, err) },
	})
	fmt.Println("Start returned")
	// Output:
	// done: hello, gopher <nil>
	// Start returned
}
