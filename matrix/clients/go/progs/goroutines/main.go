// SPDX-License-Identifier: BSD-2-Clause
//
// Goroutines: 64 workers pass a token 50 times around a ring of channels,
// enough to start several threads and switch between goroutine stacks.
package main

import (
	"fmt"
	"os"
	"sync"
)

func main() {
	const n, rounds = 64, 50
	var wg sync.WaitGroup
	done := make(chan int)
	ch := make([]chan int, n)
	for i := range ch {
		ch[i] = make(chan int)
	}
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for r := 0; r < rounds; r++ {
				v := <-ch[i]
				if i == n-1 && r == rounds-1 {
					done <- v + 1
					return
				}
				ch[(i+1)%n] <- v + 1
			}
		}(i)
	}
	ch[0] <- 0
	v := <-done
	wg.Wait()
	if v != n*rounds {
		fmt.Fprintf(os.Stderr, "goroutines: token %d, want %d\n", v, n*rounds)
		os.Exit(1)
	}
}
