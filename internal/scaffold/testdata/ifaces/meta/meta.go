// Package meta holds types the ifaces test package refers to.
package meta

// Attrs are a blob's attributes.
type Attrs map[string]string

// Entry is a listed item.
type Entry struct{ Key string }
