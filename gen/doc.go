// Package gen is shimgen's pure core: it turns the specs of one directory
// into the generated files, in memory. The command writes what Generate
// returns, `shimgen check` compares it with the files on disk (Check), and
// tests call both directly. Nothing here writes files, reads global state or
// exits.
package gen
