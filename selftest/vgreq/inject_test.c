/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fault injection for cases/vgreq: run a conformance case with a wrong
 * Valgrind option or a subject missing one annotation, and require the case
 * to fail; run it untouched and require it to pass (the control).
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <atf-c.h>

#include "kc_atfrun.h"
#include "kc_vgrun.h"

static void
run_case(const atf_tc_t *tc, const char *case_name, const char *const vars[],
    enum kc_verdict want)
{
	char prog[PATH_MAX];
	struct kc_atf_opts o;
	struct kc_atf_result res;

	(void)kc_vgrun_require(tc);	/* skip here too when there is no valgrind */
	memset(&o, 0, sizeof(o));
	o.vars = vars;
	o.timeout_ms = 240000;
	kc_build_path(atf_tc_get_config_var(tc, "srcdir"),
	    "cases/vgreq/block_test", prog, sizeof(prog));
	ATF_REQUIRE_MSG(kc_atf_run(prog, case_name, &o, &res) == 0,
	    "running %s:%s failed", prog, case_name);
	ATF_REQUIRE_MSG(res.verdict == want, "%s: expected %s, got %s: %s",
	    case_name, kc_verdict_name(want), kc_verdict_name(res.verdict),
	    res.reason);
}

/* The same valgrind for the inner case as for this one. */
static const char *
vg_var(const atf_tc_t *tc, char *buf, size_t len)
{
	snprintf(buf, len, "valgrind=%s", kc_vgrun_valgrind());
	(void)tc;
	return (buf);
}

/*
 * With --undef-value-errors=no memcheck reports no undefined bytes, so the
 * is_zeroed case must fail; untouched it passes.
 */
ATF_TC(inject__undef_value_errors_off);
ATF_TC_HEAD(inject__undef_value_errors_off, tc)
{
	atf_tc_set_md_var(tc, "descr", "malloclike__undefined_unless_zeroed "
	    "fails under --undef-value-errors=no and passes without it");
	atf_tc_set_md_var(tc, "timeout", "600");
}
ATF_TC_BODY(inject__undef_value_errors_off, tc)
{
	char vg[PATH_MAX + 16];
	const char *bad[] = { NULL, "vgreq_extra_opts=--undef-value-errors=no", NULL };
	const char *good[] = { NULL, NULL };

	(void)kc_vgrun_require(tc);
	bad[0] = good[0] = vg_var(tc, vg, sizeof(vg));
	run_case(tc, "malloclike__undefined_unless_zeroed", good, KC_V_PASSED);
	run_case(tc, "malloclike__undefined_unless_zeroed", bad, KC_V_FAILED);
}

/*
 * A subject that omits FREELIKE never frees its block: the use-after-free
 * case must fail.
 */
ATF_TC(inject__subject_without_freelike);
ATF_TC_HEAD(inject__subject_without_freelike, tc)
{
	atf_tc_set_md_var(tc, "descr", "freelike__use_after_free_both_stacks "
	    "fails with a subject built without FREELIKE");
	atf_tc_set_md_var(tc, "timeout", "600");
}
ATF_TC_BODY(inject__subject_without_freelike, tc)
{
	char vg[PATH_MAX + 16], dir[PATH_MAX + 32];
	const char *bad[] = { NULL, NULL, NULL };

	(void)kc_vgrun_require(tc);
	bad[0] = vg_var(tc, vg, sizeof(vg));
	snprintf(dir, sizeof(dir), "vgreq_subject_dir=%s/omit_freelike",
	    atf_tc_get_config_var(tc, "srcdir"));
	bad[1] = dir;
	run_case(tc, "freelike__use_after_free_both_stacks", bad, KC_V_FAILED);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, inject__undef_value_errors_off);
	ATF_TP_ADD_TC(tp, inject__subject_without_freelike);

	return (atf_no_error());
}
