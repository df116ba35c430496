/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit checks of kc_heap, as a plain program that runs natively and under
 * Valgrind (heap_test runs it both ways).
 *
 *   h_heap            every check, using the allocator correctly: objects of
 *                     every size class and large ones, many allocs and frees,
 *                     reuse of freed slots, sweep, raw spans, several arenas,
 *                     fini with live objects.  Prints one "FAIL file:line:
 *                     check" line per failed check and then the counters
 *                     heap_test compares with Valgrind's heap summary; exits
 *                     0 when every check passed, 1 otherwise.
 *   h_heap overrun    a correct allocation, then one byte written just past
 *                     a 40-byte object (inside its 48-byte slot): memcheck
 *                     must report an InvalidWrite.
 *   h_heap lost       a heap without AUTO_FREE, fini'd with 3 live objects
 *                     of 100 bytes: memcheck must report them lost.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kc_heap.h"

static int failures;

/* Report a failed check (the first 20 of them) on stdout. */
#define CHECK(exp) do {							\
	if (!(exp) && failures++ < 20)					\
		printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #exp);	\
} while (0)

/*
 * What the program did through the allocator, for the heap summary: every
 * object is one MALLOCLIKE, every explicit free or swept object one
 * FREELIKE, every new span one MEMPOOL_ALLOC.
 */
static unsigned long n_objects, n_frees, n_spans;

#define NOBJ	600	/* objects per size in the churn */

static void *
alloc(struct kc_heap *h, size_t size, bool zeroed)
{
	unsigned long spans = h->live_spans;
	void *p = kc_heap_alloc(h, size, zeroed);

	if (p != NULL) {
		n_objects++;
		n_spans += h->live_spans - spans;
	}
	return (p);
}

static int
hfree(struct kc_heap *h, void *p)
{
	int r = kc_heap_free(h, p);

	if (r == 0)
		n_frees++;
	return (r);
}

/* The byte pattern of object i. */
static unsigned char
pat(size_t i)
{
	return ((unsigned char)(0x5a ^ (i * 7)));
}

static bool
all_bytes(const unsigned char *p, size_t n, unsigned char v)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != v)
			return (false);
	return (true);
}

static int
cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;

	return (x < y ? -1 : x > y);
}

/* The objects of ps[0..n) (each of size bytes) are pairwise disjoint. */
static bool
disjoint(void *const ps[], size_t n, size_t size)
{
	uintptr_t *s = malloc(n * sizeof(*s));
	bool ok = true;
	size_t i;

	if (s == NULL)
		return (false);
	for (i = 0; i < n; i++)
		s[i] = (uintptr_t)ps[i];
	qsort(s, n, sizeof(*s), cmp_ptr);
	for (i = 1; i < n; i++)
		if (s[i - 1] + size > s[i])
			ok = false;
	free(s);
	return (ok);
}

static bool
in_set(void *const ps[], size_t n, const void *p)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ps[i] == p)
			return (true);
	return (false);
}

/*
 * Objects of one size: aligned, distinct, writable, of the asked size,
 * zeroed when asked.  Freeing every other one and allocating as many again
 * takes no new span or arena (the room freed is used) and leaves the
 * survivors untouched.
 */
