/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A stack pool built like Go's (runtime/stack.go), annotated for Valgrind as
 * Go's valgrind build does (FACTS-valgrind.md §6, §8):
 *
 *   orders   stacks of KC_STACK_MIN << order bytes, order 0..KC_STACK_ORDERS-1;
 *   spans    each order carves fixed-size stacks from raw spans of the
 *            harness allocator (kc_heap_span_alloc, a metapool chunk); the
 *            span is first made NOACCESS;
 *   free     a per-order free list threaded through the free stacks: the
 *            node (next pointer) sits in the lowest word of a free stack and
 *            is itself a MALLOCLIKE block of one word, so the pool may write
 *            it; it is FREELIKE'd before the stack is handed out, so
 *            Valgrind never sees two live blocks overlap;
 *   alloc    FREELIKE(node), MALLOCLIKE(stack, size, 0, 0), STACK_REGISTER;
 *   free     STACK_DEREGISTER, FREELIKE(stack), MALLOCLIKE(node);
 *   growth   (kc_stackpool_morestack, called on the stack) switch to the
 *            pool's system stack (an order-0 stack of its own, always
 *            registered: Go's g0), copy the used part to
 *            a stack of a higher order, relocate the words that point into
 *            the old stack, STACK_CHANGE the id to the new bounds (or
 *            STACK_REGISTER it when it was never registered), free the old
 *            stack, and resume on the copy.
 *
 * Relocation is conservative (Go has stack maps; we have none): every
 * word of the used part whose value lies inside the old stack is moved by
 * the distance between the two stacks; under Valgrind, words with any
 * undefined bit (GET_VBITS) are not pointers and stay as they are, so
 * memcheck sees no decision on undefined padding.  Callee-saved registers
 * are in memory at that point (kc_stack_switch saved them), so they are
 * relocated too.  Code that runs on a pool stack must not keep stack
 * addresses anywhere else (a global, the heap) across a growth.
 *
 * Works natively (the requests are no-ops).  Not thread-safe; one
 * kc_stackpool_run at a time per pool.  No ATF calls (subjects use it);
 * failures return NULL / -1 with errno.
 */
#ifndef LIB_KC_STACKPOOL_H
#define LIB_KC_STACKPOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kc_heap.h"

#define KC_STACK_MIN		(16 * 1024)	/* bytes of an order-0 stack */
#define KC_STACK_ORDERS		4		/* 16, 32, 64, 128 KiB */
#define KC_STACK_SPAN_PAGES	32		/* pages per span (256 KiB) */

struct kc_stackpool_config {
	bool	no_register;	/* no STACK_REGISTER on allocation (growth then
				 * registers the copy) */
	bool	no_mark_heads;	/* fault injection: free-list nodes are not
				 * MALLOCLIKE blocks */
	bool	keep_heads;	/* fault injection: a node stays a live block
				 * when its stack is handed out (overlap) */
};

struct kc_stackpool;

struct kc_stack {
	struct kc_stackpool	*pool;
	unsigned char		*lo;		/* lowest byte */
	size_t			 size;		/* KC_STACK_MIN << order */
	unsigned		 order;
	uintptr_t		 vg_id;		/* STACK_REGISTER id (0 natively) */
	bool			 registered;	/* REGISTER (or CHANGE) issued */
	void			*resume_sp;	/* sp while suspended (kc_stack_switch) */
	unsigned		 grows;		/* times this stack was moved */
};

struct kc_stackpool_span;

struct kc_stackpool {
	struct kc_heap			*heap;
	struct kc_stackpool_config	 cfg;
	void				*free[KC_STACK_ORDERS];	/* list heads */
	struct kc_stackpool_span	*spans;		/* list (malloc'd) */
	void				*sys_sp;	/* the caller of kc_stackpool_run */
	unsigned char			*sys;		/* system stack (order 0) */
	uintptr_t			 sys_id;	/* its STACK_REGISTER id */
	bool				 running;
	unsigned long			 live;		/* stacks handed out */
	unsigned long			 grows;		/* growths, all stacks */
};

/* An empty pool on heap h; cfg may be NULL.  Returns 0 or -1. */
int kc_stackpool_init(struct kc_stackpool *p, struct kc_heap *h,
    const struct kc_stackpool_config *cfg);

/* Give every span back to the heap (MEMPOOL_FREE, which auto-frees the
 * blocks in it) and deregister the system stack.  Free the stacks handed
 * out first: their ids would stay registered. */
void kc_stackpool_fini(struct kc_stackpool *p);

/* A stack of at least `size` bytes (the smallest order that fits; 0 means
 * order 0).  NULL with EINVAL (too big) or ENOMEM. */
struct kc_stack *kc_stackpool_alloc(struct kc_stackpool *p, size_t size);

/* Back to its order's free list.  s must not be running. */
void kc_stackpool_free(struct kc_stack *s);

/* The stack order needed for `size` bytes; -1 if above the largest. */
int kc_stackpool_order(size_t size);

/*
 * Run fn(arg) on s (switching from the calling stack) and return its
 * result.  NULL with EBUSY if the pool is already running a stack, ENOSYS
 * where this arch has no kc_stack_switch.
 */
void *kc_stackpool_run(struct kc_stack *s, void *(*fn)(void *), void *arg);

/*
 * Called on s (by code running under kc_stackpool_run): if fewer than
 * `need` bytes remain below the caller's frame, move s to a stack of a
 * higher order (see above).  Returns 1 if it grew, 0 if not needed, -1
 * with ENOMEM when no order is large enough or no memory is left.
 */
int kc_stackpool_morestack(struct kc_stack *s, size_t need);

/* Bytes left on s below the caller's frame (call it on s). */
size_t kc_stackpool_avail(const struct kc_stack *s);

#endif /* LIB_KC_STACKPOOL_H */
