package cli

import (
	"strings"
)

// summaryColumn is where the usage lists a command's summary: on the
// synopsis line if the synopsis is shorter, else on the next line.
const summaryColumn = 37

// usage is the top-level help, its list of commands built from the command
// table.
func usage() string {
	var b strings.Builder
	b.WriteString("shimgen generates the blocking and callback forms of an API from a YAML spec.\n\nUsage:\n\n")
	for _, line := range lines(commandList()) {
		b.WriteString("\t" + line)
	}
	b.WriteString(usageNotes)
	return b.String()
}

// commandList lists every command's synopsis and summary, one command a
// line or two (the README's "Command" section shows the same list).
func commandList() string {
	var b strings.Builder
	for _, c := range commands {
		b.WriteString(c.synopsis)
		if len(c.synopsis) >= summaryColumn-1 {
			b.WriteString("\n")
			b.WriteString(strings.Repeat(" ", summaryColumn))
		} else {
			b.WriteString(strings.Repeat(" ", summaryColumn-len(c.synopsis)))
		}
		b.WriteString(c.summary + "\n")
	}
	return b.String()
}

const usageNotes = `
A path is a spec file, a directory (its *.shim.yaml files) or a dir/... pattern;
the default is the current directory; flags may follow the paths. Run
"shimgen COMMAND -h" for a command's flags.

Generated files go only beside their spec, replace old ones atomically and
never a file without the generated header, a symlink or a directory; a dir/...
pattern does not follow symlinked directories. On SIGINT or SIGTERM generate
completes the file in flight, writes no other and exits with status 130.

Exit status: 0 success, 1 check found drift or breaking found breaking changes,
2 error (bad spec, bad usage), 130 interrupted.
`
