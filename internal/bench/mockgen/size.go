package main

import (
	"bytes"
	"os"
	"path/filepath"
)

// size is the size of some generated files.
type size struct {
	bytes, lines int
}

// measureSize adds up the sizes of names in dir.
func measureSize(dir string, names []string) (size, error) {
	var s size
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return s, err
		}
		s.bytes += len(data)
		s.lines += bytes.Count(data, []byte("\n"))
	}
	return s, nil
}
