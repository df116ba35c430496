/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * MALLOCLIKE_BLOCK / FREELIKE_BLOCK / RESIZEINPLACE_BLOCK under memcheck, in
 * both encodings, asserted on the XML report (FACTS-valgrind.md §1.3, §7).
 */
#include <stdlib.h>
#include <string.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_vgrun.h"
#include "vg_case.h"

#define SUBJ	"vg_block_subject"
#define SRC	"vg_block_subject.c"

/*
 * The scenarios every case of this program runs, in one launch per encoding
 * shared by all of them (vg_run_shared); "leak" first, because its
 * COUNT_LEAKS values count every leak of the process so far.
 */
static const char *const all[] = { "leak", "rz_before", "rz_after",
	"undef_nozero", "undef_zeroed", "use_after_free", "double_free",
	"free_malloced", "null", "resize", NULL };

/*
 * A write one byte before or just after a MALLOCLIKE block with a redzone is
 * an InvalidWrite that names the block's size and the allocation site in the
 * subject.
 */
KC_CASE(malloclike__redzone_before_after, "MALLOCLIKE redzones: 1 byte before and 0 bytes "
    "after a block of size 40, with the allocation frame")
{
	static const char *const sc[] = { "rz_before", "rz_after", NULL };
	const struct kc_vg_error *e;
	struct vg_pair p;

	vg_run_shared(tc, SUBJ, SRC, NULL, all, sc, KC_VGRUN_ERREXIT, &p);
	e = vg_require(VG_REPORT(&p), "rz_before", "InvalidWrite",
	    "1 bytes before a block of size 40 alloc'd");
	vg_require_frame(e, 0, SRC, "sc_rz_before");
	vg_require_frame(e, 1, SRC, "sc_rz_before");
	KC_CHECK_EQ(1, vg_count(VG_REPORT(&p), "rz_before", NULL, NULL));
	e = vg_require(VG_REPORT(&p), "rz_after", "InvalidWrite",
	    "0 bytes after a block of size 40 alloc'd");
	vg_require_frame(e, 1, SRC, "sc_rz_after");
	KC_CHECK_EQ(1, vg_count(VG_REPORT(&p), "rz_after", NULL, NULL));
	vg_pair_free(&p);
}

/* A block announced with is_zeroed = 0 has undefined contents; with 1, defined. */
KC_CASE(malloclike__undefined_unless_zeroed, "MALLOCLIKE is_zeroed=0: branching on the "
    "contents is UninitCondition; is_zeroed=1: clean")
{
	static const char *const sc[] = { "undef_nozero", "undef_zeroed", NULL };
	const struct kc_vg_error *e;
	struct vg_pair p;

	vg_run_shared(tc, SUBJ, SRC, NULL, all, sc, KC_VGRUN_ERREXIT, &p);
	e = vg_require(VG_REPORT(&p), "undef_nozero", "UninitCondition", NULL);
	vg_require_frame(e, 0, SRC, "sc_undef_nozero");
	KC_CHECK_EQ(1, vg_count(VG_REPORT(&p), "undef_nozero", NULL, NULL));
	KC_CHECK_EQ(0, vg_count(VG_REPORT(&p), "undef_zeroed", NULL, NULL));
	vg_pair_free(&p);
}

/*
 * A read after FREELIKE is "inside a block ... free'd", with the free stack
 * and "Block was alloc'd at" with the allocation stack.
 */
KC_CASE(freelike__use_after_free_both_stacks, "FREELIKE: use after free names the free and "
    "the alloc stacks")
{
	static const char *const sc[] = { "use_after_free", NULL };
	const struct kc_vg_error *e;
	struct vg_pair p;

	vg_run_shared(tc, SUBJ, SRC, NULL, all, sc, KC_VGRUN_ERREXIT, &p);
	e = vg_require(VG_REPORT(&p), "use_after_free", "InvalidRead",
	    "4 bytes inside a block of size 40 free'd");
	vg_require_frame(e, 0, SRC, "sc_use_after_free");
	vg_require_frame(e, 1, SRC, "blk_free");
	ATF_REQUIRE_MSG(e->nauxwhat >= 2 &&
	    strstr(e->auxwhat[1], "Block was alloc'd at") != NULL,
	    "no \"Block was alloc'd at\" after the free stack");
	vg_require_frame(e, 2, SRC, "blk_alloc");
	vg_pair_free(&p);
}

