/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The harness allocator: a small real allocator built like Go's runtime heap
 * and annotated for Valgrind the way Go's runtime is (golang/go#73602):
 *
 *   arena   an mmap'd region of pages: CREATE_MEMPOOL_EXT(base, 0,
 *           is_zeroed = 1, METAPOOL | AUTO_FREE) and MAKE_MEM_NOACCESS;
 *   span    npages contiguous pages of an arena: MEMPOOL_ALLOC(arena, base,
 *           npages * KC_HEAP_PAGE); a span holds objects of one size class
 *           (or one large object), or is handed out raw (kc_heap_span_alloc);
 *   object  a slot of a span: MALLOCLIKE(p, size, 0, is_zeroed);
 *   sweep   freeing an object: FREELIKE(p, 0);
 *   release an empty span goes back to its arena: MEMPOOL_FREE(arena, base).
 *
 * Free slots of a class span are kept NOACCESS, so an access between
 * objects is reported.  All bookkeeping lives outside the arenas (plain
 * malloc), so the allocator never touches memory it has marked NOACCESS.
 * Works natively (the requests are no-ops).  Not thread-safe.  Requests go
 * through kc_vg.h, so they use the current kc_vg encoding.  No ATF calls:
 * these run in subject programs; failures return NULL / -1 with errno.
 */
#ifndef LIB_KC_HEAP_H
#define LIB_KC_HEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KC_HEAP_PAGE		8192		/* bytes per page */
#define KC_HEAP_ARENA_DEFAULT	(1u << 20)	/* bytes per arena */
#define KC_HEAP_MAX_SMALL	2048		/* largest size-class object */

struct kc_heap_config {
	size_t		arena_bytes;	/* 0: KC_HEAP_ARENA_DEFAULT (rounded to pages) */
	bool		no_auto_free;	/* metapool without AUTO_FREE (experiments) */
	bool		no_annotate;	/* issue no client request at all */
};

struct kc_span;
struct kc_arena;

struct kc_heap {
	struct kc_heap_config	 cfg;
	struct kc_arena		*arenas;	/* list */
	unsigned long		 live_objects;
	unsigned long		 live_spans;
	unsigned long		 arenas_created;
};

/* A span as seen by users of kc_heap_span_alloc (read-only fields). */
struct kc_span_info {
	void		*base;		/* system-page aligned (mmap) */
	size_t		 bytes;		/* npages * KC_HEAP_PAGE */
	void		*arena;		/* the arena base: the metapool anchor */
};

/* Set up an empty heap (no arena yet); cfg may be NULL.  Returns 0 or -1. */
int  kc_heap_init(struct kc_heap *h, const struct kc_heap_config *cfg);

/*
 * Release every span (MEMPOOL_FREE, which auto-frees objects left in it),
 * then DESTROY_MEMPOOL and unmap every arena.
 */
void kc_heap_fini(struct kc_heap *h);

/*
 * An object of `size` bytes (1..any; above KC_HEAP_MAX_SMALL it gets its own
 * span).  zeroed: its bytes are 0 and defined (is_zeroed = 1); otherwise
 * they are undefined under Valgrind (is_zeroed = 0).  NULL/ENOMEM or EINVAL.
 */
void *kc_heap_alloc(struct kc_heap *h, size_t size, bool zeroed);

/* Free one object (FREELIKE); a large object's span is released too.
 * Returns 0, or -1/EINVAL if p is not a live object of h. */
int  kc_heap_free(struct kc_heap *h, void *p);

/*
 * Sweep: free every live object for which keep(p, arg) returns false, then
 * release spans left empty.  Returns the number of objects freed.
 */
unsigned long kc_heap_sweep(struct kc_heap *h, bool (*keep)(void *p, void *arg),
    void *arg);

/* The usable size of live object p (its requested size); 0 if unknown. */
size_t kc_heap_size(const struct kc_heap *h, const void *p);

/*
 * A raw span of npages pages (for a stack pool, say): MEMPOOL_ALLOC'd in an
 * arena, so its bytes are addressable and defined (the pool is is_zeroed);
 * the caller annotates what it carves from it.  NULL/ENOMEM on failure.
 * kc_heap_span_free releases it (MEMPOOL_FREE: NOACCESS again, and any
 * MALLOCLIKE block inside is auto-freed).
 */
const struct kc_span_info *kc_heap_span_alloc(struct kc_heap *h, size_t npages);
int  kc_heap_span_free(struct kc_heap *h, const struct kc_span_info *s);

#endif /* LIB_KC_HEAP_H */
