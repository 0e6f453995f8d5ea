// Package spec reads shimgen specs: it parses a spec file with positions,
// validates it, reporting every problem at once, and builds the model
// (*File) that the generated Go code is made from.
//
// # The spec format, version 1
//
// A spec is a YAML file, by convention named *.shim.yaml, describing one or
// more interfaces. shimgen generates each in two forms: a blocking form and
// a callback form.
//
//	shimgen: 1                      # format version, required
//	package: blob                   # optional Go package name
//	imports:                        # optional: qualifier -> import path
//	  meta: example.com/blob/meta
//	interfaces:
//	  - name: Bucket
//	    doc: Bucket stores blobs by key.
//	    methods:
//	      - name: Get
//	        doc: Get returns the blob stored under key.
//	        params: key string                  # a Go parameter list
//	        results: data []byte, found bool    # a Go result list
//	        timeout: 2s                         # optional per-call deadline
//	      - name: Put
//	        params: key string, data []byte, attrs meta.Attrs
//	      - name: List
//	        params: prefix string
//	        stream: key string                  # a server stream of keys
//	      - name: Upload                        # a client stream
//	        params: key string
//	        send: chunk []byte                  # the caller sends chunks
//	        results: written int64
//	      - name: Ping                          # no params, no results
//
// Any other key is an error. The top-level keys:
//
//   - shimgen (required): the format version, the integer 1. A spec of
//     another version is not checked further.
//   - package: the Go package name of the generated code, a Go identifier
//     other than "_". Without it the package is the directory's.
//   - imports: a mapping from qualifier to import path for the packages
//     that types refer to. Standard-library packages need no entry unless
//     their name is ambiguous (rand, template, scanner, pprof): then an
//     entry such as "rand: math/rand/v2" says which one is meant. Every
//     import must be used by some type.
//   - interfaces (required): a non-empty list of interfaces.
//
// The keys of an interface:
//
//   - name (required): an exported Go identifier, unique in the spec.
//   - doc: the doc comment.
//   - from: the Go interface the spec was scaffolded from, as import path
//     and name ("io/fs.FS"); the adapt form generates adapters to and
//     from it.
//   - as: with from, the interface type original methods return this
//     interface as when it is not from ("io/fs.File" for a from of
//     "io/fs.ReadDirFile"); a method's as overrides it.
//   - embeds: interfaces of the same spec this one embeds, as Go does.
//   - methods (required): a non-empty list of methods, unless the
//     interface embeds others.
//
// The keys of a method:
//
//   - name (required): an exported Go identifier, unique in the interface.
//   - doc: the doc comment.
//   - params and results: a Go parameter list, as written between the
//     parentheses of a func type, with every parameter named; empty or
//     absent for none. Only the last parameter may be variadic; results
//     may not be.
//   - send: the item the caller sends, any number of times (see Streams),
//     a single named parameter such as "chunk []byte"; not empty, and not
//     variadic. With results (or without them) the method is a client
//     stream, with stream a bidirectional stream. A method with send has
//     no variadic parameter (the blocking form passes the sent items after
//     the parameters), keeps its error (error: false and carried are
//     errors) and is not in an interface with from (the adapt form cannot
//     adapt it yet).
//   - stream: the item of a server stream (see Streams), a single named
//     parameter such as "entry Entry", "chunk []byte" or "ev *meta.Event";
//     not empty, and not variadic. A method has results or a stream, not
//     both: when it has both keys, the error is reported at the stream key,
//     or at the results key when it has send too.
//   - timeout: a per-call deadline, a Go duration greater than zero such
//     as "2s" or "1m30s"; for a stream (of any kind), of the whole stream.
//   - error: false for no error result in the blocking form; carried, with
//     the interface's from, when the original method's last result (a
//     pointer) carries its error. Not with stream or send.
//   - ctx: added, with the interface's from, when the original method
//     takes no ctx.
//   - as: with the interface's from, the interface type the original
//     method returns its handle result or stream item as, overriding the
//     handle interface's as ("io/fs.ReadDirFile" for a method returning a
//     File handle whose interface says "io/fs.File"). The method's
//     results or stream item must be handles of one interface of the
//     spec, which has a from.
//
// Every method implicitly receives ctx context.Context first and returns
// err error last, so params cannot be named "ctx" and results cannot be
// named "err"; neither can be named the other, nor "done", which names the
// completion callback of the callback form, nor "_". The stream item and
// the sent item cannot be named "ctx", "err", "done" or "_" either. A name
// appears once among a method's params, sent item, results and stream
// item. ReservedNames lists the names reserved in each kind of method.
//
// Types are Go type expressions: predeclared types and the types of the
// generated package (unqualified names, which cannot be checked here),
// qualified names pkg.Name, pointers, slices, arrays with an integer literal
// length, maps, channels, func types, the empty interface{}, struct types,
// and instantiated generic types such as pkg.Seq[T] or Pair[K, V]. A
// qualifier is resolved through imports first, then by standard-library
// package name (see StdlibPath). Comments are not allowed in params, sent
// items, results and streams, and a type may nest at most MaxTypeDepth
// levels.
//
// YAML anchors and aliases may be used; merge keys ("<<") may not. A spec
// holds a single YAML document of at most MaxSize bytes; a UTF-8 byte order
// mark and CRLF line ends are accepted.
//
// # Handles
//
// A result or stream item whose type is exactly the name of an interface
// of the same spec, of another spec in the same directory (File), or of
// an interface generated in a package the spec imports (vfs.File) is a
// handle: the blocking form returns the blocking interface, the callback
// form the callback one (FileAsync, vfs.FileAsync) on the same runtime. No
// key marks it; the generator decides, as this package cannot see other
// specs or packages.
//
// # Streams
//
// A method's keys give its kind (MethodKind): results or neither, a unary
// method; stream, a server stream; send, a client stream; send and
// stream, a bidirectional stream.
//
// A method with a stream key is a server stream: instead of results it
// delivers any number of items, each a value of the stream item's type T,
// then ends with an error or none. The blocking form returns
// iter.Seq2[T, error], which yields the items. The callback form takes,
// after the params, each func(entry T) bool, called with every item until
// it returns false, and done func(err error), called once when the stream
// ends; entry stands for the stream item's name. The timeout, if any,
// covers the whole stream. Because of the callback form, neither a
// parameter of a streaming method nor its stream item can be named "each";
// a method without a stream may use that name.
//
// A method with a send key takes, besides its params, any number of items
// the caller sends, each a value of the sent item's type S. The blocking
// form takes them last, as an iter.Seq[S] the implementation pulls, in a
// parameter named by Method.SendsName: the plural of the sent item's name
// ("chunk" gives "chunks"), or the name with "Seq" when that plural is the
// name of a parameter or no plural ("data" gives "dataSeq"); no other
// item of the method may have that name. The callback form returns a
// sender the caller pushes the items into. A client stream (send, with or
// without results) then returns its results and err; a bidirectional
// stream (send and stream) streams items back as a server stream does.
// "send" is reserved in both kinds, for the sending side of the callback
// form, and "each" in a bidirectional stream. The timeout, if any, covers
// the whole exchange. A sent item, a result of a client stream or a stream
// item of a bidirectional stream cannot be a handle yet (the bare name of
// an interface of the spec).
//
// # Errors
//
// Parse reports every problem it finds as an ErrorList sorted by position,
// each line in the form
//
//	file:line:col: subject: message
//
// for example
//
//	blob.shim.yaml:14:48: interface "Bucket": method "Put": unknown qualifier "mta" in type "mta.Attrs" (did you mean "meta"?)
//
// Lines and columns are 1-based; columns count characters, as YAML does.
// Inside a params, send, results or stream string the column points at the
// offending parameter or type when the string is a plain or quoted scalar
// on a single line, and at the start of the string otherwise. Problems
// with the document as a whole, such as YAML syntax errors, are reported
// at column 1 of the line concerned (1:1 when there is none).
package spec
