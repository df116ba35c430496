/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fault injection for cases/pidfd: under a seccomp filter that removes the
 * pidfd API the cases skip with ENOSYS; under filters that make a syscall
 * misbehave the cases that check it fail (not skip), naming the step.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include <atf-c.h>

#include "kc_atfrun.h"
#include "kc_kfacts.h"
#include "kc_pidfd_selftest.h"
#include "kc_sandbox.h"
#include "kc_sys.h"

#define RULES(r)	.rules = (r), .nrules = sizeof(r) / sizeof((r)[0])

/*
 * With pidfd_open, pidfd_send_signal, pidfd_getfd and waitid(P_PIDFD) all
 * ENOSYS (a kernel before the pidfd API), no case fails or breaks, every
 * skip names ENOSYS, and the cases built on those calls do skip.
 */
ATF_TC(pidfd_enosys__earned_skips);
ATF_TC_HEAD(pidfd_enosys__earned_skips, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "Under the pidfd-enosys profile the pidfd cases skip with ENOSYS and none fails");
	atf_tc_set_md_var(tc, "timeout", "300");
}
ATF_TC_BODY(pidfd_enosys__earned_skips, tc)
{
	static const struct { const char *prog, *tc; } must_skip[] = {
		{ "go_probe_test", "go_probe__check_pidfd_sequence" },
		{ "pidfd_open_test", "pidfd_open__cloexec" },
		{ "pidfd_open_test", "pidfd_open__bad_flags_einval" },
		{ "waitid_pidfd_test", "waitid_pidfd__self_echild" },
		{ "waitid_pidfd_test", "waitid_pidfd__exited" },
		{ "vfork_pidfd_test", "vfork_pidfd__clone_child_needs_wclone" },
		{ "pidfd_send_signal_test", "pidfd_send_signal__proc_dirfd" },
		{ "pidfd_send_signal_test", "pidfd_send_signal__thread_fd_thread_scope" },
		{ "pidfd_send_signal_test", "pidfd_send_signal__other_pidns_einval" },
		{ "pidfd_open_test", "pidfd_open__reaped_esrch" },
		{ "pidfd_getfd_test", "pidfd_getfd__same_file" },
		{ "pidfd_poll_test", "pidfd_poll__pollin_on_exit" },
		{ "pidfd_info_test", "pidfd_info__self" },
	};
	struct kc_atf_opts o = { .profile = "pidfd-enosys" };
	struct kc_atf_result res;
	char names[64][128], prog[1024];
	size_t i, j, n, skipped = 0;

	for (i = 0; kc_pidfd_programs[i] != NULL; i++) {
		kc_pidfd_prog(tc, kc_pidfd_programs[i], prog, sizeof(prog));
		n = kc_pidfd_cases(prog, names, 64);
		for (j = 0; j < n; j++) {
			kc_pidfd_run(prog, names[j], &o, &res);
			ATF_CHECK_MSG(res.verdict == KC_V_PASSED || res.verdict == KC_V_SKIPPED,
			    "%s:%s under pidfd-enosys: %s: %s", kc_pidfd_programs[i], names[j],
			    kc_verdict_name(res.verdict), res.reason);
			if (res.verdict == KC_V_SKIPPED) {
				skipped++;
				ATF_CHECK_MSG(strstr(res.reason, "ENOSYS") != NULL,
				    "%s:%s skipped, not for ENOSYS: %s", kc_pidfd_programs[i],
				    names[j], res.reason);
			}
		}
	}
	ATF_CHECK_MSG(skipped > 0, "no case skipped under pidfd-enosys");
	for (i = 0; i < sizeof(must_skip) / sizeof(must_skip[0]); i++)
		kc_pidfd_expect(tc, must_skip[i].prog, must_skip[i].tc, &o, KC_V_SKIPPED, "ENOSYS");
}

/* pidfd_open giving EINVAL where success is due fails its cases and Go's step 1. */
ATF_TC(inject__pidfd_open_einval);
ATF_TC_HEAD(inject__pidfd_open_einval, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "pidfd_open returning EINVAL fails the cases that expect a pidfd");
}
ATF_TC_BODY(inject__pidfd_open_einval, tc)
{
	static const struct kc_sandbox_rule r[] = { { "pidfd_open", EINVAL, 0, 0 } };
	struct kc_atf_opts o = { RULES(r) };

	kc_pidfd_expect(tc, "pidfd_open_test", "pidfd_open__cloexec", &o, KC_V_FAILED, "EINVAL");
	kc_pidfd_expect(tc, "pidfd_open_test", "pidfd_open__zombie_openable", &o, KC_V_FAILED,
	    NULL);
	kc_pidfd_expect(tc, "go_probe_test", "go_probe__check_pidfd_sequence", &o, KC_V_FAILED,
	    "step 1");
	kc_pidfd_expect(tc, "waitid_pidfd_test", "waitid_pidfd__self_echild", &o, KC_V_FAILED,
	    NULL);
	kc_pidfd_expect(tc, "pidfd_poll_test", "pidfd_poll__pollin_on_exit", &o, KC_V_FAILED,
	    NULL);
}

