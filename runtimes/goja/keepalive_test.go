package goja_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	gojajs "github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/eventloop"
	"github.com/shimgen/shimgen/runtimes/goja"
)

// TestKeepAliveRefusal: a call refused at once (its context ended) from a
// completion never reaches the executor; its refusal, posted to the loop,
// still runs before Run returns.
func TestKeepAliveRefusal(t *testing.T) {
	loop := eventloop.NewEventLoop(eventloop.EnableConsole(false))
	rt := goja.New(loop, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var reports []any
	loop.Run(func(vm *gojajs.Runtime) {
		vm.Set("calc", goja.ExposeContext(ctx, rt, vm, &calc{rt: rt}))
		vm.Set("report", func(v gojajs.Value) { reports = append(reports, v.Export()) })
		_, _ = vm.RunString(`calc.add(1, 2).catch(e => {
			report(e.message);
			calc.add(1, 2).catch(e => report(e.message));
		})`)
	})
	if got := fmt.Sprint(reports); got != "[context canceled context canceled]" {
		t.Errorf("reports %v", got)
	}
	cctx, ccancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer ccancel()
	if err := rt.Close(cctx); err != nil {
		t.Fatal(err)
	}
}
