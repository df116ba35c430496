/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Memory pools under memcheck, in both encodings: CREATE_MEMPOOL[_EXT],
 * MEMPOOL_ALLOC/FREE/TRIM/CHANGE/EXISTS, MOVE_MEMPOOL, DESTROY_MEMPOOL, and
 * the metapool arenas of the harness allocator (FACTS-valgrind.md §1.3, §7).
 */
#include <string.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_known.h"
#include "kc_vgrun.h"
#include "vg_case.h"

#define SUBJ	"vg_pool_subject"
#define SRC	"vg_pool_subject.c"

/*
 * The scenarios of the cases below that run without extra options and are
 * no known Valgrind bug, in one launch per encoding shared by all of them
 * (vg_run_shared).
 */
static const char *const all[] = { "basic", "unknown", "trim", "change",
	"move", NULL };
#define LEAKS	{ .opts = { "--leak-check=full", NULL } }

/*
 * A chunk's redzone is NOACCESS ("1 bytes before a block of size 32
 * client-defined"), the chunk is free'd after MEMPOOL_FREE, and EXISTS is 1
 * after CREATE and 0 after DESTROY.
 */
KC_CASE(mempool__alloc_free_exists, "MEMPOOL_ALLOC redzones, MEMPOOL_FREE, EXISTS across "
    "CREATE/DESTROY")
{
	static const char *const sc[] = { "basic", NULL };
	const struct kc_vg_error *e;
	struct vg_pair p;

	vg_run_shared(tc, SUBJ, SRC, NULL, all, sc, KC_VGRUN_ERREXIT, &p);
	KC_CHECK_EQ(1, vg_value(&p.r[0], "basic", "exists"));
	KC_CHECK_EQ(0, vg_value(&p.r[0], "basic", "exists_after_destroy"));
	e = vg_require(VG_REPORT(&p), "basic", "InvalidWrite",
	    "1 bytes before a block of size 32 client-defined");
	vg_require_frame(e, 0, SRC, "sc_basic");
	e = vg_require(VG_REPORT(&p), "basic", "InvalidRead",
	    "0 bytes inside a block of size 32 free'd");
	vg_require_frame(e, 1, SRC, "sc_basic");
	KC_CHECK_EQ(2, vg_count(VG_REPORT(&p), "basic", NULL, NULL));
	vg_pair_free(&p);
}

/* ALLOC and DESTROY naming a pool that does not exist are InvalidMemPool. */
KC_CASE(mempool__unknown_pool_invalid, "MEMPOOL_ALLOC/DESTROY of an unknown pool: "
    "InvalidMemPool \"Illegal memory pool address\"")
{
	static const char *const sc[] = { "unknown", NULL };
	struct vg_pair p;

	vg_run_shared(tc, SUBJ, SRC, NULL, all, sc, KC_VGRUN_ERREXIT, &p);
	KC_CHECK_EQ(2, vg_count(VG_REPORT(&p), "unknown", "InvalidMemPool",
	    "Illegal memory pool address"));
	KC_CHECK_EQ(2, vg_count(VG_REPORT(&p), "unknown", NULL, NULL));
	KC_CHECK_EQ(0, vg_value(&p.r[0], "unknown", "exists"));
	vg_pair_free(&p);
}

/*
 * Harness heap arenas are METAPOOL|AUTO_FREE: releasing a span
 * (MEMPOOL_FREE) frees the objects left in it, so nothing leaks.  Without
 * AUTO_FREE the same objects are definitely lost (72 bytes in 3 blocks).
 */
