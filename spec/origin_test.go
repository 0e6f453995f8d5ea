package spec

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestOrigin(t *testing.T) {
	f, err := Parse("test.shim.yaml", src(`
shimgen: 1
interfaces:
  - name: Cmdable
    from: github.com/redis/go-redis/v9.Cmdable
    methods:
      - name: Get
        params: key string
        results: cmd *redis.StringCmd
        error: carried
      - name: Open
        params: name string
        ctx: added
      - name: Name
        results: name string
        error: false
        ctx: added
imports:
  redis: github.com/redis/go-redis/v9
`))
	if err != nil {
		t.Fatal(err)
	}
	it := f.Interfaces[0]
	if it.From == nil || it.From.Path != "github.com/redis/go-redis/v9" || it.From.Name != "Cmdable" || it.From.String() != "github.com/redis/go-redis/v9.Cmdable" {
		t.Fatalf("From = %+v", it.From)
	}
	type marks struct{ Ctx, Carried, NoError bool }
	var got []marks
	for _, m := range it.Methods {
		got = append(got, marks{m.AddedContext, m.CarriedError, m.NoError})
	}
	want := []marks{{false, true, false}, {true, false, false}, {true, false, true}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("markers (-want +got):\n%s", diff)
	}
}

func TestOriginErrors(t *testing.T) {
	_, err := Parse("test.shim.yaml", src(`
shimgen: 1
interfaces:
  - name: A
    from: FS
    methods:
      - name: M
        ctx: yes
      - name: N
        results: n int
        error: carried
      - name: S
        stream: x int
        error: carried
      - name: E
        error: carried
  - name: B
    from: "io/fs.fS"
    methods:
      - name: M
  - name: C
    as: io/fs.File
    methods:
      - name: M
        ctx: added
      - name: N
        results: p *int
        error: carried
`))
	if err == nil {
		t.Fatal("Parse succeeded")
	}
	want := []string{
		`test.shim.yaml:4:11: interface "A": from "FS" must be an import path and an interface name, such as io/fs.FS`,
		`test.shim.yaml:7:14: interface "A": method "M": ctx must be added (the original method takes no ctx), not the string "yes"`,
		`test.shim.yaml:9:18: interface "A": method "N": "error: carried": the last result must be a pointer (cmd *redis.StringCmd), which carries the error, not int`,
		`test.shim.yaml:13:16: interface "A": method "S": "error: carried" cannot be used with "stream"`,
		`test.shim.yaml:15:16: interface "A": method "E": "error: carried" needs a last result of pointer type (cmd *redis.StringCmd) that carries the error`,
		`test.shim.yaml:17:11: interface "B": from "io/fs.fS": "fS" is not an exported Go identifier`,
		`test.shim.yaml:21:9: interface "C": as names the type original methods return the interface as, but the interface has no from`,
		`test.shim.yaml:23:15: interface "C": method "M": "ctx: added" describes the original method, but the interface has no from`,
		`test.shim.yaml:25:15: interface "C": method "N": "error: carried" describes the original method, but the interface has no from`,
	}
	if diff := cmp.Diff(want, errorLines(t, err)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}
