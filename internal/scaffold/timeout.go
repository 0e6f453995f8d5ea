package scaffold

import (
	"regexp"
	"strings"
	"time"
)

// deadlineRE matches the sentence shimgen adds to the doc of a method with
// a timeout (templates.MethodDoc), as the doc's last paragraph.
var deadlineRE = regexp.MustCompile(`(?:^|\n\n)The generated forms give (?:each call|the whole stream) a deadline of ([0-9a-zµ.]+)\.$`)

// splitTimeout takes the timeout out of a method doc that shimgen
// generated: it returns the doc without the sentence that states the
// deadline (generate adds it again) and the deadline as the spec writes
// it, or doc and "" when it has no such sentence.
func splitTimeout(doc string) (rest, timeout string) {
	trimmed := strings.TrimSpace(doc)
	m := deadlineRE.FindStringSubmatchIndex(trimmed)
	if m == nil {
		return doc, ""
	}
	d, err := time.ParseDuration(trimmed[m[2]:m[3]])
	if err != nil || d <= 0 {
		return doc, ""
	}
	return trimmed[:m[0]], d.String()
}
