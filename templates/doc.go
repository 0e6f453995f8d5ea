// Package templates holds what both generated forms share: the file
// skeleton (header, package clause, the spec-digest guard), the names of
// generated identifiers, doc comments and the translation of spec types into
// code.
//
// Despite the directory's name there are no text templates here. The
// emitters, one package per form (templates/blocking and templates/async),
// build Go code with github.com/dave/jennifer, which manages imports and
// formats the result; every emitter works from the same validated model
// (spec.File), so the two forms cannot drift apart.
package templates
