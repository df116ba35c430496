// SPDX-License-Identifier: BSD-2-Clause
//
// os.StartProcess + Wait: start /bin/sh children that exit with a known
// status and check what Wait reports.
package main

import (
	"fmt"
	"os"
)

func main() {
	attr := &os.ProcAttr{Files: []*os.File{os.Stdin, os.Stdout, os.Stderr}}
	for i := 0; i < 4; i++ {
		p, err := os.StartProcess("/bin/sh", []string{"sh", "-c", fmt.Sprintf("exit %d", i)}, attr)
		if err != nil {
			fmt.Fprintf(os.Stderr, "startproc: StartProcess %d: %v\n", i, err)
			os.Exit(1)
		}
		st, err := p.Wait()
		if err != nil || st.ExitCode() != i {
			fmt.Fprintf(os.Stderr, "startproc: Wait %d: %v, %v\n", i, st, err)
			os.Exit(1)
		}
	}
}
