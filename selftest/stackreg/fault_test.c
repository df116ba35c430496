/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The stackreg cases can fail: run a case with the stackreg_fault knob
 * (the subject drops one annotation) and require "failed"; run it without
 * and require its normal verdict, so the failure is the fault's doing.
 */
#include <limits.h>
#include <stdio.h>

#include <atf-c.h>

#include "kc_atfrun.h"
#include "kc_stack.h"
#include "kc_vgrun.h"

/* Run `prog`:`tcname` with stackreg_fault=fault (NULL: none) and the
 * valgrind config variable forwarded; return the verdict. */
static enum kc_verdict
run_case(const atf_tc_t *tc, const char *prog, const char *tcname,
    const char *fault, struct kc_atf_result *res)
{
	static char vgvar[PATH_MAX + 16], faultvar[64];
	const char *vars[3];
	struct kc_atf_opts o = { 0 };
	char path[PATH_MAX];
	int n = 0;

	snprintf(vgvar, sizeof(vgvar), "valgrind=%s", kc_vgrun_valgrind());
	vars[n++] = vgvar;
	if (fault != NULL) {
		snprintf(faultvar, sizeof(faultvar), "stackreg_fault=%s", fault);
		vars[n++] = faultvar;
	}
	vars[n] = NULL;
	o.vars = vars;
	o.timeout_ms = 120000;
	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), prog, path,
	    sizeof(path));
	ATF_REQUIRE_MSG(kc_atf_run(path, tcname, &o, res) == 0,
	    "running %s:%s failed", prog, tcname);
	return (res->verdict);
}

static void
require_verdict(const atf_tc_t *tc, const char *prog, const char *tcname,
    const char *fault, enum kc_verdict want)
{
	struct kc_atf_result res;
	enum kc_verdict v;

	v = run_case(tc, prog, tcname, fault, &res);
	ATF_CHECK_MSG(v == want, "%s:%s with stackreg_fault=%s: %s (want %s): %s",
	    prog, tcname, fault != NULL ? fault : "(none)", kc_verdict_name(v),
	    kc_verdict_name(want), res.reason);
}

/*
 * Without the REGISTER call the subject's switches warn: the "registered
 * stack" case fails (and passes with it).
 */
ATF_TC(fault__registered_case_needs_register);
ATF_TC_HEAD(fault__registered_case_needs_register, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "stack_switch__registered_silent fails when the subject omits "
	    "STACK_REGISTER");
}
ATF_TC_BODY(fault__registered_case_needs_register, tc)
{
	static const char prog[] = "cases/stackreg/switch_test";
	static const char tcn[] = "stack_switch__registered_silent";

	kc_require_stack_switch();
	kc_vgrun_require(tc);
	require_verdict(tc, prog, tcn, NULL, KC_V_PASSED);
	require_verdict(tc, prog, tcn, "no_register", KC_V_FAILED);
}

/*
 * Free-list heads that are not malloc-like blocks make the pool write into
 * freed memory; heads left live when the stack is handed out overlap it
 * (Valgrind aborts the leak search).  Either way the reuse case fails.
 */
ATF_TC(fault__reuse_case_needs_head_annotations);
ATF_TC_HEAD(fault__reuse_case_needs_head_annotations, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "stackpool__reuse_no_overlap fails with unmarked or kept "
	    "free-list heads");
}
ATF_TC_BODY(fault__reuse_case_needs_head_annotations, tc)
{
	static const char prog[] = "cases/stackreg/pool_test";
	static const char tcn[] = "stackpool__reuse_no_overlap";

	kc_require_stack_switch();
	kc_vgrun_require(tc);
	require_verdict(tc, prog, tcn, NULL, KC_V_PASSED);
	require_verdict(tc, prog, tcn, "no_mark_heads", KC_V_FAILED);
	require_verdict(tc, prog, tcn, "keep_heads", KC_V_FAILED);
}

/*
 * A pool that never registers its stacks makes the growth case fail (the
 * first switch warns), while the case built for that mode passes.
 */
ATF_TC(fault__grow_case_needs_register);
ATF_TC_HEAD(fault__grow_case_needs_register, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "stackpool__grow_change_silent fails when the pool does not "
	    "register its stacks");
}
ATF_TC_BODY(fault__grow_case_needs_register, tc)
{
	static const char prog[] = "cases/stackreg/pool_test";

	kc_require_stack_switch();
	kc_vgrun_require(tc);
	require_verdict(tc, prog, "stackpool__grow_change_silent", "no_register",
	    KC_V_FAILED);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, fault__registered_case_needs_register);
	ATF_TP_ADD_TC(tp, fault__reuse_case_needs_head_annotations);
	ATF_TP_ADD_TC(tp, fault__grow_case_needs_register);

	return (atf_no_error());
}
