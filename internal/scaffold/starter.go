package scaffold

// Starter returns the commented starter spec shimgen init writes when no
// interface is given: every key explained, with one example interface. Its
// first line names schema as the spec's JSON Schema ("": its address).
func Starter(schema string) []byte {
	return []byte(schemaComment(schema) + "\n" + starter)
}

const starter = `#
# A shimgen spec (format version 1). Run "shimgen generate" in this
# directory to write NAME_blocking.go (the blocking form) and NAME_async.go
# (the callback form) beside it. Every method implicitly takes
# ctx context.Context first and returns err error last.

# The format version; required.
shimgen: 1

# The Go package name of the generated code; optional. Without it, the
# package of the Go files in this directory, else the directory's name.
# package: store

# Qualifier -> import path for the packages types refer to; optional.
# Standard-library packages need no entry unless their name is ambiguous
# (rand, template, scanner, pprof). Every import must be used.
# imports:
#   meta: example.com/store/meta

# The interfaces to generate; required, at least one.
interfaces:
  - name: Store                    # an exported Go identifier
    doc: Store keeps values by key. # the doc comment; optional
    methods:                       # required, at least one
      - name: Get
        doc: Get returns the value stored under key.
        params: key string         # a Go parameter list, every parameter named
        results: value []byte, found bool
        timeout: 2s                # optional per-call deadline
      - name: Put
        params: key string, value []byte
      - name: Keys
        doc: |
          Keys lists the keys that start with prefix.
          The blocking form returns an iter.Seq2[string, error].
        params: prefix string
        stream: key string         # a server stream of keys, instead of results
      # - name: Load               # a client stream: the caller sends items
      #   params: prefix string
      #   send: value []byte       # the blocking form takes values iter.Seq[[]byte]
      #   results: n int           # with stream instead, a bidirectional stream
`
