package cli

import (
	"strconv"
	"strings"
)

// changedLine is the line of the new file where a unified diff's first
// change is: the first added line, or where the first removed one was (1
// when the diff has no hunk).
func changedLine(diff string) int {
	line := 0
	for _, l := range lines(diff) {
		switch {
		case strings.HasPrefix(l, "@@ "):
			line = hunkStart(l)
		case line == 0, strings.HasPrefix(l, "\\"):
			// a header line, or "\ No newline at end of file"
		case strings.HasPrefix(l, "+"), strings.HasPrefix(l, "-"):
			return max(line, 1)
		default:
			line++
		}
	}
	return 1
}

// hunkStart is the new file's first line in a hunk header "@@ -a,b +c,d @@"
// (0 if it has none; then the hunk is read as starting at line 1).
func hunkStart(header string) int {
	_, after, _ := strings.Cut(header, " +")
	num, _, _ := strings.Cut(after, ",")
	num, _, _ = strings.Cut(num, " ")
	n, err := strconv.Atoi(num)
	if err != nil || n < 1 {
		return 1
	}
	return n
}
