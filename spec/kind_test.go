package spec

import "testing"

func TestPlural(t *testing.T) {
	for in, want := range map[string]string{
		"chunk": "chunks", "entry": "entries", "key": "keys", "box": "boxes",
		"match": "matches", "wish": "wishes", "dataBatch": "dataBatches",
		"bytes": "bytes", "data": "data", "rawData": "rawData", "raw_info": "raw_info",
		"update": "updates", "x": "xes", "y": "ys", "day": "days", "": "",
	} {
		if got := Plural(in); got != want {
			t.Errorf("Plural(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSendsName(t *testing.T) {
	tests := []struct {
		params, send, want string
	}{
		{"key string", "chunk []byte", "chunks"},
		{"chunks int", "chunk []byte", "chunkSeq"},
		{"", "data []byte", "dataSeq"},
		{"", "items []byte", "itemsSeq"},
		{"", "out Message", "outs"},
	}
	for _, tt := range tests {
		spec := "shimgen: 1\ninterfaces:\n  - name: A\n    methods:\n      - name: M\n        params: '" + tt.params + "'\n        send: '" + tt.send + "'\n"
		f, err := Parse("test.shim.yaml", []byte(spec))
		if err != nil {
			t.Fatal(err)
		}
		m := f.Interfaces[0].Methods[0]
		if got := m.SendsName(); got != tt.want || m.Kind != ClientStream {
			t.Errorf("params %q, send %q: SendsName() = %q, Kind %v; want %q, client stream", tt.params, tt.send, got, m.Kind, tt.want)
		}
	}
	if got := (&Method{}).SendsName(); got != "" {
		t.Errorf("SendsName of a method without send = %q, want \"\"", got)
	}
}
