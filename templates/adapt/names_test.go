package adapt

import (
	"testing"

	"github.com/shimgen/shimgen/spec"
)

func TestNamesSpellInitialisms(t *testing.T) {
	for _, c := range []struct{ path, name, iface, from, to string }{
		{"net/http", "RoundTripper", "RoundTripper", "RoundTripperFromHTTPRoundTripper", "HTTPRoundTripperFromRoundTripper"},
		{"io/fs", "FS", "FS", "FSFromFSFS", "FSFSFromFS"},
		{"io", "Reader", "Reader", "ReaderFromIOReader", "IOReaderFromReader"},
		{"database/sql/driver", "Conn", "Conn", "ConnFromDriverConn", "DriverConnFromConn"},
		{"database/sql", "DB", "DB", "DBFromSQLDB", "SQLDBFromDB"},
		{"unicode/utf8", "X", "X", "XFromUTF8X", "UTF8XFromX"},
		{"github.com/redis/go-redis/v9", "Cmdable", "Cmdable", "CmdableFromRedisCmdable", "RedisCmdableFromCmdable"},
		{"io/fs", "File", "FSFile", "FSFileFromOriginalFSFile", "OriginalFSFileFromFSFile"},
	} {
		n := namesOf(&spec.Interface{Name: c.iface, From: &spec.Origin{Path: c.path, Name: c.name}})
		if n.from != c.from || n.to != c.to {
			t.Errorf("%s.%s: %s, %s; want %s, %s", c.path, c.name, n.from, n.to, c.from, c.to)
		}
	}
	if n := namesOf(&spec.Interface{Name: "RoundTripper", From: &spec.Origin{Path: "net/http", Name: "RoundTripper"}}); n.toType != "httpRoundTripperFromRoundTripper" {
		t.Errorf("toType = %s", n.toType)
	}
}
