package gen_test

// raceEnabled is set when the tests run under -race, so the golden
// behaviour tests do too.
var raceEnabled bool
