/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Go-like stack pool (kc_stackpool) under memcheck: free-list heads as
 * malloc-like blocks, stacks registered while handed out, growth by copying
 * with STACK_CHANGE (FACTS-valgrind.md §6, §8).
 */
#include <string.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_stack.h"
#include "kc_vgrun.h"
#include "sr_case.h"

#define SUBJ	"h_pool"
#define SRC	"h_pool.c"

static const char *const leakcheck[] = { "--leak-check=full", NULL };

/*
 * The pool hands the same memory out again after a free: since the
 * free-list head is a one-word malloc-like block that is freed before the
 * stack becomes a block, a leak search while the reused stack is live finds
 * no overlapping blocks (which would abort Valgrind), and no access is
 * invalid.
 */
KC_CASE(stackpool__reuse_no_overlap, "A stack freed and handed out again: no 'overlaps with "
    "block', no invalid access, no warning")
{
	struct sr_run r;

	kc_require_stack_switch();
	sr_run(tc, SUBJ, "macro", (const char *[]){ "reuse", NULL }, leakcheck,
	    0, &r);
	sr_require_no_errors(&r);
	sr_require_out(&r, "same 1\n");
	KC_CHECK_EQ(0, kc_vgrun_count_text(&r.xml, "overlaps with block"));
	KC_CHECK_EQ(0, kc_vgrun_count_text(&r.text, "overlaps with block"));
	KC_CHECK_EQ(0, r.warnings);
	sr_run_free(&r);
}

/*
 * A deep recursion on an order-0 stack moves to an order-1 stack (copy,
 * STACK_CHANGE, old stack freed) and finishes with the right result: no
 * error, no switching warning (every switch lands on a registered stack).
 */
KC_CASE(stackpool__grow_change_silent, "Growth by copy + STACK_CHANGE during a deep "
    "recursion: no error, no warning")
{
	struct sr_run r;

	kc_require_stack_switch();
	sr_run(tc, SUBJ, "macro", (const char *[]){ "grow", NULL }, leakcheck,
	    0, &r);
	sr_require_no_errors(&r);
	sr_require_out(&r, "grows 1 order 1 sum 5050\n");
	KC_CHECK_EQ(0, r.warnings);
	sr_run_free(&r);
}

/*
 * A stack that was never registered is REGISTERed when it grows: only the
 * first switch (to the unknown order-0 stack) warns; the way back from the
 * copy is silent.
 */
KC_CASE(stackpool__grow_registers_unregistered, "Growth of a never-registered stack REGISTERs "
    "the copy: one warning only, no error")
{
	struct sr_run r;

	kc_require_stack_switch();
	sr_run(tc, SUBJ, "macro", (const char *[]){ "grow", "no_register", NULL },
	    leakcheck, 0, &r);
	sr_require_no_errors(&r);
	sr_require_out(&r, "grows 1 order 1 sum 5050\n");
	KC_CHECK_EQ(1, r.warnings);
	sr_run_free(&r);
}

/*
 * After the growth the old stack is freed: reading a local of the old
 * stack is one InvalidRead, "inside a block of size 16,384 free'd", at the
 * reading line of the subject.
 */
KC_CASE(stackpool__grow_read_old_reported, "Reading the old stack after growth: InvalidRead "
    "in a free'd block of size 16,384")
{
	const struct kc_vg_frame *f;
	const struct kc_vg_error *e;
	struct sr_run r;

	kc_require_stack_switch();
	sr_run(tc, SUBJ, "macro", (const char *[]){ "grow_read_old", NULL },
	    leakcheck, KC_VGRUN_ERREXIT, &r);
	ATF_CHECK_EQ_MSG(1, r.xml.report.nerrors, "%d errors", r.xml.report.nerrors);
	e = kc_vg_find(&r.xml.report, "InvalidRead",
	    "inside a block of size 16,384 free'd");
	ATF_REQUIRE_MSG(e != NULL, "no InvalidRead in a free'd block of size "
	    "16,384; first error: %s",
	    r.xml.report.nerrors > 0 ? r.xml.report.errors[0].what : "none");
	f = kc_vg_top_frame(e, 0);
	KC_REQUIRE_NE(NULL, f);
	KC_CHECK_STREQ("sc_grow", f->fn);
	KC_CHECK_STREQ(SRC, f->file);
	KC_CHECK_EQ(0, r.warnings);
	sr_run_free(&r);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, stackpool__reuse_no_overlap);
	ATF_TP_ADD_TC(tp, stackpool__grow_change_silent);
	ATF_TP_ADD_TC(tp, stackpool__grow_registers_unregistered);
	ATF_TP_ADD_TC(tp, stackpool__grow_read_old_reported);

	return (atf_no_error());
}
