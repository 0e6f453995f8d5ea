package measure

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"golang.org/x/mod/modfile"
)

// RootModule is the module path of the shimgen repository.
const RootModule = "github.com/shimgen/shimgen"

// FindRepo returns the absolute path of the shimgen repository: dir, or
// when dir is empty the module of the current directory (go env GOMOD). It
// checks that the directory is the root module.
func FindRepo(dir string) (string, error) {
	if dir == "" {
		out, err := exec.Command("go", "env", "GOMOD").Output()
		if err != nil {
			return "", fmt.Errorf("go env GOMOD: %v", err)
		}
		dir = filepath.Dir(string(bytes.TrimSpace(out)))
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil || modfile.ModulePath(data) != RootModule {
		return "", fmt.Errorf("%s is not the root of module %s: run from the repository or pass -repo", dir, RootModule)
	}
	return dir, nil
}
