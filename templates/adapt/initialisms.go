package adapt

import "strings"

// initialisms are the words Go spells in one case (the golint and
// staticcheck list, plus FS and IO as the standard library spells them):
// a package named after one is written in capitals in the adapters' names.
var initialisms = map[string]bool{
	"ACL": true, "API": true, "ASCII": true, "CPU": true, "CSS": true,
	"DNS": true, "EOF": true, "FS": true, "GID": true, "GUID": true,
	"HTML": true, "HTTP": true, "HTTPS": true, "ID": true, "IO": true,
	"IP": true, "JSON": true, "LHS": true, "QPS": true, "RAM": true,
	"RHS": true, "RPC": true, "SLA": true, "SMTP": true, "SQL": true,
	"SSH": true, "TCP": true, "TLS": true, "TTL": true, "UDP": true,
	"UI": true, "UID": true, "URI": true, "URL": true, "UTF8": true,
	"UUID": true, "VM": true, "XML": true, "XMPP": true, "XSRF": true,
	"XSS": true,
}

// exported spells a lower-case package name as the start of an exported
// identifier: HTTP for http, FS for fs, Driver for driver.
func exported(pkg string) string {
	if up := strings.ToUpper(pkg); initialisms[up] {
		return up
	}
	return strings.ToUpper(pkg[:1]) + pkg[1:]
}
