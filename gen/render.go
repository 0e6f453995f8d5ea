package gen

import (
	"bytes"
	"fmt"
	"go/format"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/dave/jennifer/jen"

	"github.com/shimgen/shimgen/templates"
)

// renderer turns the chunks of one generated file into gofmt'd source while
// the emitter is still producing them: each chunk is rendered by jennifer
// (which tracks its imports) and formatted on its own by a pool of workers,
// and dropped once formatted. finish assembles the file: the header, the
// package clause, the merged import block (standard library first, as
// goimports groups it) and the formatted chunks in order.
// TestGeneratedIsGofmtStable checks the result is exactly what gofmt prints
// for the whole file.
type renderer struct {
	u    *templates.Unit
	jobs chan chunkJob
	wg   sync.WaitGroup

	mu      sync.Mutex
	bodies  map[int][]byte
	imports []map[string]string
	err     error
}

type chunkJob struct {
	i     int
	chunk []jen.Code
}

func newRenderer(u *templates.Unit) *renderer {
	r := &renderer{u: u, jobs: make(chan chunkJob, runtime.GOMAXPROCS(0)), bodies: map[int][]byte{}}
	for range runtime.GOMAXPROCS(0) {
		r.wg.Add(1)
		go r.work()
	}
	return r
}

// submit is the Sink's Flush: it queues a finished chunk.
func (r *renderer) submit(i int, chunk []jen.Code) { r.jobs <- chunkJob{i, chunk} }

func (r *renderer) work() {
	defer r.wg.Done()
	for j := range r.jobs {
		body, imports, err := renderChunk(r.u, j.chunk)
		r.mu.Lock()
		r.bodies[j.i] = body
		r.imports = append(r.imports, imports)
		if err != nil && r.err == nil {
			r.err = err
		}
		r.mu.Unlock()
	}
}

// finish waits for the workers and assembles the file.
func (r *renderer) finish() ([]byte, error) {
	close(r.jobs)
	r.wg.Wait()
	if r.err != nil {
		return nil, r.err
	}
	merged, err := mergeImports(r.imports)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	fmt.Fprintf(&out, "// %s\n// source: %s\n\npackage %s\n\n", templates.Header, r.u.Source, r.u.Package)
	writeImports(&out, merged)
	for i := range len(r.bodies) {
		if i > 0 {
			out.WriteByte('\n')
		}
		out.Write(r.bodies[i])
	}
	return out.Bytes(), nil
}

// renderChunk renders one chunk as a file of its own and returns its
// formatted declarations (without package clause and imports) and the
// imports it uses (path → name, "" when the name is the default).
func renderChunk(u *templates.Unit, chunk []jen.Code) ([]byte, map[string]string, error) {
	f := u.NewFile()
	f.NoFormat = true
	for _, c := range chunk {
		f.Add(c)
	}
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return nil, nil, err
	}
	rest, imports, err := splitImports(buf.String())
	if err != nil {
		return nil, nil, err
	}
	const clause = "package p\n\n"
	src, err := format.Source([]byte(clause + rest))
	if err != nil {
		return nil, nil, fmt.Errorf("generated code does not parse: %w\n%s", err, rest)
	}
	return bytes.TrimPrefix(src, []byte(clause)), imports, nil
}

// splitImports takes apart what jennifer renders: header comments, the
// package clause, the import declaration(s), then the code. It returns the
// code and the imports.
func splitImports(src string) (string, map[string]string, error) {
	_, rest, ok := strings.Cut(src, "\npackage ")
	if !ok {
		return "", nil, fmt.Errorf("rendered chunk has no package clause")
	}
	_, rest, _ = strings.Cut(rest, "\n")
	rest = strings.TrimLeft(rest, "\n")
	imports := map[string]string{}
	switch {
	case strings.HasPrefix(rest, "import (\n"):
		block, after, _ := strings.Cut(strings.TrimPrefix(rest, "import (\n"), "\n)\n")
		for _, line := range strings.Split(block, "\n") {
			if err := addImport(imports, line); err != nil {
				return "", nil, err
			}
		}
		rest = after
	case strings.HasPrefix(rest, "import "):
		line, after, _ := strings.Cut(strings.TrimPrefix(rest, "import "), "\n")
		if err := addImport(imports, line); err != nil {
			return "", nil, err
		}
		rest = after
	}
	return strings.TrimLeft(rest, "\n"), imports, nil
}

// addImport records one import spec: `"path"` or `name "path"`.
func addImport(imports map[string]string, line string) error {
	line = strings.TrimSpace(line)
	if line == "" {
		return nil
	}
	name, quoted, found := strings.Cut(line, " ")
	if !found {
		name, quoted = "", line
	}
	path, err := strconv.Unquote(quoted)
	if err != nil {
		return fmt.Errorf("unexpected import line %q", line)
	}
	imports[path] = name
	return nil
}

// mergeImports unites the imports of the chunks; one path must have one
// name everywhere, and one name one path.
func mergeImports(all []map[string]string) (map[string]string, error) {
	merged := map[string]string{}
	byName := map[string]string{}
	for _, imports := range all {
		for path, name := range imports {
			if prev, ok := merged[path]; ok && prev != name {
				return nil, fmt.Errorf("import %q named both %q and %q", path, prev, name)
			}
			merged[path] = name
			key := name
			if key == "" {
				key = templates.LastElem(path)
			}
			if prev, ok := byName[key]; ok && prev != path {
				return nil, fmt.Errorf("imports %q and %q both named %q", prev, path, key)
			}
			byName[key] = path
		}
	}
	return merged, nil
}

// writeImports prints the import declaration as gofmt does, standard library
// first, then a blank line, then the rest, each group sorted by path.
func writeImports(out *bytes.Buffer, imports map[string]string) {
	var std, other []string
	for path := range imports {
		if isStd(path) {
			std = append(std, path)
		} else {
			other = append(other, path)
		}
	}
	sort.Strings(std)
	sort.Strings(other)
	spec := func(path string) string {
		if name := imports[path]; name != "" {
			return name + " " + strconv.Quote(path)
		}
		return strconv.Quote(path)
	}
	switch len(std) + len(other) {
	case 0:
		return
	case 1:
		fmt.Fprintf(out, "import %s\n\n", spec(append(std, other...)[0]))
		return
	}
	out.WriteString("import (\n")
	for _, p := range std {
		fmt.Fprintf(out, "\t%s\n", spec(p))
	}
	if len(std) > 0 && len(other) > 0 {
		out.WriteByte('\n')
	}
	for _, p := range other {
		fmt.Fprintf(out, "\t%s\n", spec(p))
	}
	out.WriteString(")\n\n")
}

// isStd reports whether an import path is in the standard library: no dot
// in its first element.
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}
