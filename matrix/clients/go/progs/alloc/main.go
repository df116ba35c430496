// SPDX-License-Identifier: BSD-2-Clause
//
// Allocation: small and large objects, maps and slices that grow, kept
// live so GOGC=off only grows the heap; a checksum keeps them in use.
package main

import (
	"fmt"
	"os"
)

type node struct {
	next *node
	buf  [48]byte
}

func main() {
	var head *node
	for i := 0; i < 20000; i++ {
		head = &node{next: head}
		head.buf[i%48] = byte(i)
	}
	m := make(map[int][]byte)
	for i := 0; i < 2000; i++ {
		m[i] = make([]byte, 1+i*7%4096)
	}
	var s []int
	for i := 0; i < 100000; i++ {
		s = append(s, i)
	}
	big := make([]byte, 8<<20)
	big[len(big)-1] = 1
	sum := int(big[len(big)-1])
	for p := head; p != nil; p = p.next {
		for _, b := range p.buf {
			sum += int(b)
		}
	}
	for _, v := range m {
		sum += len(v)
	}
	sum += s[len(s)-1]
	if sum == 0 {
		fmt.Fprintln(os.Stderr, "alloc: checksum 0")
		os.Exit(1)
	}
}
