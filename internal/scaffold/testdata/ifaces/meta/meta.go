// Package meta holds types the ifaces test package refers to.
package meta

import "context"

// Attrs are a blob's attributes.
type Attrs map[string]string

// Entry is a listed item.
type Entry struct{ Key string }

// Pinger is embedded by an interface of another package.
type Pinger interface {
	// Ping checks the connection.
	Ping(ctx context.Context) error
}
