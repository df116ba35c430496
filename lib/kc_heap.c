/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The harness allocator (see kc_heap.h): arenas of pages, spans of pages,
 * size-class objects, annotated for Valgrind as Go's runtime does.  All
 * metadata lives in malloc'd memory outside the arenas.
 */
#include <sys/mman.h>

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kc_heap.h"
#include "kc_vg.h"

/* Object sizes of the small classes; larger objects get their own span. */
static const size_t kc_heap_classes[] = {
	16, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, KC_HEAP_MAX_SMALL,
};
#define KC_HEAP_NCLASSES	(sizeof(kc_heap_classes) / sizeof(kc_heap_classes[0]))
#define KC_SPAN_RAW		(-1)	/* kc_heap_span_alloc */
#define KC_SPAN_LARGE		(-2)	/* one object of more than MAX_SMALL */

struct kc_span {
	struct kc_span_info	 info;		/* first: users see this */
	struct kc_span		*next;		/* in the arena's list */
	struct kc_arena		*arena;
	size_t			 first_page;
	size_t			 npages;
	int			 cls;		/* class index, RAW or LARGE */
	size_t			 slot;		/* bytes per slot */
	unsigned		 nslots;
	unsigned		 nlive;
	size_t			*req;		/* requested size per slot; 0: free */
};

struct kc_arena {
	struct kc_arena		*next;
	char			*base;		/* the metapool anchor */
	size_t			 bytes;
	size_t			 npages;
	unsigned char		*used;		/* per page: 1 when in a span */
	struct kc_span		*spans;
};

#define ANN(h)	(!(h)->cfg.no_annotate)

int
kc_heap_init(struct kc_heap *h, const struct kc_heap_config *cfg)
{
	memset(h, 0, sizeof(*h));
	if (cfg != NULL)
		h->cfg = *cfg;
	if (h->cfg.arena_bytes == 0)
		h->cfg.arena_bytes = KC_HEAP_ARENA_DEFAULT;
	h->cfg.arena_bytes = (h->cfg.arena_bytes + KC_HEAP_PAGE - 1) /
	    KC_HEAP_PAGE * KC_HEAP_PAGE;
	return (0);
}

/* A new arena able to hold at least npages pages. */
static struct kc_arena *
kc_arena_new(struct kc_heap *h, size_t npages)
{
	struct kc_arena *a;
	size_t bytes = h->cfg.arena_bytes;
	unsigned flags;

	if (npages * KC_HEAP_PAGE > bytes)
		bytes = npages * KC_HEAP_PAGE;
	a = calloc(1, sizeof(*a));
	if (a == NULL)
		return (NULL);
	a->bytes = bytes;
	a->npages = bytes / KC_HEAP_PAGE;
	a->used = calloc(a->npages, 1);
	a->base = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (a->used == NULL || a->base == MAP_FAILED) {
		if (a->base != MAP_FAILED && a->base != NULL)
			munmap(a->base, bytes);
		free(a->used);
		free(a);
		errno = ENOMEM;
		return (NULL);
	}
	if (ANN(h)) {
		/* arena = metapool (objects live inside its chunks), zeroed */
		flags = KC_VG_MEMPOOL_METAPOOL;
		if (!h->cfg.no_auto_free)
			flags |= KC_VG_MEMPOOL_AUTO_FREE;
		kc_vg_create_mempool_ext(a->base, 0, 1, flags);
		kc_vg_make_mem_noaccess(a->base, bytes);
	}
	a->next = h->arenas;
	h->arenas = a;
	h->arenas_created++;
	return (a);
}

/* First fit of npages free pages in a; index or (size_t)-1. */
static size_t
kc_arena_fit(const struct kc_arena *a, size_t npages)
{
	size_t i, run = 0;

	for (i = 0; i < a->npages; i++) {
		run = a->used[i] ? 0 : run + 1;
		if (run == npages)
			return (i + 1 - npages);
	}
	return ((size_t)-1);
}

