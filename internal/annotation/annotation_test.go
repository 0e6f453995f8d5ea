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
