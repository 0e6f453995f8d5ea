package spec

import "gopkg.in/yaml.v3"

// noError reads the optional error key of a method: `error: false` makes
// a method without an error result in the blocking form (`Name() string`);
// `error: carried` keeps the error in both forms and records that the
// method of the interface's from carries it in its last result instead
// (see carried). A stream always ends with an error, so it cannot drop it;
// nor can a method that sends items, whose implementation may stop taking
// them early.
func (p *specParser) noError(fs map[string]pair, subject string, m *Method) (none, carried bool) {
	kv, ok := fs["error"]
	if !ok || kv.value == nil || isNull(kv.value) {
		return false, false
	}
	n := kv.value
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && n.Value == "carried" {
		return false, p.carried(fs, subject, n, m)
	}
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		p.errorf(p.pos(n), "%serror must be false (the blocking form returns no error) or carried (the original method's last result carries it), not %s", subject, describe(n))
		return false, false
	}
	var v bool
	if err := n.Decode(&v); err != nil || v {
		return false, false
	}
	if _, sends := fs["send"]; sends {
		p.errorf(p.pos(n), `%s"error: false" cannot be used with "send": the implementation may stop taking the sent items early, and err is how the caller learns it; remove "error: false"`, subject)
		return false, false
	}
	if _, streams := fs["stream"]; streams {
		p.errorf(p.pos(n), `%s"error: false" cannot be used with "stream": a stream ends with an error`, subject)
		return false, false
	}
	return true, false
}
