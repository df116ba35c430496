/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The vfork-style clone Go's forkExec issues, through lib/arch:
 * clone(CLONE_VM|CLONE_VFORK|CLONE_PIDFD[|SIGCHLD], newsp = 0, &pidfd).
 * The parent is suspended until the child execs or exits, the child's
 * writes are shared, and the pidfd reaps the child.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
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
#include "kc_probe_pidfd.h"
#include "kc_sys.h"

#define VFORK_FLAGS	(CLONE_VM | CLONE_VFORK | CLONE_PIDFD)
#define MARK		0x6b636f6eL	/* any value the slot did not hold */

extern char **environ;

/* Reap `pid` through `pidfd` with `options` and require exit `code`. */
static void
reap_pidfd(int pidfd, pid_t pid, int options, int code)
{
	siginfo_t si;
	char buf[64];
	int r;

	memset(&si, 0, sizeof(si));
	r = kc_waitid(P_PIDFD, pidfd, &si, options, NULL);
	kc_skip_if_waitid_pidfd_absent(r, errno);
	ATF_REQUIRE_MSG(r == 0, "waitid(P_PIDFD, %#x): %s", options, kc_errname(errno));
	KC_CHECK_EQ((pid_t)pid, si.si_pid);
	ATF_CHECK_MSG(si.si_code == CLD_EXITED && si.si_status == code,
	    "child: expected exit %d, got %s", code, kc_describe_status(&si, buf, sizeof(buf)));
}

/* The stub for this arch, CLONE_PIDFD, and waitid(P_PIDFD) to reap with. */
static void
require_vfork_pidfd(const atf_tc_t *tc)
{
	kc_require_vfork_clone();
	kc_require_waitid_pidfd();
	kc_require_clone_pidfd_consistent(tc);
}

/*
 * The child's store lands in the parent's memory before the parent resumes
 * (CLONE_VM shares it, CLONE_VFORK orders it); the pidfd is valid and
 * close-on-exec, and reaps the child.
 */
KC_CASE(vfork_pidfd__shared_write_visible,
    "After a vfork-style clone the child's write is visible and the pidfd valid")
{
	struct kc_vfork_child c;
	volatile long slot = 0;
	int pidfd = -1, fdfl;
	long pid, fpid;

	require_vfork_pidfd(tc);
	memset(&c, 0, sizeof(c));
	c.mark_slot = (long *)&slot;
	c.mark = MARK;
	c.exit_code = 0;
	pid = kc_vfork_clone(VFORK_FLAGS | SIGCHLD, &pidfd, &c);
	ATF_REQUIRE_MSG(pid > 0, "vfork-style clone: %s", kc_errname(errno));
	ATF_REQUIRE_MSG(pidfd >= 0, "pidfd slot after clone: %d", pidfd);
	RL(fdfl = fcntl(pidfd, F_GETFD));
	ATF_CHECK_MSG(fdfl & FD_CLOEXEC, "F_GETFD %#x lacks FD_CLOEXEC", fdfl);
	RL(kc_fdinfo_pid(pidfd, &fpid));
	KC_CHECK_EQ(pid, fpid);
	reap_pidfd(pidfd, (pid_t)pid, WEXITED, 0);
	RL(close(pidfd));
	kc_known_expect_fail("qemu_vfork_as_fork", kc_qemu_user_version(tc));
	ATF_CHECK_EQ_MSG(MARK, slot, "the child's store is not visible to the parent "
	    "(slot %#lx): not a shared-memory vfork", slot);
	kc_expect_pass();
}

/*
 * A successful exec resumes the parent while the new program still runs:
 * the helper blocks until the parent writes to a pipe (a parent held until
 * the child's exit would never write), then exits with the code it was
 * given, which the pidfd reports.
 */
KC_CASE(vfork_pidfd__exec_resumes_parent,
    "A vfork-style clone that execs resumes the parent at the exec; the pidfd reaps the program")
{
	struct kc_vfork_child c;
	char path[1024], fdarg[16];
	char *argv[4];
	volatile long err = 1;
	int pidfd = -1, p[2];
	long pid;

	require_vfork_pidfd(tc);
	kc_helper_path(tc, "pidfd_exec_helper", path, sizeof(path));
	ATF_REQUIRE_MSG(access(path, X_OK) == 0, "%s: %s", path, strerror(errno));
	RL(pipe(p));	/* the read end must survive the exec */
	RL(fcntl(p[1], F_SETFD, FD_CLOEXEC));
	snprintf(fdarg, sizeof(fdarg), "%d", p[0]);
	argv[0] = path;
	argv[1] = (char *)"7";
	argv[2] = fdarg;
	argv[3] = NULL;
	memset(&c, 0, sizeof(c));
	c.path = path;
	c.argv = argv;
	c.envp = environ;
	c.err_slot = (long *)&err;
	c.exit_code = 127;
	pid = kc_vfork_clone(VFORK_FLAGS | SIGCHLD, &pidfd, &c);
	ATF_REQUIRE_MSG(pid > 0, "vfork-style clone: %s", kc_errname(errno));
	RL(close(p[0]));
	ATF_CHECK_EQ_MSG(1, err, "exec of %s reported %ld", path, err);
	ATF_REQUIRE_MSG(pidfd >= 0, "pidfd slot after clone: %d", pidfd);
	KC_REQUIRE_EQ((ssize_t)1, write(p[1], "x", 1));
	RL(close(p[1]));
	reap_pidfd(pidfd, (pid_t)pid, WEXITED, 7);
	RL(close(pidfd));
}

