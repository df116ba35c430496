/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Subject of pool_test: memory pools (CREATE_MEMPOOL[_EXT], MEMPOOL_ALLOC/
 * FREE/TRIM/CHANGE/EXISTS, MOVE_MEMPOOL, DESTROY_MEMPOOL), directly on mmap'd
 * superblocks and through the harness allocator (lib/kc_heap: metapool
 * arenas).  See vg_subject.h for the protocol.
 */
#include <sys/mman.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kc_heap.h"
#include "kc_vg.h"
#include "vg_subject.h"

static char *
superblock(size_t len)
{
	char *r = mmap(NULL, len, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (r == MAP_FAILED) {
		perror("mmap");
		exit(3);
	}
	return (r);
}

static struct kc_vg_leaks base_bytes, base_blocks;

/* Baseline for leak_check(): leaks of earlier scenarios are not counted. */
static void
leak_baseline(void)
{
	kc_vg_do_leak_check(KC_VG_LEAK_QUICK);
	kc_vg_count_leaks(&base_bytes);
	kc_vg_count_leak_blocks(&base_blocks);
}

/*
 * Full leak check; print the definitely+indirectly lost bytes and blocks
 * added since leak_baseline().  The client message ends the leak group.
 */
static void
leak_check(const char *sc)
{
	struct kc_vg_leaks bytes, blocks;

	kc_vg_do_leak_check(KC_VG_LEAK_FULL);
	kc_vg_printf("kc-leak-check-done\n");
	kc_vg_count_leaks(&bytes);
	kc_vg_count_leak_blocks(&blocks);
	vg_put(sc, "leaked_bytes", bytes.leaked - base_bytes.leaked);
	vg_put(sc, "leaked_blocks", blocks.leaked - base_blocks.leaked);
}

/* A pool chunk has NOACCESS redzones and is NOACCESS after MEMPOOL_FREE. */
static __attribute__((noinline)) void
sc_basic(const char *sc)
{
	char *sb = superblock(4096), *p = sb + 64;
	volatile char *v = p;

	kc_vg_make_mem_noaccess(sb, 4096);
	kc_vg_create_mempool(sb, 8, 0);
	vg_put(sc, "exists", kc_vg_mempool_exists(sb));
	kc_vg_mempool_alloc(sb, p, 32);
	v[0] = 1;				/* inside: clean */
	v[-1] = 1;				/* redzone */
	kc_vg_mempool_free(sb, p);
	VG_USE(v[0]);				/* after free */
	kc_vg_destroy_mempool(sb);
	vg_put(sc, "exists_after_destroy", kc_vg_mempool_exists(sb));
	munmap(sb, 4096);
}

/* Requests naming a pool that was never created. */
static __attribute__((noinline)) void
sc_unknown(const char *sc)
{
	char *sb = superblock(4096);

	kc_vg_mempool_alloc(sb + 8, sb + 64, 16);
	kc_vg_destroy_mempool(sb + 8);
	vg_put(sc, "exists", kc_vg_mempool_exists(sb + 8));
	munmap(sb, 4096);
}

/* Objects left in harness spans: the pointers are dropped on return. */
static __attribute__((noinline)) void
heap_leave_objects(struct kc_heap *h, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (kc_heap_alloc(h, 24, true) == NULL)
			exit(4);
}

/* Harness heap (METAPOOL|AUTO_FREE): releasing spans frees their objects. */
static __attribute__((noinline)) void
sc_meta_autofree(const char *sc)
{
	struct kc_heap h;

	leak_baseline();
	kc_heap_init(&h, NULL);
	heap_leave_objects(&h, 5);
	kc_heap_fini(&h);
	leak_check(sc);
}

/* Harness heap with METAPOOL only: objects in released spans stay allocated. */
static __attribute__((noinline)) void
sc_meta_noautofree(const char *sc)
{
	struct kc_heap_config cfg = { .no_auto_free = true };
	struct kc_heap h;

	leak_baseline();
	kc_heap_init(&h, &cfg);
	heap_leave_objects(&h, 3);
	kc_heap_fini(&h);
	leak_check(sc);
}

/* DESTROY_MEMPOOL of an AUTO_FREE metapool does not free the objects in it. */
static __attribute__((noinline)) void
sc_destroy_no_autofree(const char *sc)
{
	char *sb = superblock(4096);

	leak_baseline();
	kc_vg_create_mempool_ext(sb, 0, 1,
	    KC_VG_MEMPOOL_METAPOOL | KC_VG_MEMPOOL_AUTO_FREE);
	kc_vg_mempool_alloc(sb, sb, 4096);
	kc_vg_malloclike_block(sb + 64, 16, 0, 1);
	kc_vg_malloclike_block(sb + 128, 16, 0, 1);
	/*
	 * Valgrind also scans the registers, and the request code leaves its
	 * block address in a caller-saved one (aarch64: x11, found with
	 * "who_points_at"), which kept sb + 128 reachable; a block freed at
	 * once takes that register over (a freed block is no leak).
	 */
	kc_vg_malloclike_block(sb + 256, 16, 0, 1);
	kc_vg_freelike_block(sb + 256, 0);
	kc_vg_destroy_mempool(sb);
	leak_check(sc);
}

/* TRIM keeps a chunk inside the range and frees those wholly outside it. */
static __attribute__((noinline)) void
sc_trim(const char *sc)
{
	char *sb = superblock(4096);
	volatile char *v = sb;

	kc_vg_make_mem_noaccess(sb, 4096);
	kc_vg_create_mempool(sb, 0, 1);
	kc_vg_mempool_alloc(sb, sb, 64);		/* before the range */
	kc_vg_mempool_alloc(sb, sb + 128, 64);		/* inside */
	kc_vg_mempool_alloc(sb, sb + 1024, 64);		/* after */
	kc_vg_mempool_trim(sb, sb + 100, 400);
	VG_USE(v[8]);					/* freed */
	VG_USE(v[128 + 8]);				/* kept: clean */
	VG_USE(v[1024 + 8]);				/* freed */
	kc_vg_destroy_mempool(sb);
	(void)sc;
}

/* MEMPOOL_CHANGE moves a chunk: the old address is no longer a chunk. */
static __attribute__((noinline)) void
sc_change(const char *sc)
{
	char *sb = superblock(4096);

	kc_vg_create_mempool(sb, 0, 1);
	kc_vg_mempool_alloc(sb, sb + 64, 32);
	kc_vg_mempool_change(sb, sb + 64, sb + 256, 32);
	kc_vg_mempool_free(sb, sb + 64);		/* InvalidFree */
	kc_vg_mempool_free(sb, sb + 256);		/* clean */
	kc_vg_destroy_mempool(sb);
	(void)sc;
}

/* MOVE_MEMPOOL re-anchors a pool. */
static __attribute__((noinline)) void
sc_move(const char *sc)
{
	char *sb = superblock(4096);

	kc_vg_create_mempool(sb, 0, 1);
	kc_vg_move_mempool(sb, sb + 512);
	vg_put(sc, "exists_old", kc_vg_mempool_exists(sb));
	vg_put(sc, "exists_new", kc_vg_mempool_exists(sb + 512));
	kc_vg_destroy_mempool(sb + 512);
}

/* MALLOCLIKE inside a chunk of a plain (non-meta) pool: the leak check aborts. */
static __attribute__((noinline)) void
sc_overlap_abort(const char *sc)
{
	char *sb = superblock(4096);

	kc_vg_create_mempool(sb, 0, 1);
	kc_vg_mempool_alloc(sb, sb, 1024);
	kc_vg_malloclike_block(sb + 64, 16, 0, 1);
	kc_vg_do_leak_check(KC_VG_LEAK_FULL);
	vg_put(sc, "survived", 1);
}

/* AUTO_FREE without METAPOOL: Valgrind aborts at creation. */
static __attribute__((noinline)) void
sc_autofree_nometa_abort(const char *sc)
{
	char *sb = superblock(4096);

	kc_vg_create_mempool_ext(sb, 0, 1, KC_VG_MEMPOOL_AUTO_FREE);
	vg_put(sc, "survived", 1);
}

/*
 * A chunk of 2^32 + 16 bytes: byte 64 is inside it.  Bug 323464 records it
 * as 16 bytes, which makes byte 64 NOACCESS.
 */
static __attribute__((noinline)) void
sc_size_32bit(const char *sc)
{
#if SIZE_MAX > UINT32_MAX
	size_t len = ((size_t)1 << 32) + 4096;
	char *sb = superblock(len);
	volatile char *v = sb;

	kc_vg_create_mempool(sb, 0, 1);
	kc_vg_make_mem_noaccess(sb, 4096);
	kc_vg_mempool_alloc(sb, sb, ((size_t)1 << 32) + 16);
	v[64] = 1;
	kc_vg_make_mem_noaccess(sb, 4096);	/* keep the real extent small */
	kc_vg_destroy_mempool(sb);
	(void)sc;
#else
	vg_puts(sc, "absent", "a 32-bit size_t cannot hold a 2^32 + 16 byte chunk");
#endif
}

/*
 * TRIM(a + 50, 1000) of a chunk [a, a + 100): the chunk becomes
 * [a + 50, a + 100), so byte a + 100 is "0 bytes after a block of size 50".
 */
static __attribute__((noinline)) void
sc_trim_straddle(const char *sc)
{
	char *sb = superblock(4096);
	volatile char *v = sb;

	kc_vg_make_mem_noaccess(sb, 4096);
	kc_vg_create_mempool(sb, 0, 1);
	kc_vg_mempool_alloc(sb, sb + 1000, 100);
	kc_vg_mempool_trim(sb, sb + 1050, 1000);
	VG_USE(v[1100]);
	kc_vg_destroy_mempool(sb);
	(void)sc;
}

const struct vg_scenario vg_scenarios[] = {
	{ "basic", sc_basic },
	{ "unknown", sc_unknown },
	{ "meta_autofree", sc_meta_autofree },
	{ "meta_noautofree", sc_meta_noautofree },
	{ "destroy_no_autofree", sc_destroy_no_autofree },
	{ "trim", sc_trim },
	{ "change", sc_change },
	{ "move", sc_move },
	{ "overlap_abort", sc_overlap_abort },
	{ "autofree_nometa_abort", sc_autofree_nometa_abort },
	{ "size_32bit", sc_size_32bit },
	{ "trim_straddle", sc_trim_straddle },
	{ NULL, NULL },
};
