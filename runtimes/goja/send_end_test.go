package goja_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/shimgen/shimgen/runtimes"
)

// TestSendEarlyEnd: the implementation returns after 3 items: the next
// write rejects with ErrStreamDone (awaited or pending), the result is
// the implementation's, and an iterable is closed (its finally runs).
func TestSendEarlyEnd(t *testing.T) {
	const window = 4
	got := runPipe(t, &pipe{stopAfter: 3}, `
		(async () => {
			const w = pipe.sum(0);
			for (let i = 0; i < 1000; i++) {
				try { await w.write(1) } catch (e) { report(i); report(e.message); break }
			}
			report(await w.result);

			const w2 = pipe.sum(0);
			const ps = [];
			for (let i = 0; i < 50; i++) ps.push(w2.write(1).then(() => "ok", e => e.message));
			const outcomes = await Promise.all(ps);
			report(outcomes.filter(o => o === "ok").length);
			report(outcomes.filter(o => o === "runtimes: send on a stream that has ended").length);
			report(await w2.close());

			let closed = false;
			function* forever() { try { for (;;) yield 1 } finally { closed = true } }
			report(await pipe.sum(0, forever()));
			report(closed);
		})().catch(e => report("uncaught: " + e));
	`, runtimes.WithStreamWindow(window))
	if len(got) != 8 {
		t.Fatalf("reports %v", got)
	}
	// At most the 3 items taken, a window buffered and one handed over
	// after the end succeed.
	if i := got[0].(int64); i < 3 || i > 3+window+1 {
		t.Errorf("the write that failed was number %d", i)
	}
	if ok, refused := got[3].(int64), got[4].(int64); ok < 3 || ok > 3+window+1 || ok+refused != 50 {
		t.Errorf("%d pending writes succeeded, %d were refused", ok, refused)
	}
	rest := fmt.Sprintln(got[1], got[2], got[5], got[6], got[7])
	if want := "runtimes: send on a stream that has ended [3 3] [3 3] [3 3] true\n"; rest != want {
		t.Errorf("reports\n got %v\nwant %v", rest, want)
	}
}

// TestSendFailures: an implementation's error or panic, a panic of the
// method itself, an argument of the wrong type, an iterable that cannot
// iterate and a nil Sender reject the result, and the writes that follow;
// an iterable of a call that did not start is closed.
func TestSendFailures(t *testing.T) {
	got := runPipe(t, &pipe{}, `
		(async () => {
			const w = pipe.sum(0);
			await w.write(1); await w.write(-1);
			try { await w.result } catch (e) { report(e.message) }
			try { await w.write(1) } catch (e) { report(e.message) }
			try { await pipe.sum(0, [1, 13, 2]) } catch (e) { report(e.message) }
			const w2 = pipe.sum(99);
			try { await w2.result } catch (e) { report(e.message) }
			try { await w2.write(1) } catch (e) { report(e.message) }
			const w3 = pipe.join(42);
			try { await w3.close() } catch (e) { report(e instanceof TypeError) }
			try { await w3.write("a") } catch (e) { report(e instanceof TypeError) }

			const p4 = pipe.join(42, ["a"]); // the items style returns the result, even refused
			report(typeof p4.then);
			try { await p4 } catch (e) { report(e instanceof TypeError) }
			const throwing = { [Symbol.iterator]() { throw new RangeError("no iterator") } };
			try { await pipe.sum(0, throwing) } catch (e) { report(e instanceof RangeError) }
			function* gen() { yield 1 }
			const g = gen();
			try { await pipe.sum(99, g) } catch (e) { report(e.message) }
			report(g.next().done); // the bridge closed it
			try { await pipe.broken().result } catch (e) { report(e.message) }
		})().catch(e => report("uncaught: " + e));
	`)
	expect(t, got, "[negative item -1 runtimes: send on a stream that has ended runtimes: panic: unlucky "+
		"runtimes: panic: sum refused runtimes: panic: sum refused true true "+
		"function true true runtimes: panic: sum refused true goja: Broken returned a nil Sender]")
}

// TestSendCancel: the context the value was exposed with ends mid-stream,
// or JavaScript aborts a call: the result rejects, the implementation sees
// its items end with its context, and the next write rejects. With a
// window of 1, a write resolves once the implementation took the item: it
// runs when the context ends.
func TestSendCancel(t *testing.T) {
	for _, how := range []string{"abort()", "cancel()"} {
		t.Run(how, func(t *testing.T) {
			p := &pipe{}
			got := runPipe(t, p, `
				(async () => {
					const w = pipe.sum(0);
					await w.write(1); await w.write(2);
					`+map[string]string{"abort()": "w.abort()", "cancel()": "cancel()"}[how]+`;
					try { report(await w.result) } catch (e) { report(e.message) }
					try { await w.write(3) } catch (e) { report(e.message) }
				})().catch(e => report("uncaught: " + e));
			`, runtimes.WithStreamWindow(1))
			expect(t, got, "[context canceled runtimes: send on a stream that has ended]")
			p.waitCancel(t)
		})
	}
}

// TestSendCanceledBefore: a call made once the context ended does not
// start: its writes and its result reject, and its iterable is closed.
func TestSendCanceledBefore(t *testing.T) {
	got := runPipe(t, &pipe{}, `
		cancel();
		(async () => {
			const w = pipe.sum(0);
			try { await w.write(1) } catch (e) { report(e.message) }
			try { await w.result } catch (e) { report(e.message) }
			let closed = false;
			function* gen() { try { for (;;) yield 1 } finally { closed = true } }
			try { await pipe.sum(0, gen()) } catch (e) { report(e.message) }
			report(closed);
			try { await pipe.shout("", ["a"]).next() } catch (e) { report(e.message) }
		})().catch(e => report("uncaught: " + e));
	`)
	expect(t, got, "[runtimes: send on a stream that has ended context canceled context canceled true context canceled]")
}

// TestSendInlineExecutor: on an inline executor the implementation of a
// stream runs on a goroutine of its own, outside the executor: the call
// still holds the loop until done.
func TestSendInlineExecutor(t *testing.T) {
	p := &pipe{exec: inlineExec{}, delay: time.Millisecond}
	got := runPipe(t, p, `
		(async () => {
			const w = pipe.sum(0);
			for (let i = 0; i < 20; i++) await w.write(1);
			report(await w.close());
			report(await pipe.sum(0, [1, 2, 3]));
			report(await pipe.shout("", ["a", "b"]).toArray());
		})().catch(e => report("uncaught: " + e));
	`, runtimes.WithStreamWindow(1))
	expect(t, got, "[[20 20] [6 3] [a b]]")
}
