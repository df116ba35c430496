/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fault injection for cases/pidfd: under a seccomp filter that removes the
 * pidfd API the cases skip with ENOSYS (earned skips).  That each case
 * fails when the kernel misbehaves is the fault table's business
 * (selftest/faults/faults.txt).
 */
#include <string.h>

#include <atf-c.h>

#include "kc_atfrun.h"
#include "kc_pidfd_selftest.h"

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
	};
	struct kc_atf_opts o = { .profile = "pidfd-enosys" };
	struct kc_atf_result res;
	char names[64][128], prog[1024];
	size_t i, j, n, skipped = 0;

	for (i = 0; kc_pidfd_programs(tc)[i] != NULL; i++) {
		kc_pidfd_prog(tc, kc_pidfd_programs(tc)[i], prog, sizeof(prog));
		n = kc_pidfd_cases(prog, names, 64);
		for (j = 0; j < n; j++) {
			kc_pidfd_run(prog, names[j], &o, &res);
			ATF_CHECK_MSG(res.verdict == KC_V_PASSED || res.verdict == KC_V_SKIPPED,
			    "%s:%s under pidfd-enosys: %s: %s", kc_pidfd_programs(tc)[i], names[j],
			    kc_verdict_name(res.verdict), res.reason);
			if (res.verdict == KC_V_SKIPPED) {
				skipped++;
				ATF_CHECK_MSG(strstr(res.reason, "ENOSYS") != NULL,
				    "%s:%s skipped, not for ENOSYS: %s", kc_pidfd_programs(tc)[i],
				    names[j], res.reason);
			}
		}
	}
	ATF_CHECK_MSG(skipped > 0, "no case skipped under pidfd-enosys");
	for (i = 0; i < sizeof(must_skip) / sizeof(must_skip[0]); i++)
		kc_pidfd_expect(tc, must_skip[i].prog, must_skip[i].tc, &o, KC_V_SKIPPED, "ENOSYS");
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, pidfd_enosys__earned_skips);

	return (atf_no_error());
}
