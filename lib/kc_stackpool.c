/* SPDX-License-Identifier: BSD-2-Clause */
/* The stack pool (see kc_stackpool.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kc_heap.h"
#include "kc_stack.h"
#include "kc_stackpool.h"
#include "kc_vg.h"

/* The node of a free stack, in its lowest word. */
struct kc_stack_node {
	struct kc_stack_node	*next;
};

struct kc_stackpool_span {
	const struct kc_span_info	*span;
	struct kc_stackpool_span	*next;
};

int
kc_stackpool_order(size_t size)
{
	int order;

	for (order = 0; order < KC_STACK_ORDERS; order++) {
		if (size <= (size_t)KC_STACK_MIN << order)
			return (order);
	}
	return (-1);
}

int
kc_stackpool_init(struct kc_stackpool *p, struct kc_heap *h,
    const struct kc_stackpool_config *cfg)
{
	memset(p, 0, sizeof(*p));
	p->heap = h;
	if (cfg != NULL)
		p->cfg = *cfg;
	return (0);
}

/* Push the free stack at lo on its order's list: its node becomes a
 * one-word block (unless the no_mark_heads fault is on). */
static void
kc_stackpool_push(struct kc_stackpool *p, unsigned order, unsigned char *lo)
{
	struct kc_stack_node *n = (struct kc_stack_node *)lo;

	if (!p->cfg.no_mark_heads)
		kc_vg_malloclike_block(n, sizeof(*n), 0, 0);
	n->next = p->free[order];
	p->free[order] = n;
}

/* Carve a new span into free stacks of `order`.  Returns 0 or -1/ENOMEM. */
static int
kc_stackpool_refill(struct kc_stackpool *p, unsigned order)
{
	size_t size = (size_t)KC_STACK_MIN << order, i, n;
	const struct kc_span_info *si;
	struct kc_stackpool_span *ps;
	unsigned char *base;

	ps = malloc(sizeof(*ps));
	if (ps == NULL)
		return (-1);
	si = kc_heap_span_alloc(p->heap, KC_STACK_SPAN_PAGES);
	if (si == NULL) {
		free(ps);
		errno = ENOMEM;
		return (-1);
	}
	ps->span = si;
	ps->next = p->spans;
	p->spans = ps;
	base = si->base;
	n = si->bytes / size;
	/* Nothing of a free stack but its node may be touched. */
	kc_vg_make_mem_noaccess(base, si->bytes);
	for (i = n; i > 0; i--)		/* lowest address first out */
		kc_stackpool_push(p, order, base + (i - 1) * size);
	return (0);
}

/* Pop a stack of `order`, as one block of its size (undefined bytes). */
static unsigned char *
kc_stackpool_take(struct kc_stackpool *p, unsigned order)
{
	size_t size = (size_t)KC_STACK_MIN << order;
	struct kc_stack_node *n;

	if (p->free[order] == NULL && kc_stackpool_refill(p, order) == -1)
		return (NULL);
	n = p->free[order];
	p->free[order] = n->next;
	if (!p->cfg.no_mark_heads && !p->cfg.keep_heads)
		kc_vg_freelike_block(n, 0);
	kc_vg_malloclike_block(n, size, 0, 0);
	return ((unsigned char *)n);
}

/* Give the stack memory at lo back to its order's free list. */
static void
kc_stackpool_put(struct kc_stackpool *p, unsigned order, unsigned char *lo)
{
	kc_vg_freelike_block(lo, 0);
	kc_stackpool_push(p, order, lo);
}

struct kc_stack *
kc_stackpool_alloc(struct kc_stackpool *p, size_t size)
{
	struct kc_stack *s;
	int order;

	order = kc_stackpool_order(size);
	if (order < 0) {
		errno = EINVAL;
		return (NULL);
	}
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return (NULL);
	s->lo = kc_stackpool_take(p, (unsigned)order);
	if (s->lo == NULL) {
		free(s);
		return (NULL);
	}
	s->pool = p;
	s->order = (unsigned)order;
	s->size = (size_t)KC_STACK_MIN << order;
	if (!p->cfg.no_register) {
		s->vg_id = kc_vg_stack_register(s->lo, s->lo + s->size - 1);
		s->registered = true;
	}
	p->live++;
	return (s);
}

void
kc_stackpool_free(struct kc_stack *s)
{
	struct kc_stackpool *p = s->pool;

	if (s->registered)
		kc_vg_stack_deregister(s->vg_id);
	kc_stackpool_put(p, s->order, s->lo);
	p->live--;
	free(s);
}

void
kc_stackpool_fini(struct kc_stackpool *p)
{
	struct kc_stackpool_span *ps, *next;

	if (p->sys != NULL) {
		kc_vg_stack_deregister(p->sys_id);
		kc_stackpool_put(p, 0, p->sys);
		p->sys = NULL;
	}
	for (ps = p->spans; ps != NULL; ps = next) {
		next = ps->next;
		(void)kc_heap_span_free(p->heap, ps->span);
		free(ps);
	}
	memset(p->free, 0, sizeof(p->free));
	p->spans = NULL;
}