static struct kc_span *
kc_span_new(struct kc_heap *h, size_t npages, int cls)
{
	struct kc_arena *a;
	struct kc_span *s;
	size_t first = (size_t)-1;

	for (a = h->arenas; a != NULL; a = a->next) {
		first = kc_arena_fit(a, npages);
		if (first != (size_t)-1)
			break;
	}
	if (a == NULL) {
		a = kc_arena_new(h, npages);
		if (a == NULL)
			return (NULL);
		first = 0;
	}
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return (NULL);
	s->arena = a;
	s->first_page = first;
	s->npages = npages;
	s->cls = cls;
	s->info.base = a->base + first * KC_HEAP_PAGE;
	s->info.bytes = npages * KC_HEAP_PAGE;
	s->info.arena = a->base;
	if (cls >= 0) {
		s->slot = kc_heap_classes[cls];
		s->nslots = (unsigned)(s->info.bytes / s->slot);
	} else if (cls == KC_SPAN_LARGE) {
		s->slot = s->info.bytes;
		s->nslots = 1;
	}
	if (s->nslots > 0) {
		s->req = calloc(s->nslots, sizeof(*s->req));
		if (s->req == NULL) {
			free(s);
			return (NULL);
		}
	}
	memset(a->used + first, 1, npages);
	s->next = a->spans;
	a->spans = s;
	h->live_spans++;
	if (ANN(h)) {
		/* span = a chunk of the arena's metapool (defined: is_zeroed) */
		kc_vg_mempool_alloc(a->base, s->info.base, s->info.bytes);
		/* object spans keep their free slots inaccessible */
		if (cls != KC_SPAN_RAW)
			kc_vg_make_mem_noaccess(s->info.base, s->info.bytes);
	}
	return (s);
}

/*
 * Release a span: MEMPOOL_FREE makes it NOACCESS and, in an AUTO_FREE pool,
 * frees the objects still in it.  The pages are zeroed for reuse (natively
 * too) by madvise(MADV_DONTNEED), which touches no byte from user space.
 */
static void
kc_span_release(struct kc_heap *h, struct kc_span *s)
{
	struct kc_arena *a = s->arena;
	struct kc_span **pp;

	for (pp = &a->spans; *pp != s; pp = &(*pp)->next)
		;
	*pp = s->next;
	if (ANN(h))
		kc_vg_mempool_free(a->base, s->info.base);
	(void)madvise(s->info.base, s->info.bytes, MADV_DONTNEED);
	memset(a->used + s->first_page, 0, s->npages);
	h->live_objects -= s->nlive;
	h->live_spans--;
	free(s->req);
	free(s);
}

void
kc_heap_fini(struct kc_heap *h)
{
	struct kc_arena *a, *an;

	for (a = h->arenas; a != NULL; a = an) {
		an = a->next;
		while (a->spans != NULL)
			kc_span_release(h, a->spans);
		if (ANN(h))
			kc_vg_destroy_mempool(a->base);
		munmap(a->base, a->bytes);
		free(a->used);
		free(a);
	}
	h->arenas = NULL;
}

static int
kc_heap_class(size_t size)
{
	unsigned c;

	for (c = 0; c < KC_HEAP_NCLASSES; c++)
		if (size <= kc_heap_classes[c])
			return ((int)c);
	return (KC_SPAN_LARGE);
}

/* The largest request (a variable: on 32-bit size_t never exceeds it). */
static const uint64_t kc_heap_max = (uint64_t)1 << 40;

void *
kc_heap_alloc(struct kc_heap *h, size_t size, bool zeroed)
{
	struct kc_arena *a;
	struct kc_span *s = NULL;
	int cls;
	unsigned i;
	char *p;

	if (size == 0 || (uint64_t)size > kc_heap_max) {
		errno = EINVAL;
		return (NULL);
	}
	cls = kc_heap_class(size);
	if (cls >= 0) {
		for (a = h->arenas; a != NULL && s == NULL; a = a->next)
			for (s = a->spans; s != NULL; s = s->next)
				if (s->cls == cls && s->nlive < s->nslots)
					break;
		if (s == NULL)
			s = kc_span_new(h, 1, cls);
	} else {
		s = kc_span_new(h, (size + KC_HEAP_PAGE - 1) / KC_HEAP_PAGE, cls);
	}
	if (s == NULL) {
		errno = ENOMEM;
		return (NULL);
	}
	for (i = 0; s->req[i] != 0; i++)
		;
	s->req[i] = size;
	s->nlive++;
	h->live_objects++;
	p = (char *)s->info.base + (size_t)i * s->slot;
	/* object = malloc-like block inside the span's chunk */
	if (ANN(h))
		kc_vg_malloclike_block(p, size, 0, zeroed);
	if (zeroed)
		memset(p, 0, size);
	return (p);
}

