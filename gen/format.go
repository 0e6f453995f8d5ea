package gen

import (
	"bytes"
	"fmt"
	"go/format"
	"go/scanner"
	"go/token"
	"runtime"
	"sync"
)

// chunkSize is about how many bytes of source one formatting job takes.
const chunkSize = 32 << 10

// formatSource gofmt's a whole file that jennifer rendered unformatted. A
// large file is cut at blank lines between top-level declarations (where
// gofmt's output of one part does not depend on another) into chunks that
// are formatted in parallel and joined: the same bytes as format.Source,
// without holding the syntax tree of the whole file at once.
func formatSource(src []byte) ([]byte, error) {
	cuts, err := topLevelGaps(src)
	if err != nil {
		return nil, err
	}
	parts := split(src, cuts)
	out := make([][]byte, len(parts))
	errs := make([]error, len(parts))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(parts)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				out[i], errs[i] = formatPart(parts[i], i > 0)
			}
		}()
	}
	for i := range parts {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return bytes.Join(out, []byte("\n")), nil
}

// clause makes a chunk without the file's package clause a file of its own.
const clause = "package p\n\n"

func formatPart(part []byte, bare bool) ([]byte, error) {
	if !bare {
		return format.Source(part)
	}
	src, err := format.Source(append([]byte(clause), part...))
	if err != nil {
		return nil, err
	}
	return bytes.TrimPrefix(src, []byte(clause)), nil
}

// split cuts src at the offsets cuts, into parts of about chunkSize bytes.
func split(src []byte, cuts []int) [][]byte {
	var parts [][]byte
	start := 0
	for _, c := range cuts {
		if c-start >= chunkSize {
			parts = append(parts, src[start:c])
			start = c
		}
	}
	return append(parts, src[start:])
}

// topLevelGaps returns the offsets of the tokens (comments included) that
// follow a blank line outside any bracket, after the imports.
func topLevelGaps(src []byte) ([]int, error) {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	var serr error
	s.Init(file, src, func(pos token.Position, msg string) {
		if serr == nil {
			serr = fmt.Errorf("%s: %s", pos, msg)
		}
	}, scanner.ScanComments)
	var cuts []int
	depth, prevEnd, decls := 0, 0, 0
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.SEMICOLON && lit == "\n" {
			continue // inserted at a newline: not in the source
		}
		off := file.Offset(pos)
		if depth == 0 && decls > 1 && bytes.Count(src[prevEnd:off], []byte("\n")) >= 2 {
			cuts = append(cuts, off)
		}
		switch tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		case token.FUNC, token.TYPE, token.CONST, token.VAR:
			if depth == 0 {
				decls++
			}
		}
		prevEnd = off + tokenLen(tok, lit)
	}
	return cuts, serr
}

// tokenLen is the length in the source of a token the scanner returned.
func tokenLen(tok token.Token, lit string) int {
	if lit != "" {
		return len(lit)
	}
	return len(tok.String())
}