static void
churn(struct kc_heap *h, size_t size)
{
	static void *ps[NOBJ];
	size_t i, nfreed = 0, n = size > KC_HEAP_MAX_SMALL ? 24 : NOBJ;
	unsigned long live0 = h->live_objects, spans, arenas;
	bool zeroed;
	void *gone;

	for (i = 0; i < n; i++) {
		zeroed = i % 3 == 0;
		ps[i] = alloc(h, size, zeroed);
		CHECK(ps[i] != NULL);
		if (ps[i] == NULL)
			return;
		CHECK((uintptr_t)ps[i] % 16 == 0);
		CHECK(kc_heap_size(h, ps[i]) == size);
		if (zeroed)
			CHECK(all_bytes(ps[i], size, 0));
		memset(ps[i], pat(i), size);
	}
	CHECK(h->live_objects == live0 + n);
	CHECK(disjoint(ps, n, size));
	for (i = 0; i < n; i++)
		CHECK(all_bytes(ps[i], size, pat(i)));

	for (i = 0; i < n; i += 2) {
		CHECK(hfree(h, ps[i]) == 0);
		nfreed++;
	}
	gone = ps[0];
	CHECK(h->live_objects == live0 + n - nfreed);
	/* A freed object is no object any more: a second free is refused. */
	errno = 0;
	CHECK(kc_heap_free(h, gone) == -1 && errno == EINVAL);
	CHECK(kc_heap_size(h, gone) == 0);
	for (i = 1; i < n; i += 2)
		CHECK(all_bytes(ps[i], size, pat(i)));

	/* Small objects refill the freed room: no new span, no new arena. */
	spans = h->live_spans;
	arenas = h->arenas_created;
	for (i = 0; i < nfreed; i++) {
		void *p = alloc(h, size, false);

		CHECK(p != NULL);
		if (p == NULL)
			return;
		memset(p, 0xee, size);
		ps[2 * i] = p;
	}
	if (size <= KC_HEAP_MAX_SMALL) {
		CHECK(h->live_spans == spans);
		CHECK(h->arenas_created == arenas);
	}
	CHECK(disjoint(ps, n, size));
	for (i = 1; i < n; i += 2)
		CHECK(all_bytes(ps[i], size, pat(i)));

	/* Free them all again, the odd ones first. */
	for (i = 1; i < n; i += 2)
		CHECK(hfree(h, ps[i]) == 0);
	for (i = 0; i < n; i += 2)
		CHECK(hfree(h, ps[i]) == 0);
	CHECK(h->live_objects == live0);
}

/*
 * In a fresh heap, objects of KC_HEAP_MAX_SMALL bytes fill whole spans
 * (KC_HEAP_PAGE / KC_HEAP_MAX_SMALL slots each), so a freed slot is the
 * only room: the next allocation takes exactly that slot, and after
 * freeing every other object the same number of allocations takes exactly
 * the freed slots.
 */
static void
reuse(void)
{
	enum { N = 8 * (KC_HEAP_PAGE / KC_HEAP_MAX_SMALL) };
	struct kc_heap h;
	void *ps[N], *freed[N / 2], *p;
	size_t i;

	CHECK(kc_heap_init(&h, NULL) == 0);
	for (i = 0; i < N; i++) {
		ps[i] = alloc(&h, KC_HEAP_MAX_SMALL, false);
		CHECK(ps[i] != NULL);
		if (ps[i] == NULL)
			goto out;
	}
	CHECK(h.live_spans == 8);
	for (i = 0; i < N; i += 5) {
		CHECK(hfree(&h, ps[i]) == 0);
		p = alloc(&h, KC_HEAP_MAX_SMALL, true);
		CHECK(p == ps[i]);
		if (p != NULL)
			CHECK(all_bytes(p, KC_HEAP_MAX_SMALL, 0));
	}
	for (i = 0; i < N; i += 2) {
		CHECK(hfree(&h, ps[i]) == 0);
		freed[i / 2] = ps[i];
	}
	for (i = 0; i < N / 2; i++) {
		p = alloc(&h, KC_HEAP_MAX_SMALL, false);
		CHECK(p != NULL && in_set(freed, N / 2, p));
	}
	CHECK(h.live_spans == 8);
out:
	kc_heap_fini(&h);
}

/* sweep keeps the objects whose first byte is odd. */
static bool
keep_odd(void *p, void *arg)
{
	(*(unsigned long *)arg)++;
	return ((*(unsigned char *)p & 1) != 0);
}

static bool
keep_none(void *p, void *arg)
{
	(void)p;
	(*(unsigned long *)arg)++;
	return (false);
}

