package measure

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// Isolated is the environment of commands run on the temporary module:
// GOWORK=off keeps it out of any workspace.
var Isolated = []string{"GOWORK=off"}

// Command prepares name args in dir with the environment plus extra
// variables (later ones win).
func Command(dir string, extra []string, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), extra...)
	return cmd
}

// Execute runs cmd, capturing its output, which a failure reports.
func Execute(cmd *exec.Cmd) error {
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, out.Bytes())
	}
	return nil
}
