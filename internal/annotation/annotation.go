// Package annotation writes GitHub Actions workflow commands: the error
// annotations `shimgen check` and `shimgen breaking` print with
// --format github, escaped per GitHub's rules.
package annotation

import (
	"fmt"
	"io"
	"strings"
)

// Error writes an error annotation at file:line:col (col 0: none) with the
// message msg, one line.
func Error(w io.Writer, file string, line, col int, msg string) {
	props := fmt.Sprintf("file=%s,line=%d", Property(file), line)
	if col > 0 {
		props += fmt.Sprintf(",col=%d", col)
	}
	fmt.Fprintf(w, "::error %s::%s\n", props, Message(msg))
}

var (
	messageEscaper  = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// Message escapes a workflow command's message: %, CR and LF.
func Message(s string) string { return messageEscaper.Replace(s) }

// Property escapes a workflow command's property value: as a message, and
// also : and ,.
func Property(s string) string { return propertyEscaper.Replace(s) }
