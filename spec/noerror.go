package spec

import "gopkg.in/yaml.v3"

// noError reads the optional error key of a method: `error: false` makes
// a method without an error result in the blocking form (`Name() string`).
// A stream always ends with an error, so it cannot drop it.
func (p *specParser) noError(fs map[string]pair, subject string) bool {
	kv, ok := fs["error"]
	if !ok || kv.value == nil || isNull(kv.value) {
		return false
	}
	n := kv.value
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		p.errorf(p.pos(n), "%serror must be a boolean (false: the blocking form returns no error), not %s", subject, describe(n))
		return false
	}
	var v bool
	if err := n.Decode(&v); err != nil || v {
		return false
	}
	if _, streams := fs["stream"]; streams {
		p.errorf(p.pos(n), `%s"error: false" cannot be used with "stream": a stream ends with an error`, subject)
		return false
	}
	return true
}