/*
 * Sweep: every live object is offered once; the dropped ones are freed and
 * their slots reused; spans left empty go back (live_spans falls).
 */
static void
sweep_checks(struct kc_heap *h)
{
	static void *ps[400];
	unsigned long seen = 0, freed;
	size_t i, n = sizeof(ps) / sizeof(ps[0]);
	unsigned odd = 0;

	for (i = 0; i < n; i++) {
		ps[i] = alloc(h, 64 + (i % 4) * 64, false);	/* 4 classes */
		CHECK(ps[i] != NULL);
		if (ps[i] == NULL)
			return;
		*(unsigned char *)ps[i] = (unsigned char)i;
		odd += i & 1;
	}
	CHECK(h->live_spans > 0);
	freed = kc_heap_sweep(h, keep_odd, &seen);
	n_frees += freed;
	CHECK(seen == n);
	CHECK(freed == n - odd);
	CHECK(h->live_objects == odd);
	for (i = 1; i < n; i += 2)
		CHECK(*(unsigned char *)ps[i] == (unsigned char)i);
	for (i = 0; i < n; i += 2)
		CHECK(kc_heap_size(h, ps[i]) == 0);

	seen = 0;
	freed = kc_heap_sweep(h, keep_none, &seen);
	n_frees += freed;
	CHECK(seen == odd && freed == odd);
	CHECK(h->live_objects == 0);
	CHECK(h->live_spans == 0);
	CHECK(kc_heap_sweep(h, keep_none, &seen) == 0);
}

/*
 * Large objects get their own span, released on free; raw spans are
 * aligned to the system page (mmap gives no more than that natively),
 * zeroed and writable, released by span_free, and a released
 * range is handed out again zeroed.
 */
static void
span_checks(struct kc_heap *h)
{
	const struct kc_span_info *s, *t;
	unsigned long spans0 = h->live_spans;
	uintptr_t syspage = (uintptr_t)sysconf(_SC_PAGESIZE);
	unsigned char *big;
	void *base;

	big = alloc(h, 3 * KC_HEAP_PAGE + 1, true);
	CHECK(big != NULL);
	if (big == NULL)
		return;
	CHECK((uintptr_t)big % syspage == 0);
	CHECK(h->live_spans == spans0 + 1);
	CHECK(all_bytes(big, 3 * KC_HEAP_PAGE + 1, 0));
	memset(big, 0x11, 3 * KC_HEAP_PAGE + 1);
	CHECK(hfree(h, big) == 0);
	CHECK(h->live_spans == spans0);

	s = kc_heap_span_alloc(h, 3);
	n_spans++;
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK((uintptr_t)s->base % syspage == 0);
	CHECK(s->bytes == 3 * KC_HEAP_PAGE);
	CHECK(all_bytes(s->base, s->bytes, 0));
	memset(s->base, 0x22, s->bytes);
	base = s->base;
	CHECK(kc_heap_span_free(h, s) == 0);
	errno = 0;
	CHECK(kc_heap_span_free(h, s) == -1 && errno == EINVAL);

	t = kc_heap_span_alloc(h, 3);
	n_spans++;
	CHECK(t != NULL);
	if (t == NULL)
		return;
	CHECK(t->base == base);			/* first fit: the same pages */
	CHECK(all_bytes(t->base, t->bytes, 0));	/* zeroed again */
	CHECK(kc_heap_span_free(h, t) == 0);
	CHECK(h->live_spans == spans0);
}

/* Bad arguments are refused with EINVAL and change nothing. */
static void
einval_checks(struct kc_heap *h)
{
	unsigned long live = h->live_objects;
	char *p, local;

	errno = 0;
	CHECK(kc_heap_alloc(h, 0, false) == NULL && errno == EINVAL);
	errno = 0;
	CHECK(kc_heap_span_alloc(h, 0) == NULL && errno == EINVAL);
	errno = 0;
	CHECK(kc_heap_free(h, &local) == -1 && errno == EINVAL);
	p = alloc(h, 32, false);
	CHECK(p != NULL);
	if (p == NULL)
		return;
	errno = 0;
	CHECK(kc_heap_free(h, p + 16) == -1 && errno == EINVAL);
	CHECK(kc_heap_size(h, p + 16) == 0);
	CHECK(hfree(h, p) == 0);
	CHECK(h->live_objects == live);
}

