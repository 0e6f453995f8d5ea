// Package stdadapt shims standard-library interfaces whose methods take no
// ctx: io/fs's FS, ReadDirFile and ReadDirFS, net/http's RoundTripper and
// database/sql/driver's Conn.
// The specs are written by shimgen init, unedited:
//
//	shimgen init --add-ctx --from io/fs.FS --from io/fs.ReadDirFile=File --from io/fs.ReadDirFS -o fs.shim.yaml
//	shimgen init --add-ctx --from net/http.RoundTripper -o http.shim.yaml
//	shimgen init --add-ctx --from database/sql/driver.Conn -o sql.shim.yaml
//
// Besides the blocking and callback forms, the adapt form gives adapters
// both ways (FSFromFSFS, FSReadDirFSFromReadDirFS, RoundTripperFromHTTPRoundTripper,
// HTTPRoundTripperFromRoundTripper, ...), so that an fstest.MapFS or an
// http.Transport feeds the callback form and the callback form plugs back
// into testing/fstest and http.Client.
package stdadapt

//go:generate go tool shimgen
