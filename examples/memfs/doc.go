// Package memfs is an in-memory file system shipped in both forms generated
// from memfs.shim.yaml. It shows embedded interfaces (File embeds Reader and
// Writer, which both embed Closer), handles (FS.Open returns a File, which
// the callback form delivers as a FileAsync on the same runtime) and a
// method without an error result (File.Name).
package memfs

//go:generate go tool shimgen
