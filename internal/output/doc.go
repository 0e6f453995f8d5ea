// Package output is shimgen's write-safety policy: the one place that
// decides where generated files may go, which existing files shimgen owns,
// how they are replaced and which orphans are removed.
//
//   - A generated file goes only into the directory of its spec, under a
//     generated name (gen.IsOutputName).
//   - A destination is checked with Lstat: a symbolic link, a directory or
//     another non-regular file is an error, and nothing of that directory is
//     written. An existing regular file is replaced only if it carries the
//     generated header (gen.IsGenerated).
//   - Each file is written atomically: a temporary file in the same
//     directory, renamed over the old one, keeping the old file's mode; a
//     file whose bytes did not change is not touched.
//   - Generating a whole directory removes orphans (Orphans): regular files
//     with the generated header and a generated name whose "// source:" line
//     names a spec of that directory, generating that name, that no longer
//     exists. Nothing else is ever removed. check reports exactly these.
//   - On SIGINT or SIGTERM (NotifyContext) the write or removal in flight
//     completes, no other starts, and Write returns ErrInterrupted: every
//     file is left either as it was or completely rewritten.
package output
