package annotation

import (
	"bytes"
	"testing"
)

func TestError(t *testing.T) {
	tests := []struct {
		file      string
		line, col int
		msg, want string
	}{
		{"a/b.shim.yaml", 3, 9, "bad", "::error file=a/b.shim.yaml,line=3,col=9::bad\n"},
		{"x_async.go", 1, 0, "stale: run it", "::error file=x_async.go,line=1::stale: run it\n"},
		{"a.shim.yaml", 0, 0, "bad name", "::error file=a.shim.yaml::bad name\n"},
		{"c:,d%\r\n.yaml", 2, 1, "100%\r\nnext, a:b", "::error file=c%3A%2Cd%25%0D%0A.yaml,line=2,col=1::100%25%0D%0Anext, a:b\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		Error(&b, tt.file, tt.line, tt.col, tt.msg)
		if b.String() != tt.want {
			t.Errorf("Error(%q, %d, %d, %q) = %q, want %q", tt.file, tt.line, tt.col, tt.msg, b.String(), tt.want)
		}
	}
}

// TestText checks that no line of free text can be read as a workflow
// command, however the writes split it, and that annotations written
// through a Text writer are left as they are.
func TestText(t *testing.T) {
	var b bytes.Buffer
	w := Text(&b)
	for _, s := range []string{"p/a\n::error::x.shim.yaml: bad\n", "  ::warning::y\r::z\n", "ok :: fine\n", "##[error]old\n", ":", ":error::split\n", "\u00a0::nbsp\n"} {
		w.Write([]byte(s))
	}
	Error(w, "p/a\n::error::x.shim.yaml", 2, 0, "m\n::error::n")
	want := "p/a\n> ::error::x.shim.yaml: bad\n>   ::warning::y\r> ::z\nok :: fine\n> ##[error]old\n> ::error::split\n> \u00a0::nbsp\n" +
		"::error file=p/a%0A%3A%3Aerror%3A%3Ax.shim.yaml,line=2::m%0A::error::n\n"
	if b.String() != want {
		t.Errorf("Text wrote\n%q\nwant\n%q", b.String(), want)
	}
}
