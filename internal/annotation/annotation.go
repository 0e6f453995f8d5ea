// Package annotation writes GitHub Actions workflow commands: the error
// annotations `shimgen check` and `shimgen breaking` print with
// --format github, escaped per GitHub's rules, and the free text beside
// them (diffs, messages), which must never start a command of its own.
package annotation

import (
	"fmt"
	"io"
	"strings"
)

// Error writes an error annotation at file:line:col (line or col 0: none)
// with the message msg, one line. Written to a Text writer, it goes to the
// writer underneath unchanged.
func Error(w io.Writer, file string, line, col int, msg string) {
	if t, ok := w.(*text); ok {
		w = t.w
	}
	props := "file=" + Property(file)
	if line > 0 {
		props += fmt.Sprintf(",line=%d", line)
		if col > 0 {
			props += fmt.Sprintf(",col=%d", col)
		}
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
