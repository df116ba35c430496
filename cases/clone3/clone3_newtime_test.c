/* SPDX-License-Identifier: BSD-2-Clause */
/* CLONE_NEWTIME: a clone3-only flag (bit 0x80 is inside CSIGNAL for legacy clone). */
#include <sys/stat.h>

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_child.h"
#include "kc_kfacts.h"
#include "kc_known.h"
#include "kc_macros.h"
#include "kc_pidfd.h"
#include "kc_probe.h"
#include "kc_sys.h"
#include "kc_userns.h"

/* The inode of our time namespace, 0 if it cannot be read. */
static ino_t
time_ns(void)
{
	struct stat st;

	if (stat("/proc/self/ns/time", &st) == -1)
		return (0);
	return (st.st_ino);
}

static void
require_time_ns(void)
{
	if (access("/proc/self/ns/time", F_OK) == -1)
		atf_tc_skip("time namespaces: /proc/self/ns/time: %s (CONFIG_TIME_NS)",
		    kc_errname(errno));
}

/* In the namespace-capable child: clone3(CLONE_NEWTIME); the grandchild
 * must be in another time namespace.  Returns 0, or 100 + clone3's errno. */
static int
newtime_child(void *arg)
{
	struct kc_clone_args a;
	ino_t mine = time_ns();
	siginfo_t si;
	long pid;

	(void)arg;
	KC_CHILD_REQUIRE(mine != 0);
	memset(&a, 0, sizeof(a));
	a.flags = CLONE_NEWTIME;
	a.exit_signal = SIGCHLD;
	pid = kc_clone3(&a, sizeof(a));
	if (pid == 0) {
		KC_CHILD_REQUIRE(time_ns() != 0);
		KC_CHILD_REQUIRE(time_ns() != mine);
		_exit(0);
	}
	if (pid == -1)
		return (100 + errno);
	KC_CHILD_REQUIRE(kc_wait_timeout((pid_t)pid, WEXITED, KC_REAP_TIMEOUT_MS, &si) == 0);
	KC_CHILD_REQUIRE(si.si_code == CLD_EXITED);
	return (si.si_status);
}

/*
 * clone3 with CLONE_NEWTIME (0x80, allowed although it lies in CSIGNAL)
 * puts the child in a new time namespace.  Unprivileged users run it in a
 * user namespace of their own, which gives the capability it needs.
 */
KC_CASE(clone3_newtime__child_in_new_time_ns,
    "clone3(2) CLONE_NEWTIME puts the child in a new time namespace")
{
	int r;

	kc_require_clone3();
	require_time_ns();
	r = kc_userns_run(KC_USERNS_IF_UNPRIVILEGED, newtime_child, NULL);
	/* CLONE_NEWTIME refused as unknown: skip below its floor (5.6), fail
	 * from it on. */
	if (r == 100 + EINVAL)
		kc_require_kfeature(KC_KF_CLONE_NEWTIME, "clone3(2) CLONE_NEWTIME", -1, EINVAL);
	ATF_CHECK_MSG(r == 0, "clone3(CLONE_NEWTIME)%s: expected a child in a new time "
	    "namespace, seen %s%s (exit status %d)", geteuid() != 0 ? " in a user namespace" : "",
	    r >= 100 ? "-1 " : "a child that failed its check: ",
	    r >= 100 ? kc_errname(r - 100) : "same namespace or unreadable", r);
}

/*
 * Legacy clone(2) has no CLONE_NEWTIME: its bit 0x80 is part of CSIGNAL, so
 * clone(CLONE_NEWTIME|SIGCHLD) asks for exit signal 0x91 (145), never for a
 * new time namespace.  Before 7.1 the kernel does not check the exit signal:
 * the call is a plain fork whose child stays in our time namespace and is
 * seen by waitid only with __WCLONE.  From 7.1 kernel_clone() rejects an
 * exit signal that is not a valid signal: EINVAL (kernel-facts row
 * clone_exit_signal_checked).  A kernel that honoured 0x80 as a namespace
 * flag in legacy clone would move the child (or, unprivileged, fail with
 * EPERM).
 */
KC_CASE(clone3_newtime__legacy_clone_bit_is_csignal,
    "legacy clone(2): bit 0x80 is an exit-signal bit, not CLONE_NEWTIME")
{
	siginfo_t si;
	char buf[64], why[512];
	ino_t mine;
	long pid;
	int e;

	if (!KC_CLONE_RAW_NATIVE)
		atf_tc_skip(KC_CLONE_RAW_ABSENT);
	require_time_ns();
	mine = time_ns();
	pid = kc_clone_raw(CLONE_NEWTIME | SIGCHLD, NULL, NULL, NULL, 0);
	if (pid == 0) {
		KC_CHILD_REQUIRE(time_ns() == mine);
		_exit(0);
	}
	e = errno;
	kc_kfact_describe(KC_KF_CLONE_EXIT_SIGNAL_CHECKED, why, sizeof(why));
	/* The message starts "clone(CLONE_NEWTIME|SIGCHLD): <errno>": the
	 * parity row vg_clone_exit_signal_checked (cases/parity) matches it. */
	if (kc_kfact(KC_KF_CLONE_EXIT_SIGNAL_CHECKED)) {
		if (pid > 0)
			(void)kc_waitid(P_PID, pid, &si, WEXITED | __WCLONE, NULL);
		ATF_CHECK_MSG(pid == -1 && e == EINVAL, "clone(CLONE_NEWTIME|SIGCHLD): %s seen, "
		    "EINVAL expected: exit signal 0x91 is not a valid signal (%s)",
		    pid == -1 ? kc_errname(e) : "a child", why);
		return;
	}
	kc_known_expect_fail("qemu_clone_exit_signal_einval", kc_qemu_user_version(tc));
	ATF_REQUIRE_MSG(pid > 0, "clone(CLONE_NEWTIME|SIGCHLD): %s seen, a child expected: "
	    "legacy clone takes 0x80 as an exit-signal bit (%s)", kc_errname(e), why);
	/* Blocking (the child exits at once; the case watchdog bounds it): no
	 * SIGCHLD comes for exit signal 0x91, so a timed wait without pidfds
	 * would sleep its whole timeout. */
	memset(&si, 0, sizeof(si));
	ATF_REQUIRE_MSG(kc_waitid(P_PID, pid, &si, WEXITED | __WCLONE, NULL) == 0,
	    "waitid(__WCLONE): expected 0, seen -1 %s (was the exit signal SIGCHLD after all?)",
	    kc_errname(errno));
	ATF_CHECK_MSG(si.si_code == CLD_EXITED && si.si_status == 0,
	    "child: expected exited 0, seen %s (exit %d means it was in another time namespace)",
	    kc_describe_status(&si, buf, sizeof(buf)), KC_CHILD_FAILED);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, clone3_newtime__child_in_new_time_ns);
	ATF_TP_ADD_TC(tp, clone3_newtime__legacy_clone_bit_is_csignal);

	return (atf_no_error());
}
