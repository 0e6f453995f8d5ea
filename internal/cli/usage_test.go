package cli

import (
	"bytes"
	"flag"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestUsageAgrees proves that the top-level usage, each command's -h and
// the README's "Command" section say the same: each command's synopsis and
// summary come from the one command table, and its synopsis names every
// flag it defines.
func TestUsageAgrees(t *testing.T) {
	var top bytes.Buffer
	if code := Run([]string{"help"}, &top, io.Discard); code != exitOK {
		t.Fatalf("shimgen help: exit %d", code)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "```text\n"+commandList()+"```\n") {
		t.Errorf("README.md's Command section is not the command list of the usage; it should read:\n%s", commandList())
	}
	for _, cmd := range commands {
		var stderr bytes.Buffer
		if code := Run([]string{cmd.name, "-h"}, io.Discard, &stderr); code != exitOK {
			t.Errorf("shimgen %s -h: exit %d", cmd.name, code)
		}
		first, _, _ := strings.Cut(stderr.String(), "\n")
		if first != "usage: "+cmd.synopsis {
			t.Errorf("shimgen %s -h starts %q, want %q", cmd.name, first, "usage: "+cmd.synopsis)
		}
		if !regexp.MustCompile(`(?m)^\t` + regexp.QuoteMeta(cmd.synopsis) + `\s+` + regexp.QuoteMeta(cmd.summary) + `$`).MatchString(top.String()) {
			t.Errorf("shimgen help does not list %q with %q", cmd.synopsis, cmd.summary)
		}
		fs := cmd.flagSet(io.Discard)
		cmd.setup(fs)
		fs.VisitAll(func(f *flag.Flag) {
			if !regexp.MustCompile(`[ \[]--?` + regexp.QuoteMeta(f.Name) + `([ \]]|$)`).MatchString(cmd.synopsis) {
				t.Errorf("%s: the synopsis %q does not name the flag -%s", cmd.name, cmd.synopsis, f.Name)
			}
		})
	}
}
