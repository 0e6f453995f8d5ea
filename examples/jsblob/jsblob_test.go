package jsblob_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/shimgen/shimgen/examples/blob"
	"github.com/shimgen/shimgen/examples/jsblob"
)

func TestScript(t *testing.T) {
	dir, err := blob.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	slow := jsblob.Slow{Bucket: dir, Delay: 40 * time.Millisecond}
	got, err := jsblob.Run(ctx, slow, 16, jsblob.Script)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 13 {
		t.Fatalf("reports %v", got)
	}
	want := []any{true, "hello from JS", false, `caught: blob: invalid key: ""`}
	if fmt.Sprint(got[:4]) != fmt.Sprint(want) {
		t.Fatalf("reports\n got %v\nwant %v", got[:4], want)
	}
	// 100 puts of 40ms on 16 workers take at least 7 rounds (280ms): a 5ms
	// timer must have fired many times meanwhile.
	if ticks := got[4].(int64); ticks < 10 {
		t.Fatalf("the timer fired %d times while the puts were in flight; want several", ticks)
	}
	if got[5] != int64(100) || got[6] != "many/000 many/099" {
		t.Fatalf("listing reports %v %v", got[5], got[6])
	}
	uploads := fmt.Sprint(got[7:])
	if want := "[80 chunk 0;chunk 1;chunk 2;chunk 3;chunk 4;chunk 5;chunk 6;chunk 7;chunk 8;chunk 9; 5 ABCDE true false]"; uploads != want {
		t.Fatalf("upload reports\n got %v\nwant %v", uploads, want)
	}
	if data, found, err := dir.Get(ctx, "up/iterable"); err != nil || !found || string(data) != "ABCDE" {
		t.Fatalf("Get(up/iterable) = %q, %v, %v", data, found, err)
	}
	data, found, err := dir.Get(ctx, "many/042")
	if err != nil || !found || len(data) != 1 || data[0] != 42 {
		t.Fatalf("Get(many/042) = %v, %v, %v", data, found, err)
	}
}
