package spec

import (
	"fmt"
	"strings"
)

// DiamondSpec returns a spec of n diamonds of embeds in a chain: D0 embeds
// L0 and R0, which both embed D1, and so on down to Dn, which has the one
// method. Tests use it to show that embeds cost interfaces, not paths.
func DiamondSpec(n int) string {
	var b strings.Builder
	b.WriteString("shimgen: 1\ninterfaces:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: D%d\n    embeds: [L%d, R%d]\n", i, i, i)
		fmt.Fprintf(&b, "  - name: L%d\n    embeds: [D%d]\n", i, i+1)
		fmt.Fprintf(&b, "  - name: R%d\n    embeds: [D%d]\n", i, i+1)
	}
	fmt.Fprintf(&b, "  - name: D%d\n    methods:\n      - name: Close\n", n)
	return b.String()
}