static int
correct(void)
{
	static const size_t sizes[] = {
		1, 8, 16, 17, 40, 48, 64, 100, 128, 192, 256, 300, 512, 700,
		1000, 1024, 2000, KC_HEAP_MAX_SMALL, KC_HEAP_MAX_SMALL + 1, 20000,
	};
	struct kc_heap_config cfg = { .arena_bytes = 8 * KC_HEAP_PAGE };
	struct kc_heap h, h2;
	size_t i;
	unsigned long arenas;
	void *p;

	/* Small arenas, so the churn needs several of them. */
	CHECK(kc_heap_init(&h, &cfg) == 0);
	CHECK(h.cfg.arena_bytes == 8 * KC_HEAP_PAGE);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		churn(&h, sizes[i]);
	CHECK(h.arenas_created > 1);
	/* A second round finds room in the spans the first one left empty. */
	arenas = h.arenas_created;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		if (sizes[i] <= KC_HEAP_MAX_SMALL)
			churn(&h, sizes[i]);
	CHECK(h.arenas_created == arenas);
	CHECK(h.live_objects == 0);
	sweep_checks(&h);
	span_checks(&h);
	einval_checks(&h);
	kc_heap_fini(&h);
	CHECK(h.arenas == NULL);
	reuse();

	/*
	 * fini with live objects and spans: the span releases auto-free the
	 * objects (no leak under Valgrind) and the arenas are destroyed.
	 */
	CHECK(kc_heap_init(&h2, NULL) == 0);
	CHECK(h2.cfg.arena_bytes == KC_HEAP_ARENA_DEFAULT);
	for (i = 0; i < 50; i++) {
		p = alloc(&h2, 16 + 40 * i, i % 2 == 0);
		CHECK(p != NULL);
		if (p != NULL)
			memset(p, 0x33, 16 + 40 * i);
	}
	CHECK(kc_heap_span_alloc(&h2, 2) != NULL);
	n_spans++;
	CHECK(h2.live_objects == 50);
	kc_heap_fini(&h2);
	CHECK(h2.arenas == NULL);

	/* The counters heap_test compares with Valgrind's heap summary. */
	printf("objects=%lu\nfrees=%lu\nspans=%lu\n", n_objects, n_frees,
	    n_spans);
	printf("failures=%d\n", failures);
	return (failures == 0 ? 0 : 1);
}

/* One byte past a 40-byte object: inside its slot, outside the block. */
static int
overrun(void)
{
	struct kc_heap h;
	char *p;

	if (kc_heap_init(&h, NULL) != 0 || (p = kc_heap_alloc(&h, 40, true)) == NULL)
		return (1);
	memset(p, 1, 40);
	((volatile char *)p)[40] = 2;
	kc_heap_fini(&h);
	return (0);
}

/* Without AUTO_FREE, releasing a span does not free its objects. */
static int
lost(void)
{
	struct kc_heap_config cfg = { .no_auto_free = true };
	struct kc_heap h;
	int i;

	if (kc_heap_init(&h, &cfg) != 0)
		return (1);
	for (i = 0; i < 3; i++)
		if (kc_heap_alloc(&h, 100, true) == NULL)
			return (1);
	kc_heap_fini(&h);
	return (0);
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		return (correct());
	if (strcmp(argv[1], "overrun") == 0)
		return (overrun());
	if (strcmp(argv[1], "lost") == 0)
		return (lost());
	fprintf(stderr, "usage: h_heap [overrun | lost]\n");
	return (2);
}
