package compat

import (
	"fmt"

	"github.com/shimgen/shimgen/spec"
)

// Compare reports the changes from old to new that break code using the
// generated code (Breaking) or implementing its interfaces (Implementers),
// sorted by file and position.
//
// old and new are the specs of one Go package (one directory) before and
// after: interfaces are matched by name wherever they are declared, so
// moving an interface to another spec of the package changes nothing, and
// methods are matched by name within their interface.
func Compare(old, new []*spec.File) []Change {
	var cs []Change
	cs = append(cs, packageChanges(old, new)...)
	oldIfaces, newIfaces := index(old), index(new)
	for _, o := range oldIfaces.order {
		n, ok := newIfaces.byName[o.Name]
		if !ok {
			cs = append(cs, Change{Breaking, o.Pos, ifaceSubject(o.Interface), "interface removed"})
			continue
		}
		cs = append(cs, interfaceChanges(o, n)...)
	}
	sortChanges(cs)
	return cs
}

// declared is an interface with the spec that declares it.
type declared struct {
	*spec.Interface
	file *spec.File
}

// interfaces indexes the interfaces of a package's specs by name.
type interfaces struct {
	order  []declared
	byName map[string]declared
}

// index collects the interfaces of files; the first declaration of a name
// wins.
func index(files []*spec.File) interfaces {
	x := interfaces{byName: map[string]declared{}}
	for _, f := range files {
		for _, i := range f.Interfaces {
			if _, dup := x.byName[i.Name]; dup {
				continue
			}
			d := declared{i, f}
			x.order = append(x.order, d)
			x.byName[i.Name] = d
		}
	}
	return x
}

// packageChanges reports a changed package name when both versions set one.
func packageChanges(old, new []*spec.File) []Change {
	o, _ := packageOf(old)
	n, f := packageOf(new)
	if o == "" || n == "" || o == n {
		return nil
	}
	return []Change{{Breaking, f.PackagePos, "", fmt.Sprintf("package name changed from %s to %s", o, n)}}
}

// packageOf returns the first package name the specs set, and its spec.
func packageOf(files []*spec.File) (string, *spec.File) {
	for _, f := range files {
		if f.Package != "" {
			return f.Package, f
		}
	}
	return "", nil
}

func ifaceSubject(i *spec.Interface) string {
	return fmt.Sprintf("interface %q", i.Name)
}

func methodSubject(i *spec.Interface, m *spec.Method) string {
	return fmt.Sprintf("interface %q: method %q", i.Name, m.Name)
}
