package cli

import "testing"

// TestInvocation checks how fix hints name shimgen.
func TestInvocation(t *testing.T) {
	env := func(string) string { return "/home/u/.cache/gobuild" }
	tests := []struct{ argv0, want string }{
		{"shimgen", "shimgen"},
		{"", "shimgen"},
		{"/home/u/.cache/go-build/3f/3f9a-d/shimgen", "go tool shimgen"},
		{"/home/u/.cache/gobuild/3f/3f9a-d/shimgen", "go tool shimgen"},
		{"/tmp/go-build1234/b001/exe/shimgen", "go tool shimgen"},
		{"./bin/shimgen", "./bin/shimgen"},
	}
	for _, tt := range tests {
		if got := invocation(tt.argv0, env); got != tt.want {
			t.Errorf("invocation(%q) = %q, want %q", tt.argv0, got, tt.want)
		}
	}
}

// TestGoDir checks how go generate's directory is written.
func TestGoDir(t *testing.T) {
	for in, want := range map[string]string{".": ".", "kv": "./kv", "a/b": "./a/b", "..": "..", "../x": "../x", "/abs/x": "/abs/x"} {
		if got := goDir(in); got != want {
			t.Errorf("goDir(%q) = %q, want %q", in, got, want)
		}
	}
}
