// Package jsblob runs JavaScript against the blob example library: a goja
// event loop, the goja runtimes adapter, and the callback form of a
// blob.Bucket exposed to the script as `bucket`, whose methods return
// Promises, async iterators (list) or, for the client stream upload, a
// writer (see runtimes/goja.ExposeContext).
package jsblob

import (
	"context"
	"fmt"
	"time"

	gojajs "github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/eventloop"
	"github.com/shimgen/shimgen/examples/blob"
	"github.com/shimgen/shimgen/runtimes/goja"
	"github.com/shimgen/shimgen/runtimes/pool"
)

// Run runs script on a new goja event loop with the bucket b exposed as
// `bucket` and a function report(v) that collects v (exported to Go) into
// the returned slice. It returns once the script, every call it started and
// every timer it left have finished (eventloop.Run), then closes the
// runtime. The blocking work runs on a pool of workers goroutines.
func Run(ctx context.Context, b blob.Bucket, workers int, script string) ([]any, error) {
	loop := eventloop.NewEventLoop(eventloop.EnableConsole(false))
	rt := goja.New(loop, pool.NewExecutor(pool.Config{Workers: workers}))
	bucket := blob.NewBucketAsync(b, rt)
	var reports []any
	var runErr error
	loop.Run(func(vm *gojajs.Runtime) {
		vm.SetFieldNameMapper(gojajs.UncapFieldNameMapper())
		vm.Set("bucket", goja.Expose(rt, vm, bucket))
		vm.Set("report", func(v gojajs.Value) { reports = append(reports, v.Export()) })
		_, runErr = vm.RunString(script)
	})
	if err := rt.Close(ctx); err != nil {
		return reports, fmt.Errorf("jsblob: close: %w", err)
	}
	if runErr != nil {
		return reports, fmt.Errorf("jsblob: script: %w", runErr)
	}
	return reports, nil
}

// Slow is a blob.Bucket that sleeps for Delay before each Get and Put of
// the bucket it wraps, to make I/O slow.
type Slow struct {
	blob.Bucket
	Delay time.Duration
}

func (s Slow) Get(ctx context.Context, key string) ([]byte, bool, error) {
	time.Sleep(s.Delay)
	return s.Bucket.Get(ctx, key)
}

func (s Slow) Put(ctx context.Context, key string, data []byte, opts ...blob.PutOption) error {
	time.Sleep(s.Delay)
	return s.Bucket.Put(ctx, key, data, opts...)
}

// Script is the demonstration program: a put and a get, an invalid key
// caught, 100 puts in flight at once (Promise.all) while a setInterval
// ticks, a listing, uploads through the client stream bucket.upload (with
// a writer, from an iterable, and one aborted), and reports of what
// happened.
const Script = `
let ticks = 0;
const timer = setInterval(() => { ticks++ }, 5);
const text = s => String.fromCharCode(...s);

(async () => {
	await bucket.put("k", "hello from JS");
	const [data, found] = await bucket.get("k");
	report(found); report(text(data));

	const [, missing] = await bucket.get("nope");
	report(missing);

	try {
		await bucket.put("", "x");
		report("no error");
	} catch (e) {
		report("caught: " + e.message);
	}

	const before = ticks;
	const puts = [];
	for (let i = 0; i < 100; i++) {
		puts.push(bucket.put("many/" + String(i).padStart(3, "0"), new Uint8Array([i])));
	}
	await Promise.all(puts);
	report(ticks - before); // timer ticks while the 100 puts were in flight

	const entries = await bucket.list("many/").toArray();
	report(entries.length);
	report(entries[0].key + " " + entries[99].key);

	// A client stream: a writer whose awaited writes wait for room, then
	// the result (the bytes written) once closed...
	const w = bucket.upload("up/writer");
	for (let i = 0; i < 10; i++) await w.write("chunk " + i + ";");
	report(await w.close());
	report(text((await bucket.get("up/writer"))[0]));

	// ... or the chunks from an iterable, sent by the bridge as room comes.
	function* parts() { for (let i = 0; i < 5; i++) yield new Uint8Array([65 + i]) }
	report(await bucket.upload("up/iterable", parts()));
	report(text((await bucket.get("up/iterable"))[0]));

	// An aborted upload stores nothing.
	const aborted = bucket.upload("up/aborted");
	await aborted.write("partial");
	aborted.abort();
	try { await aborted.result; report("no error") } catch (e) { report(e.message.endsWith("context canceled")) }
	report((await bucket.get("up/aborted"))[1]);
})().catch(e => report("uncaught: " + e)).finally(() => clearInterval(timer));
`
