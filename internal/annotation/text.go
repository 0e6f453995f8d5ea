package annotation

import (
	"bytes"
	"io"
	"unicode"
)

// Text returns a writer for the free text printed beside annotations: a
// line whose first non-blank characters would make the runner read it as
// a workflow command ("::" or the older "##[") is written after a "> " so
// that it does not. A file name with a newline, say, cannot start a command.
// Lines end at LF or CR, as the runner reads them.
func Text(w io.Writer) io.Writer { return &text{w: w} }

type text struct {
	w   io.Writer
	mid bool // the last write ended inside a line
}

// Write writes p, line by line.
func (t *text) Write(p []byte) (int, error) {
	n := 0
	for len(p) > 0 {
		end := bytes.IndexAny(p, "\r\n")
		found := end >= 0
		line, rest := p, []byte(nil)
		if found {
			line, rest = p[:end+1], p[end+1:]
		}
		if !t.mid && commandLike(line) {
			if _, err := io.WriteString(t.w, "> "); err != nil {
				return n, err
			}
		}
		m, err := t.w.Write(line)
		n += m
		if err != nil {
			return n, err
		}
		t.mid = !found
		p = rest
	}
	return n, nil
}

// commandLike reports whether a line (or the start of one) could be read
// as a workflow command: after blanks, "::" or "##[", or a prefix of them.
func commandLike(line []byte) bool {
	s := bytes.TrimLeftFunc(line, unicode.IsSpace)
	for _, cmd := range [][]byte{[]byte("::"), []byte("##[")} {
		if bytes.HasPrefix(s, cmd) || len(s) > 0 && len(s) < len(cmd) && bytes.HasPrefix(cmd, s) {
			return true
		}
	}
	return false
}
