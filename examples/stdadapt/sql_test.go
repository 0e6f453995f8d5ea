package stdadapt

import (
	"context"
	"database/sql/driver"
	"errors"
	"testing"
)

// conn is a driver.Conn whose statements are not needed here.
type conn struct{ closed bool }

func (c *conn) Prepare(query string) (driver.Stmt, error) {
	return nil, errors.New("no statements: " + query)
}
func (c *conn) Close() error              { c.closed = true; return nil }
func (c *conn) Begin() (driver.Tx, error) { return nil, driver.ErrSkip }

// TestConnThroughForms: a driver.Conn through the forms on every runtime
// and back keeps its results and errors.
func TestConnThroughForms(t *testing.T) {
	for name, rt := range runtimesUnderTest(t) {
		t.Run(name, func(t *testing.T) {
			c := &conn{}
			var back driver.Conn = DriverConnFromConn(NewConnBlocking(hiddenConn{NewConnAsync(ConnFromDriverConn(c), rt)}, rt), context.Background())
			if _, err := back.Prepare("select 1"); err == nil || err.Error() != "no statements: select 1" {
				t.Fatalf("Prepare = %v", err)
			}
			if _, err := back.Begin(); !errors.Is(err, driver.ErrSkip) {
				t.Fatalf("Begin = %v, want driver.ErrSkip", err)
			}
			if err := back.Close(); err != nil || !c.closed {
				t.Fatalf("Close = %v, closed %v", err, c.closed)
			}
		})
	}
}

type hiddenConn struct{ ConnAsync }