/*
 * Freeing a block twice is InvalidFree; FREELIKE of a malloc'd block is
 * MismatchedFree; NULL addresses are ignored by all three requests.
 */
KC_CASE(freelike__double_mismatched_null, "FREELIKE: double free is InvalidFree, of malloc'd "
    "memory MismatchedFree, NULL is ignored")
{
	static const char *const sc[] = { "double_free", "free_malloced",
	    "null", NULL };
	const struct kc_vg_error *e;
	struct vg_pair p;

	vg_run_shared(tc, SUBJ, SRC, NULL, all, sc, KC_VGRUN_ERREXIT, &p);
	e = vg_require(VG_REPORT(&p), "double_free", "InvalidFree", NULL);
	vg_require_frame(e, 0, SRC, "blk_free");
	KC_CHECK_EQ(1, vg_count(VG_REPORT(&p), "double_free", NULL, NULL));
	e = vg_require(VG_REPORT(&p), "free_malloced", "MismatchedFree", NULL);
	vg_require_frame(e, 0, SRC, "sc_free_malloced");
	KC_CHECK_EQ(1, vg_count(VG_REPORT(&p), "free_malloced", NULL, NULL));
	KC_CHECK_EQ(0, vg_count(VG_REPORT(&p), "null", NULL, NULL));
	vg_pair_free(&p);
}

/*
 * Blocks whose pointers are dropped are definitely lost, with the exact byte
 * and block counts, in the report and through COUNT_LEAKS/COUNT_LEAK_BLOCKS.
 */
KC_CASE(malloclike__leak_exact_bytes_blocks, "MALLOCLIKE leaks: 120 bytes in 3 blocks "
    "definitely lost, also per COUNT_LEAKS/COUNT_LEAK_BLOCKS")
{
	static const char *const sc[] = { "leak", NULL };
	const struct kc_vg_error *e;
	unsigned long bytes, blocks;
	struct vg_pair p;

	vg_run_shared(tc, SUBJ, SRC, NULL, all, sc, KC_VGRUN_ERREXIT, &p);
	KC_CHECK_GE(vg_leak_sum(VG_REPORT(&p), "leak", "Leak_DefinitelyLost",
	    "leak_three", &bytes, &blocks), 1);
	KC_CHECK_EQ(120, bytes);
	KC_CHECK_EQ(3, blocks);
	e = vg_require(VG_REPORT(&p), "leak", "Leak_DefinitelyLost", NULL);
	vg_require_frame(e, 0, SRC, "blk_alloc");
	KC_CHECK_EQ(120, vg_value(&p.r[0], "leak", "leaked_bytes"));
	KC_CHECK_EQ(3, vg_value(&p.r[0], "leak", "leaked_blocks"));
	vg_pair_free(&p);
}

/*
 * RESIZEINPLACE: after a shrink the old tail is invalid, after a grow the
 * new bytes are undefined, and a wrong old size is InvalidFree.
 */
KC_CASE(resizeinplace__shrink_grow_wrong_size, "RESIZEINPLACE: shrink invalidates the tail, "
    "grow adds undefined bytes, wrong old size is InvalidFree")
{
	static const char *const sc[] = { "resize", NULL };
	struct vg_pair p;

	vg_run_shared(tc, SUBJ, SRC, NULL, all, sc, KC_VGRUN_ERREXIT, &p);
	vg_require(VG_REPORT(&p), "resize", "InvalidRead",
	    "5 bytes after a block of size 20 alloc'd");
	vg_require(VG_REPORT(&p), "resize", "UninitCondition", NULL);
	vg_require(VG_REPORT(&p), "resize", "InvalidFree", NULL);
	KC_CHECK_EQ(3, vg_count(VG_REPORT(&p), "resize", NULL, NULL));
	vg_pair_free(&p);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, malloclike__redzone_before_after);
	ATF_TP_ADD_TC(tp, malloclike__undefined_unless_zeroed);
	ATF_TP_ADD_TC(tp, malloclike__leak_exact_bytes_blocks);

	ATF_TP_ADD_TC(tp, freelike__use_after_free_both_stacks);
	ATF_TP_ADD_TC(tp, freelike__double_mismatched_null);

	ATF_TP_ADD_TC(tp, resizeinplace__shrink_grow_wrong_size);

	return (atf_no_error());
}