KC_CASE(metapool__auto_free_on_span_release, "Harness heap: span release auto-frees its "
    "objects with AUTO_FREE, leaks them without")
{
	static const char *const sc[] = { "meta_autofree", "meta_noautofree", NULL };
	static const struct kc_vgrun_opts o = LEAKS;
	unsigned long bytes, blocks;
	struct vg_pair p;

	vg_run_pair(tc, SUBJ, SRC " kc_heap.c", &o, sc, KC_VGRUN_ERREXIT, &p);
	KC_CHECK_EQ(0, vg_count(VG_REPORT(&p), "meta_autofree", NULL, "definitely"));
	KC_CHECK_EQ(0, vg_value(&p.r[0], "meta_autofree", "leaked_bytes"));
	vg_leak_sum(VG_REPORT(&p), "meta_noautofree", "Leak_DefinitelyLost",
	    "heap_leave_objects", &bytes, &blocks);
	KC_CHECK_EQ(72, bytes);
	KC_CHECK_EQ(3, blocks);
	KC_CHECK_EQ(72, vg_value(&p.r[0], "meta_noautofree", "leaked_bytes"));
	KC_CHECK_EQ(3, vg_value(&p.r[0], "meta_noautofree", "leaked_blocks"));
	vg_pair_free(&p);
}

/* DESTROY_MEMPOOL does not auto-free the MALLOCLIKE objects in its chunks. */
KC_CASE(metapool__destroy_does_not_auto_free, "DESTROY_MEMPOOL of an AUTO_FREE metapool "
    "leaves its objects allocated (32 bytes in 2 blocks lost)")
{
	static const char *const sc[] = { "destroy_no_autofree", NULL };
	static const struct kc_vgrun_opts o = LEAKS;
	unsigned long bytes, blocks;
	struct vg_pair p;

	vg_run_pair(tc, SUBJ, SRC, &o, sc, KC_VGRUN_ERREXIT, &p);
	vg_leak_sum(VG_REPORT(&p), "destroy_no_autofree", "Leak_DefinitelyLost",
	    "sc_destroy_no_autofree", &bytes, &blocks);
	KC_CHECK_EQ(32, bytes);
	KC_CHECK_EQ(2, blocks);
	KC_CHECK_EQ(32, vg_value(&p.r[0], "destroy_no_autofree", "leaked_bytes"));
	vg_pair_free(&p);
}

/*
 * TRIM frees the chunks wholly before and after the range and keeps one
 * inside it; CHANGE moves a chunk (freeing the old address is
 * InvalidFree); MOVE re-anchors a pool (EXISTS old 0, new 1).
 */
KC_CASE(mempool__trim_change_move, "MEMPOOL_TRIM, MEMPOOL_CHANGE and MOVE_MEMPOOL move or "
    "free exactly the chunks they name")
{
	static const char *const sc[] = { "trim", "change", "move", NULL };
	const struct kc_vg_error *e;
	struct vg_pair p;

	vg_run_shared(tc, SUBJ, SRC, NULL, all, sc, KC_VGRUN_ERREXIT, &p);
	e = vg_require(VG_REPORT(&p), "trim", "InvalidRead",
	    "8 bytes inside a block of size 64 free'd");
	vg_require_frame(e, 0, SRC, "sc_trim");
	/* Both chunks outside the range, before and after it, are freed. */
	KC_CHECK_EQ(2, vg_count(VG_REPORT(&p), "trim", "InvalidRead",
	    "8 bytes inside a block of size 64 free'd"));
	KC_CHECK_EQ(2, vg_count(VG_REPORT(&p), "trim", NULL, NULL));
	KC_CHECK_EQ(0, vg_count(VG_REPORT(&p), "trim", NULL,
	    "8 bytes inside a block of size 64 client-defined"));
	KC_CHECK_EQ(1, vg_count(VG_REPORT(&p), "change", "InvalidFree", NULL));
	KC_CHECK_EQ(1, vg_count(VG_REPORT(&p), "change", NULL, NULL));
	KC_CHECK_EQ(0, vg_value(&p.r[0], "move", "exists_old"));
	KC_CHECK_EQ(1, vg_value(&p.r[0], "move", "exists_new"));
	vg_pair_free(&p);
}