/* An exec failure is seen by the parent (-ENOENT in the shared slot) and
 * through the pidfd (the child's exit code). */
KC_CASE(vfork_pidfd__exec_failure_reported,
    "A failed exec in a vfork-style clone is reported to the parent and through the pidfd")
{
	struct kc_vfork_child c;
	char path[1024];
	char *argv[2];
	volatile long err = 1;
	int pidfd = -1;
	long pid;

	require_vfork_pidfd(tc);
	kc_helper_path(tc, "no_such_program", path, sizeof(path));
	argv[0] = path;
	argv[1] = NULL;
	memset(&c, 0, sizeof(c));
	c.path = path;
	c.argv = argv;
	c.envp = environ;
	c.err_slot = (long *)&err;
	c.exit_code = 127;
	pid = kc_vfork_clone(VFORK_FLAGS | SIGCHLD, &pidfd, &c);
	ATF_REQUIRE_MSG(pid > 0, "vfork-style clone: %s", kc_errname(errno));
	ATF_REQUIRE_MSG(pidfd >= 0, "pidfd slot after clone: %d", pidfd);
	reap_pidfd(pidfd, (pid_t)pid, WEXITED, 127);
	RL(close(pidfd));
	kc_known_expect_fail("qemu_vfork_as_fork", kc_qemu_user_version(tc));
	ATF_CHECK_EQ_MSG(-ENOENT, err, "exec error seen by the parent: %ld, expected -ENOENT",
	    err);
	kc_expect_pass();
}

/*
 * Go's os_checkClonePidfd: exit signal 0 makes a "clone child", which
 * waitid(P_PIDFD, WEXITED) does not see (ECHILD) and
 * waitid(P_PIDFD, WEXITED|__WCLONE) with a non-NULL info reaps.
 */
KC_CASE(vfork_pidfd__clone_child_needs_wclone,
    "A vfork-style clone with exit signal 0 is reaped only with __WCLONE (Go's checkClonePidfd)")
{
	struct kc_vfork_child c;
	siginfo_t si;
	int pidfd = -1, r;
	long pid;

	require_vfork_pidfd(tc);
	memset(&c, 0, sizeof(c));
	c.exit_code = 0;
	pid = kc_vfork_clone(VFORK_FLAGS, &pidfd, &c);
	kc_known_expect_fail("qemu_clone_exit_signal_einval", kc_qemu_user_version(tc));
	ATF_REQUIRE_MSG(pid > 0, "vfork-style clone (exit signal 0): %s", kc_errname(errno));
	ATF_REQUIRE_MSG(pidfd >= 0, "pidfd slot after clone: %d", pidfd);
	memset(&si, 0, sizeof(si));
	r = kc_waitid(P_PIDFD, pidfd, &si, WEXITED, NULL);
	kc_skip_if_waitid_pidfd_absent(r, errno);
	ATF_CHECK_MSG(r == -1 && errno == ECHILD,
	    "waitid(P_PIDFD, WEXITED) on a clone child: expected ECHILD, got %d %s (si_pid %d)",
	    r, r == -1 ? kc_errname(errno) : "", (int)si.si_pid);
	if (r == 0 && si.si_pid == pid) {
		RL(close(pidfd));	/* wrongly reaped already */
		return;
	}
	reap_pidfd(pidfd, (pid_t)pid, WEXITED | __WCLONE, 0);
	KC_CHECK_ERRNO(ECHILD, kc_waitid(P_PIDFD, pidfd, &si, WEXITED | __WCLONE, NULL));
	RL(close(pidfd));
}

/* forkExec's variant: exit signal SIGCHLD, reaped with plain WEXITED. */
KC_CASE(vfork_pidfd__sigchld_reaped_wexited,
    "A vfork-style clone with exit signal SIGCHLD is reaped by waitid(P_PIDFD, WEXITED)")
{
	struct kc_vfork_child c;
	siginfo_t si;
	int pidfd = -1;
	long pid;

	require_vfork_pidfd(tc);
	memset(&c, 0, sizeof(c));
	c.exit_code = 3;
	pid = kc_vfork_clone(VFORK_FLAGS | SIGCHLD, &pidfd, &c);
	ATF_REQUIRE_MSG(pid > 0, "vfork-style clone (SIGCHLD): %s", kc_errname(errno));
	ATF_REQUIRE_MSG(pidfd >= 0, "pidfd slot after clone: %d", pidfd);
	reap_pidfd(pidfd, (pid_t)pid, WEXITED, 3);
	KC_CHECK_ERRNO(ECHILD, kc_waitid(P_PIDFD, pidfd, &si, WEXITED, NULL));
	RL(close(pidfd));
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, vfork_pidfd__shared_write_visible);
	ATF_TP_ADD_TC(tp, vfork_pidfd__exec_resumes_parent);
	ATF_TP_ADD_TC(tp, vfork_pidfd__exec_failure_reported);

	ATF_TP_ADD_TC(tp, vfork_pidfd__clone_child_needs_wclone);
	ATF_TP_ADD_TC(tp, vfork_pidfd__sigchld_reaped_wexited);

	return (atf_no_error());
}
