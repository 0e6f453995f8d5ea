package gen

import (
	"strings"

	"github.com/shimgen/shimgen/spec"
	"github.com/shimgen/shimgen/templates"
	"github.com/shimgen/shimgen/templates/adapt"
	"github.com/shimgen/shimgen/templates/async"
	"github.com/shimgen/shimgen/templates/blocking"
	"github.com/shimgen/shimgen/templates/common"
)

// Forms is a registry of forms: each writes one file per spec. The first
// is the common part, which declares what the others rely on.
type Forms []templates.Form

// DefaultForms is the registry shimgen generates: the common part, the
// blocking form, the callback form and the adapters to and from the
// interfaces a spec was scaffolded from (only for specs that name them).
// Adding a form is one package under templates/ and one line here.
func DefaultForms() Forms {
	return Forms{common.Part{}, blocking.Form{}, async.Form{}, adapt.Form{}}
}

// or returns fs, or the default registry when fs is empty.
func (fs Forms) or() Forms {
	if len(fs) == 0 {
		return DefaultForms()
	}
	return fs
}

// Declares lists the package-level identifiers every form declares for
// iface, in registry order.
func (fs Forms) Declares(iface *spec.Interface) []templates.Decl {
	var out []templates.Decl
	for _, f := range fs.or() {
		out = append(out, f.Declares(iface)...)
	}
	return out
}

// IsOutputName reports whether a file name has the form of one the
// registry writes.
func (fs Forms) IsOutputName(name string) bool { return fs.StemOf(name) != "" }

// StemOf returns the spec stem of a file name the registry writes ("blob"
// for "blob_async.go"), or "" if name does not have that form.
func (fs Forms) StemOf(name string) string {
	for _, f := range fs.or() {
		if stem, ok := strings.CutSuffix(name, f.Suffix()); ok && stem != "" {
			return stem
		}
	}
	return ""
}

// Outputs returns the base names of the files the registry may write for
// a spec, in registry order (an optional form writes its file only for
// some specs).
func (fs Forms) Outputs(specName string) []string {
	stem := OutputStem(specName)
	var out []string
	for _, f := range fs.or() {
		out = append(out, stem+f.Suffix())
	}
	return out
}

// Always returns the forms of fs that write a file for every spec (those
// that are not templates.Optional).
func (fs Forms) Always() Forms {
	var out Forms
	for _, f := range fs.or() {
		if _, optional := f.(templates.Optional); !optional {
			out = append(out, f)
		}
	}
	return out
}
