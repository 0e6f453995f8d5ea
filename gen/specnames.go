package gen

import (
	"fmt"
	"path"
	"strings"
	"unicode"

	"github.com/shimgen/shimgen/spec"
)

// specNameErrors reports the specs of p whose name cannot give outputs the
// go command builds, and the specs whose outputs are another spec's: a
// stem that is empty or starts with "." or "_" (the go command ignores
// such files), a name with control characters (it would be written into
// the generated header), and two specs with one stem ("x.shim.yaml" and
// "x.yaml" both generate x_async.go).
func specNameErrors(p Package) spec.ErrorList {
	var errs spec.ErrorList
	byStem := map[string]string{}
	for _, in := range p.Specs {
		if msg := specNameProblem(path.Base(in.Name)); msg != "" {
			errs = append(errs, &spec.Error{Pos: spec.Pos{File: in.Name}, Msg: msg})
			continue
		}
		stem := OutputStem(in.Name)
		if prev, ok := byStem[stem]; ok {
			errs = append(errs, &spec.Error{Pos: spec.Pos{File: in.Name}, Msg: sameOutputs(prev, p.Forms.Outputs(in.Name))})
			continue
		}
		byStem[stem] = in.Name
	}
	return errs
}

// specNameProblem says what is wrong with a spec's base name, or "".
func specNameProblem(base string) string {
	stem := OutputStem(base)
	switch {
	case strings.ContainsFunc(base, unicode.IsControl):
		return fmt.Sprintf("spec name %q has a control character; rename the spec", base)
	case stem == "":
		return fmt.Sprintf("spec name %q has no name before its %s extension; rename it (for example to api%s)", base, strings.TrimPrefix(base, stem), SpecSuffix)
	case stem[0] == '.' || stem[0] == '_':
		return fmt.Sprintf("spec name %q starts with %q: the go command ignores the files it would generate (%s_async.go, ...); rename the spec", base, stem[:1], stem)
	}
	return ""
}

// sameOutputs says that two specs generate the same files.
func sameOutputs(prev string, outputs []string) string {
	return fmt.Sprintf("generates the same files as %s (%s); rename one of the two specs", prev, strings.Join(outputs, ", "))
}
