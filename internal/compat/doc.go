// Package compat compares two versions of the specs of one Go package and
// reports the changes that break code written against the generated code.
//
// A change is Breaking when it breaks callers of either generated form (the
// blocking interface or the callback interface) or the code implementing
// them; it is Implementers when it only breaks code implementing the
// interfaces: mocks, fakes, second backends.
//
// Breaking:
//
//   - an interface removed (renaming is a removal and an addition);
//   - a method removed (renaming likewise);
//   - a parameter added, removed, moved or of another type; a parameter
//     turned variadic or no longer variadic (callers write the call
//     differently);
//   - a result added, removed, moved or of another type;
//   - results turned into a stream or a stream into results (the blocking
//     form returns iter.Seq2 instead of values; the callback form takes
//     each and done instead of a done carrying the results);
//   - the type of a stream item changed;
//   - sent items added or removed (send: a unary method becoming a client
//     stream or back, a server stream becoming a bidirectional stream or
//     back: the blocking form takes an iter.Seq, the callback form returns
//     a runtimes.Sender), or the type of the sent item changed;
//   - the Go package name changed, when both versions name it (a spec
//     without a package key takes the directory's, which the specs alone do
//     not tell);
//   - a type that refers to another package through an import path that
//     changed: types are compared after resolving each qualifier to its
//     import path, so "meta.Attrs" is a different type when the import
//     "meta" moved from example.com/a/meta to example.com/b/meta, or when
//     an ambiguous standard-library name was narrowed to another package.
//     Renaming a qualifier, or dropping an import entry that named the
//     standard-library package the qualifier resolves to anyway, changes
//     nothing and is not reported.
//
// Implementers only:
//
//   - a method added: every implementation of the blocking and of the
//     callback interface must add it, while callers are unaffected.
//
// Compatible, not reported: an added interface (nothing implements it
// yet), parameter, sent item, result and stream item names (Go callers
// never see the names of a signature, nor that of the blocking form's
// iterator of the sent items), docs, timeouts, the order of methods and of
// interfaces, the spec file an interface is declared in, and spelling
// differences that leave a type identical: spacing, the names of a func
// type's parameters, any for interface{}, byte for uint8 and rune for
// int32.
package compat