void *
kc_stackpool_run(struct kc_stack *s, void *(*fn)(void *), void *arg)
{
	struct kc_stackpool *p = s->pool;
	void *r;

	if (!kc_stack_switch_native) {
		errno = ENOSYS;
		return (NULL);
	}
	if (p->running) {
		errno = EBUSY;
		return (NULL);
	}
	/* The stack growth runs on (Go's g0), registered even with no_register:
	 * it is the pool's own, and switching to it must not warn. */
	if (p->sys == NULL) {
		p->sys = kc_stackpool_take(p, 0);
		if (p->sys == NULL)
			return (NULL);
		p->sys_id = kc_vg_stack_register(p->sys, p->sys + KC_STACK_MIN - 1);
	}
	p->running = true;
	r = kc_stack_switch(s->lo + s->size, fn, arg, &p->sys_sp);
	p->running = false;
	return (r);
}

__attribute__((noinline)) size_t
kc_stackpool_avail(const struct kc_stack *s)
{
	uintptr_t fp = (uintptr_t)__builtin_frame_address(0);

	return (fp - (uintptr_t)s->lo);
}

/*
 * Add delta to every word of w[0..n) whose value lies in [lo, lo+len).
 * Under Valgrind, a word with any undefined bit (per GET_VBITS; vbits is
 * NULL natively) is not a pointer and is left alone: comparing it would
 * make memcheck report a decision on undefined padding, and arithmetic on
 * it would spread the undefined bits to the defined bytes of the word.
 */
static void
kc_stackpool_relocate(uintptr_t *w, size_t n, const unsigned char *vbits,
    uintptr_t lo, uintptr_t len, uintptr_t delta)
{
	size_t i, b;

	for (i = 0; i < n; i++) {
		if (vbits != NULL) {
			for (b = 0; b < sizeof(*w); b++)
				if (vbits[i * sizeof(*w) + b] != 0)
					break;
			if (b < sizeof(*w))
				continue;
		}
		if (w[i] - lo < len)
			w[i] += delta;
	}
}

struct kc_grow {
	struct kc_stack	*s;
	size_t		 need;
	int		 err;	/* errno, 0 on success */
};

/*
 * Runs on the pool's system stack, while s is suspended in kc_stack_switch
 * with its sp in s->resume_sp.
 */
static void *
kc_stackpool_grow_sys(void *arg)
{
	struct kc_grow *g = arg;
	struct kc_stack *s = g->s;
	struct kc_stackpool *p = s->pool;
	uintptr_t sp = (uintptr_t)s->resume_sp, olo = (uintptr_t)s->lo;
	uintptr_t ohi = olo + s->size, nhi, delta;
	size_t used = ohi - sp, nsize;
	unsigned char *nlo, *vbits = NULL;
	int order;

	order = kc_stackpool_order(used + g->need);
	if (order <= (int)s->order)
		order = (int)s->order + 1;
	if (order < 0 || order >= KC_STACK_ORDERS) {
		g->err = ENOMEM;
		return (NULL);
	}
	if (kc_vg_running_on_valgrind() != 0) {
		vbits = malloc(used);
		if (vbits == NULL ||
		    kc_vg_get_vbits((const void *)sp, vbits, used) != 1) {
			free(vbits);
			g->err = ENOMEM;
			return (NULL);
		}
	}
	nlo = kc_stackpool_take(p, (unsigned)order);
	if (nlo == NULL) {
		free(vbits);
		g->err = ENOMEM;
		return (NULL);
	}
	nsize = (size_t)KC_STACK_MIN << order;
	nhi = (uintptr_t)nlo + nsize;
	delta = nhi - ohi;
	memcpy((void *)(nhi - used), (const void *)sp, used);
	kc_stackpool_relocate((uintptr_t *)(nhi - used), used / sizeof(uintptr_t),
	    vbits, olo, s->size, delta);
	free(vbits);
	s->resume_sp = (void *)(sp + delta);
	if (s->registered) {
		kc_vg_stack_change(s->vg_id, nlo, nlo + nsize - 1);
	} else {
		s->vg_id = kc_vg_stack_register(nlo, nlo + nsize - 1);
		s->registered = true;
	}
	kc_stackpool_put(p, s->order, s->lo);
	s->lo = nlo;
	s->size = nsize;
	s->order = (unsigned)order;
	s->grows++;
	p->grows++;
	g->err = 0;
	return (s);
}

__attribute__((noinline)) int
kc_stackpool_morestack(struct kc_stack *s, size_t need)
{
	uintptr_t fp = (uintptr_t)__builtin_frame_address(0);
	struct kc_stackpool *p = s->pool;
	struct kc_grow *g;
	int err;

	if (fp - (uintptr_t)s->lo >= need)
		return (0);
	/* Off the stack being moved: the step reads it after the copy. */
	g = malloc(sizeof(*g));
	if (g == NULL)
		return (-1);
	g->s = s;
	g->need = need;
	g->err = 0;
	(void)kc_stack_switch(p->sys + KC_STACK_MIN, kc_stackpool_grow_sys, g,
	    &s->resume_sp);
	/* Now on the copy (or still on s if the step failed). */
	err = g->err;
	free(g);
	if (err != 0) {
		errno = err;
		return (-1);
	}
	return (1);
}
