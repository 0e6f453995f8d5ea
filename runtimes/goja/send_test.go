package goja_test

import (
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
)

func TestSendWriter(t *testing.T) {
	got := runPipe(t, &pipe{}, `
		const text = u => String.fromCharCode(...u);
		(async () => {
			const w = pipe.sum(10);
			await w.write(1);
			await w.write(2);
			report(await w.close());
			report(await w.result);

			const w2 = pipe.sum(0);
			w2.write(1); w2.write(2); w2.write(3); // not awaited: queued, in order
			report(await w2.close());
			try { await w2.write(4); report("no error") } catch (e) { report(e.message) }

			const w3 = pipe.join("+");
			try { await w3.write(42); report("no error") } catch (e) { report(e instanceof TypeError) }
			await w3.write("5");
			report(text(await w3.close())); // the refused write was not sent

			const j = pipe.join(",");
			j.write("ab"); j.write(new Uint8Array([99, 100])); j.write(new Uint8Array([101]).buffer);
			const data = await j.close();
			report(data instanceof Uint8Array); report(text(data));
			report(await pipe.join(",").close());
		})().catch(e => report("uncaught: " + e));
	`)
	expect(t, got, "[[13 2] [13 2] [6 3] runtimes: send on a stream after CloseSend true 5 true ab,cd,e <nil>]")
}

func TestSendIterable(t *testing.T) {
	p := &pipe{}
	// A window of 1: the generator that fails is only asked for its second
	// item once the implementation took the first, so the implementation
	// runs when the call's context ends.
	got := runPipe(t, p, `
		(async () => {
			report(await pipe.sum(0, [1, 2, 3]));
			function* gen(n) { for (let i = 1; i <= n; i++) yield i }
			report(await pipe.sum(100, gen(4)));
			report(await pipe.sum(0, new Set([7, 8])));
			report(await pipe.sum(0, []));
			report(await pipe.sum(0, undefined).close()); // undefined: the writer
			report(String.fromCharCode(...await pipe.join("-", ["a", "b", new Uint8Array([99])])));
			try { await pipe.sum(0, 5) } catch (e) { report(e instanceof TypeError) }
			try { await pipe.sum(0, "123") } catch (e) { report(e instanceof TypeError) }
			try { await pipe.join("", ["a", 42]) } catch (e) { report(e instanceof TypeError) }
			function* bad() { yield 1; throw new RangeError("generator failed") }
			try { await pipe.sum(0, bad()) } catch (e) { report(e instanceof RangeError); report(e.message) }
			const w = pipe.sum(0, [1]);
			report(typeof w.then);
		})().catch(e => report("uncaught: " + e));
	`, runtimes.WithStreamWindow(1))
	expect(t, got, "[[6 3] [110 4] [15 2] [0 0] [0 0] a-b-c true true true true generator failed function]")
	p.waitCancel(t)
}

// TestSendBackpressure: a fast writer and a slow implementation: the items
// made and not yet taken never exceed the window (plus the one being
// made), in both styles, for client and bidirectional streams.
func TestSendBackpressure(t *testing.T) {
	const window = 4
	scripts := map[string]string{
		"writer": `
			const w = pipe.sum(0);
			for (let i = 0; i < n; i++) { produced(); await w.write(1) }
			report(await w.close());`,
		"iterable": `
			report(await pipe.sum(0, items()));`,
		"bidi-writer": `
			const s = pipe.shout("");
			for (let i = 0; i < n; i++) { produced(); await s.write("x") }
			s.close();
			report((await s.toArray()).length);`,
		"bidi-iterable": `
			report((await pipe.shout("", items()).toArray()).length);`,
	}
	want := map[string]string{"writer": "[[300 300]]", "iterable": "[[300 300]]", "bidi-writer": "[300]", "bidi-iterable": "[300]"}
	for style, script := range scripts {
		t.Run(style, func(t *testing.T) {
			p := &pipe{delay: 200 * time.Microsecond}
			got := runPipe(t, p, `
				const n = 300;
				function* items() { for (let i = 0; i < n; i++) { produced(); yield 1 } }
				(async () => {`+script+`
				})().catch(e => report("uncaught: " + e));
			`, runtimes.WithStreamWindow(window))
			expect(t, got, want[style])
			if lag := p.lag.Load(); lag > window+1 {
				t.Fatalf("%d items made and not taken; the window is %d", lag, window)
			}
		})
	}
}
