package goja_test

import "testing"

// TestBidi: a bidirectional stream as a writer that is the replies'
// async iterator too, and fed from an iterable.
func TestBidi(t *testing.T) {
	got := runPipe(t, &pipe{}, `
		(async () => {
			const s = pipe.shout(">");
			await s.write("a");
			report((await s.next()).value);
			await s.write("b");
			s.close();
			report(await s.toArray());
			report(await s.result);
			try { await s.write("c") } catch (e) { report(e.message) }

			report(await pipe.shout("!", ["x", "y"]).toArray());
			function* words() { yield "p"; yield "q" }
			const it = pipe.shout("-", words());
			const rs = [];
			for (let r = await it.next(); !r.done; r = await it.next()) rs.push(r.value);
			report(rs);
			report(typeof it.write);
		})().catch(e => report("uncaught: " + e));
	`)
	expect(t, got, "[>a [>b] <nil> runtimes: send on a stream after CloseSend [!x !y] [-p -q] function]")
}

// TestBidiEnds: an error of the implementation rejects the next() after
// the last reply and the result; return() stops the stream and closes the
// iterable; abort() ends it with context.Canceled.
func TestBidiEnds(t *testing.T) {
	got := runPipe(t, &pipe{}, `
		(async () => {
			const s = pipe.shout("", ["a", "boom", "c"]);
			report((await s.next()).value);
			try { await s.next() } catch (e) { report(e.message) }
			try { await s.result } catch (e) { report(e.message) }
			report((await s.next()).done);

			let closed = false;
			function* forever() { try { for (;;) yield "z" } finally { closed = true } }
			const s2 = pipe.shout("", forever());
			report((await s2.next()).value);
			await s2.return();
			report(await s2.result);
			report(closed);

			const s3 = pipe.shout("");
			await s3.write("m");
			report((await s3.next()).value);
			s3.abort();
			try { await s3.next() } catch (e) { report(e.message) }
			try { await s3.result } catch (e) { report(e.message) }

			const s4 = pipe.shout(42);
			try { await s4.next() } catch (e) { report(e instanceof TypeError) }
			try { await s4.write("x") } catch (e) { report(e instanceof TypeError) }
		})().catch(e => report("uncaught: " + e));
	`)
	expect(t, got, "[a shout failed shout failed true z <nil> true m context canceled context canceled true true]")
}
