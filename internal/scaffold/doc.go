// Package scaffold writes a starting shimgen spec (format version 1) from Go
// interfaces or the exported methods of concrete types, and re-syncs such a
// spec with them (Update): it loads the packages that declare them with
// go/packages and translates each method into a spec method, dropping the leading
// ctx context.Context and the trailing error result, and recognising a
// sole iter.Seq2[T, error] result as a server stream and a last
// parameter iter.Seq[T] of a method returning an error or such a stream as
// the items it sends (send: item T): a client or a bidirectional stream.
// The adapt form cannot adapt those yet, so the from of an interface that
// has them is written as a comment.
//
// A method that cannot become a spec method unchanged (no trailing error,
// no leading context.Context, a channel or a type parameter in its
// signature, an unexported name...) is kept in the output as a commented-out
// entry with the reason, never dropped silently.
//
// Types are written as seen from the output package, the package the spec
// generates code into: its own types are unqualified; other packages are
// qualified by their name, with an imports entry unless the name alone
// resolves to the package as a standard-library qualifier.
package scaffold