/* The span holding p and p's slot; NULL if p is not a live object. */
static struct kc_span *
kc_heap_lookup(const struct kc_heap *h, const void *p, unsigned *slot)
{
	const struct kc_arena *a;
	struct kc_span *s;
	uintptr_t u = (uintptr_t)p, b;

	for (a = h->arenas; a != NULL; a = a->next) {
		for (s = a->spans; s != NULL; s = s->next) {
			b = (uintptr_t)s->info.base;
			if (s->nslots == 0 || u < b || u >= b + s->info.bytes)
				continue;
			if ((u - b) % s->slot != 0 ||
			    (u - b) / s->slot >= s->nslots ||
			    s->req[(u - b) / s->slot] == 0)
				return (NULL);
			*slot = (unsigned)((u - b) / s->slot);
			return (s);
		}
	}
	return (NULL);
}

static void
kc_heap_free_slot(struct kc_heap *h, struct kc_span *s, unsigned i)
{
	/* sweep = free-like */
	if (ANN(h))
		kc_vg_freelike_block((char *)s->info.base + (size_t)i * s->slot, 0);
	s->req[i] = 0;
	s->nlive--;
	h->live_objects--;
}

int
kc_heap_free(struct kc_heap *h, void *p)
{
	struct kc_span *s;
	unsigned i;

	s = kc_heap_lookup(h, p, &i);
	if (s == NULL) {
		errno = EINVAL;
		return (-1);
	}
	kc_heap_free_slot(h, s, i);
	if (s->cls == KC_SPAN_LARGE)
		kc_span_release(h, s);
	return (0);
}

unsigned long
kc_heap_sweep(struct kc_heap *h, bool (*keep)(void *p, void *arg), void *arg)
{
	struct kc_arena *a;
	struct kc_span *s, *sn;
	unsigned long freed = 0;
	unsigned i;

	for (a = h->arenas; a != NULL; a = a->next) {
		for (s = a->spans; s != NULL; s = sn) {
			sn = s->next;
			if (s->cls == KC_SPAN_RAW)
				continue;
			for (i = 0; i < s->nslots; i++) {
				void *p = (char *)s->info.base + (size_t)i * s->slot;

				if (s->req[i] != 0 && !keep(p, arg)) {
					kc_heap_free_slot(h, s, i);
					freed++;
				}
			}
			if (s->nlive == 0)
				kc_span_release(h, s);
		}
	}
	return (freed);
}

size_t
kc_heap_size(const struct kc_heap *h, const void *p)
{
	struct kc_span *s;
	unsigned i;

	s = kc_heap_lookup(h, p, &i);
	return (s != NULL ? s->req[i] : 0);
}

const struct kc_span_info *
kc_heap_span_alloc(struct kc_heap *h, size_t npages)
{
	struct kc_span *s;

	if (npages == 0) {
		errno = EINVAL;
		return (NULL);
	}
	s = kc_span_new(h, npages, KC_SPAN_RAW);
	if (s == NULL)
		errno = ENOMEM;
	return (s != NULL ? &s->info : NULL);
}

int
kc_heap_span_free(struct kc_heap *h, const struct kc_span_info *info)
{
	struct kc_arena *a;
	struct kc_span *s;

	for (a = h->arenas; a != NULL; a = a->next)
		for (s = a->spans; s != NULL; s = s->next)
			if (&s->info == info && s->cls == KC_SPAN_RAW) {
				kc_span_release(h, s);
				return (0);
			}
	errno = EINVAL;
	return (-1);
}
