/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Sizes of h_thread's blocks, shared with thread_test, which recognises
 * Valgrind's errors by the block an address is in ("inside a block of size
 * 2,040 alloc'd").
 */
#ifndef CASES_STACKREG_H_THREAD_H
#define CASES_STACKREG_H_THREAD_H

#define H_THREAD_GS_SIZE	(64 * 1024)	/* the goroutine stack */
#define H_THREAD_OBJ_SIZE	2040		/* Go's runtime.m (FACTS-valgrind.md §8) */
#define H_THREAD_TS_SIZE	(256 * 1024)	/* the thread stack */
/* leak modes: a block the object points to, and a second goroutine stack
 * (Go's 2,048-byte runtime.stackalloc) the object points to the start of
 * while a global holds only its saved SP, a pointer into it. */
#define H_THREAD_LEAF_SIZE	104
#define H_THREAD_STK2_SIZE	2048
/* The size of each access to the scratch word (span layout). */
#define H_THREAD_SCRATCH_BYTES	4

#endif /* CASES_STACKREG_H_THREAD_H */
