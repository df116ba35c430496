/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kc_stackpool works natively and under Valgrind: the checks of
 * h_stackpool pass both ways, and under Valgrind with no error reported.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <limits.h>
#include <stdio.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_child.h"
#include "kc_macros.h"
#include "kc_stack.h"
#include "kc_vgrun.h"

/*
 * Natively: orders, distinct aligned stacks, LIFO reuse, running on a pool
 * stack, growth by copying with relocated pointers, and ENOMEM past the
 * largest order.
 */
ATF_TC(stackpool__native_checks);
ATF_TC_HEAD(stackpool__native_checks, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "kc_stackpool passes its unit checks natively");
}
ATF_TC_BODY(stackpool__native_checks, tc)
{
	char path[PATH_MAX], buf[128];
	siginfo_t si;
	pid_t pid;

	kc_require_stack_switch();
	snprintf(path, sizeof(path), "%s/h_stackpool",
	    atf_tc_get_config_var(tc, "srcdir"));
	pid = kc_fork();
	if (pid == 0) {
		execl(path, path, (char *)NULL);
		kc_child_fail(__FILE__, __LINE__, "execl failed");
	}
	RL(kc_wait_timeout(pid, WEXITED, KC_REAP_TIMEOUT_MS, &si));
	ATF_REQUIRE_MSG(si.si_code == CLD_EXITED && si.si_status == 0,
	    "h_stackpool: %s (its stderr names the failed checks)",
	    kc_describe_status(&si, buf, sizeof(buf)));
}

/*
 * Under Valgrind the same checks pass and memcheck reports nothing: the
 * annotations (free-list heads, stacks as blocks, register/change/
 * deregister) are consistent, and the relocation never branches on
 * undefined stack padding.
 */
ATF_TC(stackpool__valgrind_clean);
ATF_TC_HEAD(stackpool__valgrind_clean, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "kc_stackpool passes its unit checks under Valgrind with no error");
}
ATF_TC_BODY(stackpool__valgrind_clean, tc)
{
	struct kc_vgrun_opts o = { .opts = { "--leak-check=full", NULL } };
	struct kc_vgrun_result res;
	char path[PATH_MAX];

	kc_require_stack_switch();
	kc_vgrun_require(tc);
	snprintf(path, sizeof(path), "%s/h_stackpool",
	    atf_tc_get_config_var(tc, "srcdir"));
	kc_vgrun(tc, &o, (char *const[]){ path, NULL }, &res);
	ATF_CHECK_EQ_MSG(0, res.report.nerrors, "%d errors; first: %s %s",
	    res.report.nerrors,
	    res.report.nerrors > 0 ? res.report.errors[0].kind : "",
	    res.report.nerrors > 0 ? res.report.errors[0].what : "");
	kc_vgrun_require_exit(&res, 0);
	kc_vgrun_free(&res);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, stackpool__native_checks);
	ATF_TP_ADD_TC(tp, stackpool__valgrind_clean);

	return (atf_no_error());
}