/*
 * waitid(P_PIDFD) returning 0 where ECHILD is due (a non-child) fails the
 * ECHILD cases, and Go's probe at step 2.
 */
ATF_TC(inject__waitid_zero_for_echild);
ATF_TC_HEAD(inject__waitid_zero_for_echild, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "waitid(P_PIDFD) returning 0 fails the ECHILD cases and Go's probe at step 2");
}
ATF_TC_BODY(inject__waitid_zero_for_echild, tc)
{
	static const struct kc_sandbox_rule r[] = { { "waitid", 0, 1, P_PIDFD } };
	struct kc_atf_opts o = { RULES(r) };

	kc_pidfd_expect(tc, "waitid_pidfd_test", "waitid_pidfd__self_echild", &o, KC_V_FAILED,
	    "expected ECHILD");
	kc_pidfd_expect(tc, "waitid_pidfd_test", "waitid_pidfd__parent_echild", &o,
	    KC_V_FAILED, "expected ECHILD");
	kc_pidfd_expect(tc, "waitid_pidfd_test", "waitid_pidfd__second_after_reap_echild", &o,
	    KC_V_FAILED, NULL);
	kc_pidfd_expect(tc, "go_probe_test", "go_probe__check_pidfd_sequence", &o, KC_V_FAILED,
	    "step 2");
	kc_pidfd_expect(tc, "vfork_pidfd_test", "vfork_pidfd__clone_child_needs_wclone", &o,
	    KC_V_FAILED, NULL);
}

/* pidfd_send_signal refusing (EPERM) fails delivery and Go's step 3. */
ATF_TC(inject__send_signal_eperm);
ATF_TC_HEAD(inject__send_signal_eperm, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "pidfd_send_signal returning EPERM fails delivery and Go's probe at step 3");
}
ATF_TC_BODY(inject__send_signal_eperm, tc)
{
	static const struct kc_sandbox_rule r[] = { { "pidfd_send_signal", EPERM, 0, 0 } };
	struct kc_atf_opts o = { RULES(r) };

	kc_pidfd_expect(tc, "pidfd_send_signal_test", "pidfd_send_signal__delivery", &o,
	    KC_V_FAILED, NULL);
	kc_pidfd_expect(tc, "pidfd_send_signal_test", "pidfd_send_signal__proc_dirfd", &o,
	    KC_V_FAILED, NULL);
	kc_pidfd_expect(tc, "go_probe_test", "go_probe__check_pidfd_sequence", &o, KC_V_FAILED,
	    "step 3");
}

/*
 * pidfd_send_signal returning 0 without running, on every real fd (through
 * h_inject send_signal_noop: a rule { "pidfd_send_signal", 0, 0, 0 } would
 * also answer the probe's fd -1, and the cases would fail in
 * kc_require_pidfd_send_signal, not at their assertions): the pid-namespace
 * case fails at the EINVAL that is due, the thread-scope case at the
 * signal that never arrives, the reaped case at its ESRCH.  Each case runs
 * first under h_inject none; only one that passes there must fail (one that
 * skips here, e.g. without pid namespaces, proves nothing either way).
 * Below 6.9 the thread-scope case asserts pidfd_open's EINVAL and sends
 * nothing, so it is not expected to fail there.
 */
ATF_TC(inject__send_signal_noop);
ATF_TC_HEAD(inject__send_signal_noop, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "pidfd_send_signal returning 0 without running fails the pid-namespace, "
	    "thread-scope and reaped cases at their assertions");
}
ATF_TC_BODY(inject__send_signal_noop, tc)
{
	static const struct { const char *tc, *needle; int needs_thread_fd; } cases[] = {
		{ "pidfd_send_signal__other_pidns_einval", "expected EINVAL", 0 },
		{ "pidfd_send_signal__thread_fd_thread_scope",
		  "SIGUSR1 through the thread pidfd is not pending in the target thread", 1 },
		{ "pidfd_send_signal__reaped_esrch", "expected -1 errno ESRCH", 0 },
	};
	char helper[1024], prog[1024];
	const char *none[] = { helper, "none", NULL };
	const char *noop[] = { helper, "send_signal_noop", NULL };
	struct kc_atf_opts c = { .wrapper = none }, o = { .wrapper = noop };
	struct kc_atf_result res;
	size_t i, proven = 0;

	kc_build_path(atf_tc_get_config_var(tc, "srcdir"), "selftest/pidfd/h_inject", helper,
	    sizeof(helper));
	kc_pidfd_prog(tc, "pidfd_send_signal_test", prog, sizeof(prog));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		kc_pidfd_run(prog, cases[i].tc, &c, &res);
		ATF_CHECK_MSG(res.verdict == KC_V_PASSED || res.verdict == KC_V_SKIPPED,
		    "%s under h_inject none: %s: %s", cases[i].tc, kc_verdict_name(res.verdict),
		    res.reason);
		if (res.verdict != KC_V_PASSED ||
		    (cases[i].needs_thread_fd && !kc_kfact(KC_KF_PIDFD_THREAD_FLAG)))
			continue;
		proven++;
		kc_pidfd_expect(tc, "pidfd_send_signal_test", cases[i].tc, &o, KC_V_FAILED,
		    cases[i].needle);
	}
	if (proven == 0)
		atf_tc_skip("no case passed under h_inject none here: nothing to prove");
}

