package templates

import (
	"fmt"

	"github.com/dave/jennifer/jen"
)

// Sink collects the top-level code of one generated file, in chunks. The
// emitters write to it as they would to a jen.File; gen renders and formats
// the chunks independently and in parallel, then joins them, which keeps
// large specs fast and their memory small. A chunk boundary is a place where
// formatting does not depend on what came before (between declarations).
type Sink struct {
	// Flush receives each chunk when it is complete, numbered from 0; the
	// Sink keeps nothing, so a consumer can render chunks while later ones
	// are being built.
	Flush func(i int, chunk []jen.Code)

	cur []jen.Code
	n   int
}

// Break ends the current chunk (if it holds anything) and starts a new one.
func (s *Sink) Break() {
	if len(s.cur) == 0 {
		return
	}
	s.Flush(s.n, s.cur)
	s.n++
	s.cur = nil
}

// Close ends the last chunk and returns how many chunks there were.
func (s *Sink) Close() int {
	s.Break()
	return s.n
}

func (s *Sink) add(st *jen.Statement) *jen.Statement {
	s.cur = append(s.cur, st)
	return st
}

// Add appends code as one top-level statement.
func (s *Sink) Add(code ...jen.Code) *jen.Statement { return s.add(jen.Add(code...)) }

// Comment appends a line comment (see jen.Comment).
func (s *Sink) Comment(str string) *jen.Statement { return s.add(jen.Comment(str)) }

// Commentf appends a formatted line comment.
func (s *Sink) Commentf(format string, a ...any) *jen.Statement {
	return s.add(jen.Comment(fmt.Sprintf(format, a...)))
}

// Line appends an empty line.
func (s *Sink) Line() *jen.Statement { return s.add(jen.Line()) }

// Type starts a type declaration.
func (s *Sink) Type() *jen.Statement { return s.add(jen.Type()) }

// Func starts a function declaration.
func (s *Sink) Func() *jen.Statement { return s.add(jen.Func()) }

// Const starts a constant declaration.
func (s *Sink) Const() *jen.Statement { return s.add(jen.Const()) }
