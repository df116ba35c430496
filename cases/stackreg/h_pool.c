/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Subject for pool_test: the Go-like stack pool (kc_stackpool) on the
 * harness allocator, with real switches onto its stacks, in one encoding.
 *
 *   h_pool <macro|raw> <scenario> [flag...]
 *
 * Scenarios: "reuse" (a freed stack is handed out again), "grow" (a deep
 * recursion moves its stack to a bigger one), "grow_read_old" (the same,
 * then a read of the old, freed stack).  Results go to stdout.  Flags (the
 * pool's config, kc_stackpool_config): "no_register", and the selftest
 * faults "no_mark_heads", "keep_heads"; "none" is ignored.  Exit 0, or 2 on a usage or setup error.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kc_arch.h"
#include "kc_heap.h"
#include "kc_stack.h"
#include "kc_stackpool.h"
#include "kc_vg.h"

static struct kc_heap heap;
static struct kc_stackpool pool;

/* An address on the first stack of grow_read_old, kept off every stack. */
static volatile uintptr_t old_local;

static void
die(const char *what)
{
	fprintf(stderr, "%s: %s\n", what, strerror(errno));
	exit(2);
}

/* A few frames with locals on the current stack. */
static __attribute__((noinline)) unsigned
work(unsigned n)
{
	volatile unsigned char buf[256];
	unsigned r;

	buf[0] = (unsigned char)n;
	buf[sizeof(buf) - 1] = 1;
	r = n > 0 ? work(n - 1) : 0;
	return (r + buf[0] + buf[sizeof(buf) - 1]);
}

static void *
on_stack(void *arg)
{
	(void)arg;
	return ((void *)(uintptr_t)work(8));
}

/*
 * reuse: alloc, run, free; alloc again (same memory), run, leak search,
 * free.
 */
static void
sc_reuse(void)
{
	struct kc_stack *a, *b;
	unsigned char *lo;

	if ((a = kc_stackpool_alloc(&pool, KC_STACK_MIN)) == NULL)
		die("kc_stackpool_alloc");
	if (kc_stackpool_run(a, on_stack, NULL) != (void *)(uintptr_t)45)
		die("kc_stackpool_run");
	lo = a->lo;
	kc_stackpool_free(a);
	if ((b = kc_stackpool_alloc(&pool, KC_STACK_MIN)) == NULL)
		die("kc_stackpool_alloc");
	if (kc_stackpool_run(b, on_stack, NULL) != (void *)(uintptr_t)45)
		die("kc_stackpool_run");
	printf("same %d\n", b->lo == lo);
	/* A leak search while b is live: memcheck's overlap check sees every
	 * block the pool announced (free-list heads and stacks). */
	kc_vg_do_leak_check(KC_VG_LEAK_FULL);
	kc_stackpool_free(b);
}

/*
 * Recursion with Go's morestack check at every level.  A level is 200-270
 * bytes on every arch: a 200-byte pad less the fixed area the ABI adds to
 * each frame (KC_ARCH_FRAME_HEADER: with s390x's 160-byte register save
 * area a level was 368 bytes, and 100 levels outgrew the order-1 stack
 * too), so that sc_grow's 100 levels need more than an order-0 stack less
 * the 2048-byte margin and less than an order-1 one.
 */
#ifdef KC_ARCH_FRAME_HEADER
#define DEEP_PAD	(200 - KC_ARCH_FRAME_HEADER)
#else
#define DEEP_PAD	200
#endif

struct deep {
	struct kc_stack	*s;
	unsigned	 n;
	unsigned long	 sum;
	int		 failed;
};

static __attribute__((noinline)) void
deep(struct deep *d, unsigned n, unsigned long *parent_acc)
{
	volatile unsigned char pad[DEEP_PAD];
	unsigned long acc = 0;

	if (kc_stackpool_morestack(d->s, 2048) == -1) {
		d->failed = 1;
		return;
	}
	if (n == d->n)
		old_local = (uintptr_t)&pad[DEEP_PAD / 2];
	pad[DEEP_PAD / 2] = (unsigned char)n;
	if (n > 0)
		deep(d, n - 1, &acc);
	*parent_acc += acc + pad[DEEP_PAD / 2];
}

static void *
deep_entry(void *arg)
{
	struct deep *d = arg;

	deep(d, d->n, &d->sum);
	return (d);
}

/* grow: 100 levels of 200-270 bytes need more than an order-0 stack. */
static void
sc_grow(int read_old)
{
	struct kc_stack *s;
	struct deep d;

	if ((s = kc_stackpool_alloc(&pool, KC_STACK_MIN)) == NULL)
		die("kc_stackpool_alloc");
	memset(&d, 0, sizeof(d));
	d.s = s;
	d.n = 100;
	if (kc_stackpool_run(s, deep_entry, &d) != &d || d.failed)
		die("deep recursion");
	printf("grows %u order %u sum %lu\n", s->grows, s->order, d.sum);
	if (read_old)
		printf("old %u\n", *(volatile unsigned char *)old_local);
	kc_stackpool_free(s);
}

static void
usage(void)
{
	fprintf(stderr, "usage: h_pool macro|raw reuse|grow|grow_read_old "
	    "[no_register|no_mark_heads|keep_heads|none]...\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct kc_stackpool_config cfg;
	enum kc_vg_enc enc;
	int i;

	if (argc < 3 || kc_vg_enc_parse(argv[1], &enc) == -1)
		usage();
	kc_vg_set_encoding(enc);
	memset(&cfg, 0, sizeof(cfg));
	for (i = 3; i < argc; i++) {
		if (strcmp(argv[i], "no_register") == 0)
			cfg.no_register = true;
		else if (strcmp(argv[i], "no_mark_heads") == 0)
			cfg.no_mark_heads = true;
		else if (strcmp(argv[i], "keep_heads") == 0)
			cfg.keep_heads = true;
		else if (strcmp(argv[i], "none") != 0)
			usage();
	}
	if (!kc_stack_switch_native) {
		fprintf(stderr, "kc_stack_switch: not implemented on this arch\n");
		return (2);
	}
	if (kc_heap_init(&heap, NULL) == -1)
		die("kc_heap_init");
	if (kc_stackpool_init(&pool, &heap, &cfg) == -1)
		die("kc_stackpool_init");
	if (strcmp(argv[2], "reuse") == 0)
		sc_reuse();
	else if (strcmp(argv[2], "grow") == 0)
		sc_grow(0);
	else if (strcmp(argv[2], "grow_read_old") == 0)
		sc_grow(1);
	else
		usage();
	kc_stackpool_fini(&pool);
	kc_heap_fini(&heap);
	return (0);
}
