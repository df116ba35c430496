/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit checks of kc_stackpool, as a plain program that runs natively and
 * under Valgrind (stackpool_test runs it both ways; under Valgrind it must
 * report no error): orders, distinct and aligned stacks, LIFO reuse of a
 * freed stack, running on a pool stack, growth by copying with pointers
 * into the stack relocated, and the limits.  Prints one line per failed
 * check on stderr; exits 0 when all pass, 1 otherwise, 2 when this arch
 * has no kc_stack_switch.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kc_heap.h"
#include "kc_stack.h"
#include "kc_stackpool.h"

static int failures;

#define CHECK(exp) do {							\
	if (!(exp)) {							\
		fprintf(stderr, "%s:%d: %s not met\n", __FILE__,	\
		    __LINE__, #exp);					\
		failures++;						\
	}								\
} while (0)

static int
inside(const void *p, const struct kc_stack *s)
{
	uintptr_t a = (uintptr_t)p, lo = (uintptr_t)s->lo;

	return (a >= lo && a < lo + s->size);
}

struct probe {
	const struct kc_stack	*s;
	int			 local_inside;
};

static void *
probe(void *arg)
{
	struct probe *pr = arg;
	volatile int local = 7;

	pr->local_inside = inside((const void *)&local, pr->s);
	return ((void *)(uintptr_t)local);
}

/*
 * Recursion that checks for stack room at every level (Go's morestack
 * prologue).  Each level passes a pointer to its own accumulator down, so
 * a growth must relocate those pointers for the sums to come out right.
 */
struct deep {
	struct kc_stack	*s;
	int		 morestack_failed;
	int		 morestack_errno;
};

static __attribute__((noinline)) void
deep(struct deep *d, unsigned n, unsigned long *parent_acc)
{
	volatile unsigned char pad[200];
	unsigned long acc = 0;

	if (kc_stackpool_morestack(d->s, 2048) == -1) {
		d->morestack_failed = 1;
		d->morestack_errno = errno;
		return;
	}
	pad[0] = (unsigned char)n;
	pad[sizeof(pad) - 1] = (unsigned char)(n >> 8);
	if (n > 0)
		deep(d, n - 1, &acc);
	*parent_acc += acc + pad[0] + pad[sizeof(pad) - 1] * 256u;
}

struct deep_run {
	struct deep	d;
	unsigned	n;
	unsigned long	sum;
};

static void *
deep_entry(void *arg)
{
	struct deep_run *r = arg;

	deep(&r->d, r->n, &r->sum);
	return (r);
}

/* 0 + 1 + ... + n: each level adds its n, rebuilt from its two bytes. */
static unsigned long
expected_sum(unsigned n)
{
	return ((unsigned long)n * (n + 1) / 2);
}

int
main(void)
{
	struct kc_stack *a, *b, *c, *big;
	struct kc_stackpool pool;
	struct kc_heap heap;
	struct deep_run r;
	struct probe pr;
	unsigned char *a_lo;

	if (!kc_stack_switch_native) {
		fprintf(stderr, "kc_stack_switch: not implemented on this arch\n");
		return (2);
	}

	/* Orders. */
	CHECK(kc_stackpool_order(0) == 0);
	CHECK(kc_stackpool_order(KC_STACK_MIN) == 0);
	CHECK(kc_stackpool_order(KC_STACK_MIN + 1) == 1);
	CHECK(kc_stackpool_order((size_t)KC_STACK_MIN << (KC_STACK_ORDERS - 1)) ==
	    KC_STACK_ORDERS - 1);
	CHECK(kc_stackpool_order(((size_t)KC_STACK_MIN << (KC_STACK_ORDERS - 1)) + 1) == -1);

	if (kc_heap_init(&heap, NULL) == -1 ||
	    kc_stackpool_init(&pool, &heap, NULL) == -1) {
		perror("init");
		return (1);
	}

	/* Too big: EINVAL. */
	errno = 0;
	CHECK(kc_stackpool_alloc(&pool, ((size_t)KC_STACK_MIN << KC_STACK_ORDERS)) == NULL);
	CHECK(errno == EINVAL);

	/* Distinct, aligned, of the right size; LIFO reuse of a freed stack. */
	a = kc_stackpool_alloc(&pool, 1);
	b = kc_stackpool_alloc(&pool, KC_STACK_MIN);
	c = kc_stackpool_alloc(&pool, KC_STACK_MIN + 1);
	CHECK(a != NULL && b != NULL && c != NULL);
	if (a == NULL || b == NULL || c == NULL)
		return (1);
	CHECK(a->size == KC_STACK_MIN && a->order == 0);
	CHECK(c->size == 2 * KC_STACK_MIN && c->order == 1);
	CHECK(a->lo + a->size <= b->lo || b->lo + b->size <= a->lo);
	CHECK((uintptr_t)a->lo % 16 == 0 && (uintptr_t)c->lo % 16 == 0);
	CHECK(pool.live == 3);
	a_lo = a->lo;
	kc_stackpool_free(a);
	a = kc_stackpool_alloc(&pool, 100);
	CHECK(a != NULL && a->lo == a_lo);
	if (a == NULL)
		return (1);

	/* Running on a pool stack. */
	pr.s = b;
	pr.local_inside = 0;
	CHECK(kc_stackpool_run(b, probe, &pr) == (void *)7);
	CHECK(pr.local_inside);

	/* Shallow recursion: no growth. */
	memset(&r, 0, sizeof(r));
	r.d.s = a;
	r.n = 10;
	CHECK(kc_stackpool_run(a, deep_entry, &r) == &r);
	CHECK(!r.d.morestack_failed && r.sum == expected_sum(10));
	CHECK(a->grows == 0 && a->order == 0);

	/* Deep recursion: grows by copying, more than once; sums intact. */
	memset(&r, 0, sizeof(r));
	r.d.s = a;
	r.n = 150;
	CHECK(kc_stackpool_run(a, deep_entry, &r) == &r);
	CHECK(!r.d.morestack_failed);
	CHECK(r.sum == expected_sum(150));
	CHECK(a->grows >= 2 && a->order >= 2);
	CHECK(pool.grows == a->grows);
	/* The stack keeps working after the move. */
	pr.s = a;
	pr.local_inside = 0;
	CHECK(kc_stackpool_run(a, probe, &pr) == (void *)7);
	CHECK(pr.local_inside);

	/* Beyond the largest order: morestack fails with ENOMEM. */
	big = kc_stackpool_alloc(&pool, 1);
	CHECK(big != NULL);
	if (big == NULL)
		return (1);
	memset(&r, 0, sizeof(r));
	r.d.s = big;
	r.n = 2000;
	CHECK(kc_stackpool_run(big, deep_entry, &r) == &r);
	CHECK(r.d.morestack_failed && r.d.morestack_errno == ENOMEM);
	CHECK(big->order == KC_STACK_ORDERS - 1);

	kc_stackpool_free(big);
	kc_stackpool_free(a);
	kc_stackpool_free(b);
	kc_stackpool_free(c);
	CHECK(pool.live == 0);
	kc_stackpool_fini(&pool);
	kc_heap_fini(&heap);
	return (failures == 0 ? 0 : 1);
}
