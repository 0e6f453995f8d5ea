package spec

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// suggest returns the candidate closest to word by edit distance, or ""
// when none is close enough to be a plausible misspelling. A candidate that
// differs only in case always qualifies. Among equally close candidates,
// one that holds the letters of word in order wins (letters left out are a
// common slip: "jsn" is "json" rather than "js"), then the least in sorted
// order, so that suggestions do not depend on the order of candidates.
func suggest(word string, candidates []string) string {
	best, bestScore := "", -1
	limit := maxDistance(word)
	n := utf8.RuneCountInString(word)
	var lower []rune // word in lower case, computed once it is needed
	for _, c := range candidates {
		if c == word || abs(utf8.RuneCountInString(c)-n) > limit {
			continue
		}
		if strings.EqualFold(c, word) {
			return c
		}
		if lower == nil {
			lower = []rune(strings.ToLower(word))
		}
		lc := []rune(strings.ToLower(c))
		d := distance(lower, lc, limit)
		if d > limit {
			continue
		}
		score := 2 * d
		if !subsequence(lower, lc) {
			score++
		}
		if bestScore < 0 || score < bestScore || score == bestScore && c < best {
			best, bestScore = c, score
		}
	}
	return best
}

// subsequence reports whether s holds the runes of sub in order.
func subsequence(sub, s []rune) bool {
	i := 0
	for _, r := range s {
		if i < len(sub) && sub[i] == r {
			i++
		}
	}
	return i == len(sub)
}

// maxDistance is how many edits a misspelling of word may plausibly have.
func maxDistance(word string) int {
	switch n := utf8.RuneCountInString(word); {
	case n <= 4:
		return 1
	case n <= 8:
		return 2
	default:
		return 3
	}
}

func sortedCopy(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}

// distance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and transpositions of adjacent
// runes), or limit+1 when it exceeds limit.
func distance(ra, rb []rune, limit int) int {
	if abs(len(ra)-len(rb)) > limit {
		return limit + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(rb)], limit+1)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// didYouMean formats a suggestion for word among candidates as
// ` (did you mean "x"?)`, or "" when there is none.
func didYouMean(word string, candidates []string) string {
	if s := suggest(word, candidates); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// DidYouMean formats a suggestion for word among candidates, the closest
// by edit distance if it is close enough, as ` (did you mean "x"?)`, or
// returns "" when there is none. It is the suggestion of every spec error.
func DidYouMean(word string, candidates []string) string {
	return didYouMean(word, candidates)
}

// capitalized returns name with its first letter in upper case.
func capitalized(name string) string {
	r, size := utf8.DecodeRuneInString(name)
	if r == utf8.RuneError {
		return name
	}
	return string(unicode.ToUpper(r)) + name[size:]
}
