/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Go's os.checkPidfd probe as one conformance case (FACTS-kernel.md §4.3).
 * Go uses pidfds only when every step passes; a kernel that has the API
 * must pass them all, and one that lacks it must fail the first step with
 * ENOSYS.  Anything in between is a half-working environment (qemu-user,
 * a partial seccomp filter): a failure that names the step.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_child.h"
#include "kc_expect.h"
#include "kc_known.h"
#include "kc_macros.h"
#include "kc_pidfd.h"
#include "kc_probe.h"
#include "kc_sys.h"

/*
 * 1. pidfd_open(getpid(), 0) gives a pidfd;
 * 2. waitid(P_PIDFD, that fd, &info, WEXITED) gives ECHILD (not our child);
 * 3. pidfd_send_signal(that fd, 0, NULL, 0) gives 0;
 * 4. clone(CLONE_VFORK|CLONE_VM|CLONE_PIDFD, newsp 0), exit signal 0, gives
 *    a pidfd, and waitid(P_PIDFD, WEXITED|__WCLONE, &info) reaps the child.
 */
KC_CASE(go_probe__check_pidfd_sequence,
    "Go's checkPidfd sequence passes completely, or fails at step 1 with ENOSYS")
{
	struct kc_vfork_child c;
	siginfo_t si, rsi;
	char buf[64];
	int fd, pidfd = -1, r, e, reaped, re;
	long pid;

	kc_require_vfork_clone();

	fd = kc_pidfd_open(getpid(), 0);
	if (fd == -1 && errno == ENOSYS)
		atf_tc_skip("step 1 pidfd_open(2): ENOSYS (no pidfd API: Go falls back)");
	ATF_REQUIRE_MSG(fd >= 0, "step 1 pidfd_open(self): %s", kc_errname(errno));

	memset(&si, 0, sizeof(si));
	r = kc_waitid(P_PIDFD, fd, &si, WEXITED, NULL);
	e = errno;
	if (r == -1 && e == EINVAL) {
		RL(close(fd));
		kc_require_waitid_pidfd();	/* skips below 5.4 (no P_PIDFD yet) */
		atf_tc_fail("step 2 waitid(P_PIDFD, self): EINVAL on a kernel with P_PIDFD");
	}
	if (r != -1 || e != ECHILD) {
		RL(close(fd));
		atf_tc_fail("step 2 waitid(P_PIDFD, self, WEXITED): expected ECHILD, got %d %s "
		    "(pidfd_open works)", r, r == -1 ? kc_errname(e) : "");
	}

	r = kc_pidfd_send_signal(fd, 0, NULL, 0);
	e = errno;
	RL(close(fd));
	ATF_REQUIRE_MSG(r == 0, "step 3 pidfd_send_signal(self, 0): %s (steps 1-2 work)",
	    kc_errname(e));

	memset(&c, 0, sizeof(c));
	c.exit_code = 0;
	pid = kc_vfork_clone(CLONE_VFORK | CLONE_VM | CLONE_PIDFD, &pidfd, &c);
	e = errno;
	if (pid > 0 && pidfd < 0) {
		(void)kc_wait_timeout((pid_t)pid, WEXITED | __WCLONE, KC_REAP_TIMEOUT_MS, &si);
		atf_tc_fail("step 4 clone(CLONE_VFORK|CLONE_VM|CLONE_PIDFD): slot untouched "
		    "(steps 1-3 work)");
	}
	/* One expect-fail window (ATF rejects a second before a failure): under
	 * qemu 7.2 the CLONE_PIDFD EINVAL, else the exit-signal-0 EINVAL. */
	if (kc_known_applies("qemu_clone_pidfd_einval", kc_qemu_user_version(tc)))
		kc_known_expect_fail("qemu_clone_pidfd_einval", kc_qemu_user_version(tc));
	else
		kc_known_expect_fail("qemu_clone_exit_signal_einval", kc_qemu_user_version(tc));
	ATF_REQUIRE_MSG(pid > 0, "step 4 clone(CLONE_VFORK|CLONE_VM|CLONE_PIDFD): %s "
	    "(steps 1-3 work)", kc_errname(e));
	kc_expect_pass();
	/*
	 * Poison the info first and reap a child this waitid left behind into
	 * another siginfo: what is checked is what step 4's waitid wrote.  A
	 * waitid that returns 0 without writing leaves the poison (si_pid
	 * 0xa5a5a5a5) and fails.
	 */
	memset(&si, 0xa5, sizeof(si));
	r = kc_waitid(P_PIDFD, pidfd, &si, WEXITED | __WCLONE, NULL);
	e = errno;
	memset(&rsi, 0, sizeof(rsi));
	reaped = kc_waitid(P_PID, (id_t)pid, &rsi, WEXITED | WNOHANG | __WCLONE, NULL);
	re = errno;
	if (reaped == 0 && rsi.si_pid == 0)	/* still running: wait, bounded */
		(void)kc_wait_timeout((pid_t)pid, WEXITED | __WCLONE, KC_REAP_TIMEOUT_MS, &rsi);
	RL(close(pidfd));
	KC_REQUIRE_OK(r, e);
	KC_CHECK_EQ((pid_t)pid, si.si_pid);
	KC_CHECK_EQ(SIGCHLD, si.si_signo);
	KC_CHECK_EQ(CLD_EXITED, si.si_code);
	KC_CHECK_EQ(0, si.si_status);
	ATF_CHECK_MSG(reaped == -1 && re == ECHILD, "step 4 waitid(P_PIDFD) returned 0 but "
	    "child %ld was still there to reap (%s)", pid,
	    reaped == -1 ? kc_errname(re) : kc_describe_status(&rsi, buf, sizeof(buf)));
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, go_probe__check_pidfd_sequence);

	return (atf_no_error());
}