/* Run one scenario expected to make Valgrind abort; check status and text. */
static void
vg_abort_pair(const atf_tc_t *tc, const char *scenario, const char *text)
{
	const char *sc[] = { scenario, NULL };
	struct kc_vgrun_opts o = { .xml_optional = true,
	    .opts = { "--leak-check=full", NULL } };
	struct vg_pair p;
	int e;

	vg_run_pair(tc, SUBJ, SRC, &o, sc, 1, &p);
	for (e = 0; e < p.nenc; e++) {
		ATF_CHECK_MSG(kc_vgrun_count_text(&p.r[e], text) >= 1,
		    "%s encoding: no \"%s\" in the text log", e ? "raw" : "macro",
		    text);
		ATF_CHECK_MSG(strstr(p.r[e].out, "survived") == NULL,
		    "the subject ran on after the request");
	}
	vg_pair_free(&p);
}

/*
 * A MALLOCLIKE block inside a chunk of a plain (non-meta) pool overlaps it:
 * the leak check makes Valgrind abort with status 1.
 */
KC_CASE(mempool__overlap_without_metapool_aborts, "MALLOCLIKE inside a non-meta pool chunk: "
    "the leak check aborts (\"overlaps with block\")")
{
	vg_abort_pair(tc, "overlap_abort", "overlaps with block");
}

/* CREATE_MEMPOOL_EXT with AUTO_FREE but not METAPOOL aborts Valgrind. */
KC_CASE(mempool__auto_free_without_metapool_aborts, "AUTO_FREE without METAPOOL: Valgrind "
    "aborts (\"an auto free pool must be a meta pool\")")
{
	vg_abort_pair(tc, "autofree_nometa_abort",
	    "an auto free pool must be a meta pool");
}

/*
 * A chunk of 2^32 + 16 bytes covers byte 64 of the superblock: writing it is
 * clean.  Memcheck keeps the size in 32 bits (bug 323464).
 */
KC_CASE(mempool__size_above_4gib, "MEMPOOL_ALLOC of 2^32+16 bytes makes the whole chunk "
    "addressable (known bug 323464)")
{
	static const char *const sc[] = { "size_32bit", NULL };
	struct vg_pair p;
	int n;

	vg_run_pair(tc, SUBJ, SRC, NULL, sc, -1, &p);
	vg_skip_absent(&p.r[0], "size_32bit");
	n = vg_count(VG_REPORT(&p), "size_32bit", NULL, NULL);
	kc_known_expect_fail("vg_mempool_size_32bit", p.version);
	KC_REQUIRE_EQ(0, n);	/* errors for bytes inside the chunk */
	vg_pair_free(&p);
}

/*
 * TRIM(a + 50, 1000) of a chunk [a, a + 100) leaves [a + 50, a + 100): byte
 * a + 100 is "0 bytes after a block of size 50".
 */
KC_CASE(mempool__trim_straddling_chunk, "MEMPOOL_TRIM of a straddling chunk keeps the chunk's "
    "own end (known memcheck bug)")
{
	static const char *const sc[] = { "trim_straddle", NULL };
	struct vg_pair p;
	int n;

	vg_run_pair(tc, SUBJ, SRC, NULL, sc, KC_VGRUN_ERREXIT, &p);
	n = vg_count(VG_REPORT(&p), "trim_straddle", "InvalidRead",
	    "0 bytes after a block of size 50");
	kc_known_expect_fail("vg_mempool_trim_straddle", p.version);
	KC_REQUIRE_EQ(1, n);	/* byte a+100: "0 bytes after a block of size 50" */
	vg_pair_free(&p);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, mempool__alloc_free_exists);
	ATF_TP_ADD_TC(tp, mempool__unknown_pool_invalid);
	ATF_TP_ADD_TC(tp, mempool__trim_change_move);
	ATF_TP_ADD_TC(tp, mempool__overlap_without_metapool_aborts);
	ATF_TP_ADD_TC(tp, mempool__auto_free_without_metapool_aborts);
	ATF_TP_ADD_TC(tp, mempool__size_above_4gib);
	ATF_TP_ADD_TC(tp, mempool__trim_straddling_chunk);

	ATF_TP_ADD_TC(tp, metapool__auto_free_on_span_release);
	ATF_TP_ADD_TC(tp, metapool__destroy_does_not_auto_free);

	return (atf_no_error());
}
