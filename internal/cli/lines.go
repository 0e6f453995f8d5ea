package cli

import "strings"

// lines splits s after each newline, as strings.Lines (Go 1.24) does: the
// last line keeps no empty remainder. The module's go directive is 1.23.
func lines(s string) []string {
	l := strings.SplitAfter(s, "\n")
	if l[len(l)-1] == "" {
		l = l[:len(l)-1]
	}
	return l
}
