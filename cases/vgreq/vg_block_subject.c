/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Subject of block_test: MALLOCLIKE / FREELIKE / RESIZEINPLACE blocks carved
 * from an mmap'd region (never from malloc, except where a scenario wants a
 * malloc'd block).  See vg_subject.h for the protocol.
 */
#include <sys/mman.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kc_vg.h"
#include "vg_subject.h"

#define RZ	8	/* redzone of every block */

/* A fresh region of one page; the caller carves blocks from it. */
static char *
region(void)
{
	char *r = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (r == MAP_FAILED) {
		perror("mmap");
		exit(3);
	}
	return (r);
}

static __attribute__((noinline)) char *
blk_alloc(char *r, size_t off, size_t size)
{
	kc_vg_malloclike_block(r + off, size, RZ, 1);
	return (r + off);
}

static __attribute__((noinline)) void
blk_free(char *p)
{
	kc_vg_freelike_block(p, RZ);
}

/* One byte before the block: a redzone hit naming the allocation site. */
static __attribute__((noinline)) void
sc_rz_before(const char *sc)
{
	char *r = region(), *p = r + 64;
	volatile char *v;

	kc_vg_malloclike_block(p, 40, RZ, 1);
	v = p;
	v[-1] = 1;
	kc_vg_freelike_block(p, RZ);
	(void)sc;
}

/* The byte just past the block. */
static __attribute__((noinline)) void
sc_rz_after(const char *sc)
{
	char *r = region(), *p = r + 64;
	volatile char *v;

	kc_vg_malloclike_block(p, 40, RZ, 1);
	v = p;
	v[40] = 1;
	kc_vg_freelike_block(p, RZ);
	(void)sc;
}

/* is_zeroed = 0: a branch on the contents depends on undefined bytes. */
static __attribute__((noinline)) void
sc_undef_nozero(const char *sc)
{
	char *r = region(), *p = r + 64;
	volatile char *v = p;

	kc_vg_malloclike_block(p, 16, RZ, 0);
	if (v[3] == 7)
		vg_put(sc, "seven", 1);
	kc_vg_freelike_block(p, RZ);
}

/* is_zeroed = 1: the same branch is clean. */
static __attribute__((noinline)) void
sc_undef_zeroed(const char *sc)
{
	char *r = region(), *p = r + 64;
	volatile char *v = p;

	kc_vg_malloclike_block(p, 16, RZ, 1);
	if (v[3] == 7)
		vg_put(sc, "seven", 1);
	kc_vg_freelike_block(p, RZ);
}

/* A read after FREELIKE: described with the free and the alloc stacks. */
static __attribute__((noinline)) void
sc_use_after_free(const char *sc)
{
	char *p = blk_alloc(region(), 64, 40);
	volatile char *v = p;

	blk_free(p);
	VG_USE(v[4]);
	(void)sc;
}

/* Freeing a block twice. */
static __attribute__((noinline)) void
sc_double_free(const char *sc)
{
	char *p = blk_alloc(region(), 64, 40);

	blk_free(p);
	blk_free(p);
	(void)sc;
}

/* FREELIKE of a block that came from malloc. */
static __attribute__((noinline)) void
sc_free_malloced(const char *sc)
{
	static char *keep;

	keep = calloc(1, 24);
	kc_vg_freelike_block(keep, 0);
	(void)sc;
}

/* NULL addresses are ignored. */
static __attribute__((noinline)) void
sc_null(const char *sc)
{
	kc_vg_malloclike_block(NULL, 8, RZ, 0);
	kc_vg_freelike_block(NULL, RZ);
	kc_vg_resizeinplace_block(NULL, 8, 16, RZ);
	(void)sc;
}

/*
 * Three blocks of 40 bytes whose only pointers are dropped: a leak check
 * reports exactly 120 bytes in 3 blocks definitely lost.  Valgrind also
 * scans the registers, and the request code leaves its block address in a
 * caller-saved one (aarch64: x11, found with "who_points_at"), so the last
 * block would stay reachable; one more block, freed at once, takes that
 * register over (a freed block is no leak).
 */
static __attribute__((noinline)) void
leak_three(void)
{
	char *r = region();
	size_t off;

	for (off = 256; off <= 768; off += 256)	/* one call site: one record */
		(void)blk_alloc(r, off, 40);
	blk_free(blk_alloc(r, 0, 8));
}

static __attribute__((noinline)) void
sc_leak(const char *sc)
{
	struct kc_vg_leaks bytes, blocks;

	leak_three();
	kc_vg_do_leak_check(KC_VG_LEAK_FULL);
	kc_vg_printf("kc-leak-check-done\n");	/* ends this leak group */
	kc_vg_count_leaks(&bytes);
	kc_vg_count_leak_blocks(&blocks);
	vg_put(sc, "leaked_bytes", bytes.leaked);
	vg_put(sc, "leaked_blocks", blocks.leaked);
}

/* Shrink then grow in place; a wrong old size is an invalid free. */
static __attribute__((noinline)) void
sc_resize(const char *sc)
{
	char *p = blk_alloc(region(), 64, 40);
	volatile char *v = p;

	kc_vg_resizeinplace_block(p, 40, 20, RZ);
	VG_USE(v[25]);				/* 5 bytes after size 20 */
	kc_vg_resizeinplace_block(p, 20, 60, RZ);
	if (v[50] == 7)				/* grown bytes: undefined */
		vg_put(sc, "seven", 1);
	v[59] = 1;				/* last byte: addressable */
	kc_vg_resizeinplace_block(p, 33, 10, RZ);	/* wrong old size */
	blk_free(p);
}

const struct vg_scenario vg_scenarios[] = {
	{ "rz_before", sc_rz_before },
	{ "rz_after", sc_rz_after },
	{ "undef_nozero", sc_undef_nozero },
	{ "undef_zeroed", sc_undef_zeroed },
	{ "use_after_free", sc_use_after_free },
	{ "double_free", sc_double_free },
	{ "free_malloced", sc_free_malloced },
	{ "null", sc_null },
	{ "leak", sc_leak },
	{ "resize", sc_resize },
	{ NULL, NULL },
};
