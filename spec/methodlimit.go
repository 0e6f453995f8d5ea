package spec

import "gopkg.in/yaml.v3"

// MaxMethods is the number of methods, over all its interfaces, of the
// largest spec Parse accepts. The largest service APIs have some hundreds
// of calls (a cloud provider's compute API, a Kubernetes client set), so
// the limit leaves an order of magnitude to spare, while keeping what one
// spec costs to generate and compile to seconds and some hundred megabytes:
// about 13 MB of Go for 5000 methods, where a spec as large as MaxSize
// allows could otherwise hold a hundred thousand and take minutes and
// gigabytes.
const MaxMethods = 5000

// tooManyMethods counts method n and reports, once, the first method past
// MaxMethods: the rest of the spec's methods are then not read.
func (p *specParser) tooManyMethods(n *yaml.Node) bool {
	p.nMethods++
	if p.nMethods <= MaxMethods {
		return false
	}
	if p.nMethods == MaxMethods+1 {
		p.errorf(p.pos(n), "too many methods: a spec holds at most %d; split the interfaces over several specs", MaxMethods)
	}
	p.incomplete = true
	return true
}
