/* SPDX-License-Identifier: BSD-2-Clause */
/* kc_atf_run, the fault-injection runner: verdicts, sandbox rules, users. */
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_atfrun.h"
#include "kc_macros.h"

static const char *
kc_fixture(const atf_tc_t *tc, char *buf, size_t len)
{
	return (kc_build_path(atf_tc_get_config_var(tc, "srcdir"),
	    "selftest/lib/fixture/h_verdicts", buf, len));
}

static void
kc_expect(const atf_tc_t *tc, const char *tcname, const struct kc_atf_opts *o,
    enum kc_verdict want, const char *reason)
{
	struct kc_atf_result r;
	char prog[4096];

	RL(kc_atf_run(kc_fixture(tc, prog, sizeof(prog)), tcname, o, &r));
	ATF_CHECK_MSG(r.verdict == want, "%s: expected %s, got %s: %s", tcname,
	    kc_verdict_name(want), kc_verdict_name(r.verdict), r.reason);
	if (reason != NULL)
		ATF_CHECK_MSG(strstr(r.reason, reason) != NULL, "%s: reason '%s' lacks '%s'",
		    tcname, r.reason, reason);
}

/* Each verdict an ATF case can produce is read back as that verdict. */
ATF_TC(atfrun__verdicts);
ATF_TC_HEAD(atfrun__verdicts, tc)
{
	atf_tc_set_md_var(tc, "descr", "kc_atf_run reads every verdict and its reason");
}
ATF_TC_BODY(atfrun__verdicts, tc)
{
	kc_expect(tc, "verdict__passed", NULL, KC_V_PASSED, NULL);
	kc_expect(tc, "verdict__failed", NULL, KC_V_FAILED, "fixture failure");
	kc_expect(tc, "verdict__skipped", NULL, KC_V_SKIPPED, "fixture(2): ENOSYS");
	kc_expect(tc, "verdict__xfail", NULL, KC_V_XFAIL, "fixture-tracker#1");
	kc_expect(tc, "verdict__broken", NULL, KC_V_BROKEN, NULL);
	kc_expect(tc, "no_such_case", NULL, KC_V_BROKEN, NULL);
}

/* A case that leaves a blocked child behind still yields its verdict, and
 * the runner kills and reaps that child: nothing is left. */
ATF_TC(atfrun__reaps_stragglers);
ATF_TC_HEAD(atfrun__reaps_stragglers, tc)
{
	atf_tc_set_md_var(tc, "descr", "kc_atf_run returns and leaves no process when a case leaks one");
}
ATF_TC_BODY(atfrun__reaps_stragglers, tc)
{
	siginfo_t si;

	kc_expect(tc, "verdict__leaves_child", NULL, KC_V_PASSED, NULL);
	memset(&si, 0, sizeof(si));
	ATF_CHECK_MSG(waitid(P_ALL, 0, &si, WEXITED | WNOHANG | __WALL) == -1 && errno == ECHILD,
	    "a process of the case is still our child (pid %d)", (int)si.si_pid);
}

/* A sandbox profile makes the probed syscall absent (skip); an injected wrong
 * errno makes the same case fail, not skip. */
ATF_TC(atfrun__sandbox_injection);
ATF_TC_HEAD(atfrun__sandbox_injection, tc)
{
	atf_tc_set_md_var(tc, "descr", "profiles and rules reach the case: ENOSYS skips, EINVAL fails");
}
ATF_TC_BODY(atfrun__sandbox_injection, tc)
{
	static const struct kc_sandbox_rule einval[] = { { .syscall = "pidfd_open", .err = EINVAL } };
	struct kc_atf_opts o;

	kc_expect(tc, "sandbox__pidfd_open", NULL, KC_V_PASSED, NULL);
	memset(&o, 0, sizeof(o));
	o.profile = "pidfd-enosys";
	kc_expect(tc, "sandbox__pidfd_open", &o, KC_V_SKIPPED, "pidfd_open(2): ENOSYS");
	memset(&o, 0, sizeof(o));
	o.rules = einval;
	o.nrules = 1;
	kc_expect(tc, "sandbox__pidfd_open", &o, KC_V_FAILED, "EINVAL");
	memset(&o, 0, sizeof(o));
	o.profile = "no-such-profile";
	kc_expect(tc, "sandbox__pidfd_open", &o, KC_V_BROKEN, "seccomp");
}

/* As nobody the case runs with uid 65534 in a directory it can write. */
ATF_TC(atfrun__as_nobody);
ATF_TC_HEAD(atfrun__as_nobody, tc)
{
	atf_tc_set_md_var(tc, "descr", "kc_atf_run can drop to nobody");
	atf_tc_set_md_var(tc, "require.user", "root");
}
ATF_TC_BODY(atfrun__as_nobody, tc)
{
	struct kc_atf_opts o;

	memset(&o, 0, sizeof(o));
	o.as_nobody = 1;
	kc_expect(tc, "verdict__passed", &o, KC_V_PASSED, NULL);
	kc_expect(tc, "sandbox__pidfd_open", &o, KC_V_PASSED, NULL);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, atfrun__verdicts);
	ATF_TP_ADD_TC(tp, atfrun__reaps_stragglers);
	ATF_TP_ADD_TC(tp, atfrun__sandbox_injection);
	ATF_TP_ADD_TC(tp, atfrun__as_nobody);

	return (atf_no_error());
}