/*
 * pidfd_getfd answering EBADF for a valid target fails the fetch and the
 * ESRCH case.
 */
ATF_TC(inject__getfd_ebadf);
ATF_TC_HEAD(inject__getfd_ebadf, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "pidfd_getfd returning EBADF fails the fetch and the gone-target cases");
}
ATF_TC_BODY(inject__getfd_ebadf, tc)
{
	static const struct kc_sandbox_rule r[] = { { "pidfd_getfd", EBADF, 0, 0 } };
	struct kc_atf_opts o = { RULES(r) };

	kc_pidfd_expect(tc, "pidfd_getfd_test", "pidfd_getfd__same_file", &o, KC_V_FAILED, NULL);
	kc_pidfd_expect(tc, "pidfd_getfd_test", "pidfd_getfd__gone_esrch", &o, KC_V_FAILED,
	    NULL);
}

/*
 * clone giving EINVAL for the exact CLONE_PIDFD flag words the cases use
 * (arg0 is the flags register where the order is not BACKWARDS2) fails the
 * raw-clone case and the vfork-style cases, and Go's probe at step 4.
 */
ATF_TC(inject__clone_pidfd_einval);
ATF_TC_HEAD(inject__clone_pidfd_einval, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "clone(CLONE_PIDFD) returning EINVAL fails the clone cases and Go's probe at step 4");
}
ATF_TC_BODY(inject__clone_pidfd_einval, tc)
{
#if !defined(KC_ARCH_CLONE_ORDER)
	atf_tc_skip("no KC_ARCH_CLONE_ORDER for %s (lib/arch/<arch>/kc_arch.h): "
	    "which clone(2) argument holds the flags is unknown", KC_ARCH_TRIPLET);
#elif KC_ARCH_CLONE_ORDER == KC_CLONE_ORDER_BACKWARDS2
	atf_tc_skip("not implemented on %s: clone's arg0 is the stack "
	    "(CLONE_BACKWARDS2)", KC_ARCH_NAME);
#else
	static const struct kc_sandbox_rule fork_like[] = {
		{ "clone", EINVAL, 1, CLONE_PIDFD | SIGCHLD },
	};
	static const struct kc_sandbox_rule vfork_go[] = {
		{ "clone", EINVAL, 1, CLONE_VM | CLONE_VFORK | CLONE_PIDFD },
	};
	struct kc_atf_opts a = { RULES(fork_like) }, b = { RULES(vfork_go) };

	kc_pidfd_expect(tc, "clone_pidfd_test", "clone_pidfd__slot_overwritten", &a,
	    KC_V_FAILED, "EINVAL");
	kc_pidfd_expect(tc, "vfork_pidfd_test", "vfork_pidfd__shared_write_visible", &a,
	    KC_V_FAILED, NULL);
	kc_pidfd_expect(tc, "go_probe_test", "go_probe__check_pidfd_sequence", &b, KC_V_FAILED,
	    "step 4");
	kc_pidfd_expect(tc, "vfork_pidfd_test", "vfork_pidfd__clone_child_needs_wclone", &b,
	    KC_V_FAILED, "EINVAL");
#endif
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, pidfd_enosys__earned_skips);

	ATF_TP_ADD_TC(tp, inject__pidfd_open_einval);
	ATF_TP_ADD_TC(tp, inject__waitid_zero_for_echild);
	ATF_TP_ADD_TC(tp, inject__send_signal_eperm);
	ATF_TP_ADD_TC(tp, inject__send_signal_noop);
	ATF_TP_ADD_TC(tp, inject__getfd_ebadf);
	ATF_TP_ADD_TC(tp, inject__clone_pidfd_einval);

	return (atf_no_error());
}
