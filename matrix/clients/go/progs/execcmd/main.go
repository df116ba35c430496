// SPDX-License-Identifier: BSD-2-Clause
//
// os/exec: run /bin/true a few times and check each exit status.  Under
// Valgrind Go's pidfd probe fails and os/exec takes the fallback path
// (FACTS-valgrind.md §8).
package main

import (
	"fmt"
	"os"
	"os/exec"
)

func main() {
	for i := 0; i < 4; i++ {
		if err := exec.Command("/bin/true").Run(); err != nil {
			fmt.Fprintf(os.Stderr, "execcmd: /bin/true run %d: %v\n", i, err)
			os.Exit(1)
		}
	}
	out, err := exec.Command("/bin/echo", "kconform").Output()
	if err != nil || string(out) != "kconform\n" {
		fmt.Fprintf(os.Stderr, "execcmd: /bin/echo: %q, %v\n", out, err)
		os.Exit(1)
	}
}
