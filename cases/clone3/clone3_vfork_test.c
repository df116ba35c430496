/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * clone3(2) vfork-style, CLONE_VM|CLONE_VFORK|CLONE_PIDFD with no stack: the
 * path Go takes when it needs clone3 (UseCgroupFD, CLONE_NEWTIME), issued
 * through the raw stub in lib/arch (the child touches no stack).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_child.h"
#include "kc_clone3.h"
#include "kc_macros.h"
#include "kc_pidfd.h"
#include "kc_probe.h"
#include "kc_sys.h"

static void
require_stub(void)
{
	kc_require_clone3();
	if (!kc_vfork_clone3_native)
		atf_tc_skip("lib/arch: no vfork_clone3 stub for this arch");
}

static void
vfork_args(struct kc_clone_args *a, int *pidfd, uint64_t exit_signal)
{
	memset(a, 0, sizeof(*a));
	a->flags = CLONE_VM | CLONE_VFORK | CLONE_PIDFD;
	a->pidfd = kc_ptr(pidfd);
	a->exit_signal = exit_signal;
}

/*
 * The parent is suspended until the child exits, the child's store is in
 * the parent's memory (CLONE_VM), and .pidfd holds a CLOEXEC pidfd of the
 * child on return.  A kernel (or emulator) that runs it as a fork loses the
 * store; one that ignores CLONE_PIDFD leaves -1.
 */
KC_CASE(clone3_vfork__pidfd_shared_memory,
    "vfork-style clone3 without a stack: shared memory, parent resumed after the "
    "child exits, CLOEXEC pidfd in .pidfd")
{
	struct kc_clone_args a;
	struct kc_vfork_child c;
	int pidfd = -1, fl;
	long pid, mark = 0, fdpid;

	require_stub();
	vfork_args(&a, &pidfd, SIGCHLD);
	memset(&c, 0, sizeof(c));
	c.mark_slot = &mark;
	c.mark = 0x6b63;
	c.exit_code = 3;
	pid = kc_vfork_clone3(&a, sizeof(a), &c, NULL);
	ATF_REQUIRE_MSG(pid > 0, "clone3(VM|VFORK|PIDFD): expected a child, seen -1 %s",
	    kc_errname(errno));
	/* No wait yet: CLONE_VFORK means the child has already exited. */
	/* The child's store is visible: not run as a fork, the parent did
	 * not resume early. */
	KC_CHECK_EQ_HEX(0x6b63, mark);
	ATF_CHECK_MSG(pidfd >= 0, ".pidfd: expected an fd written by the kernel, seen %d", pidfd);
	if (pidfd >= 0) {
		RL(fl = fcntl(pidfd, F_GETFD));
		KC_CHECK_BITS(fl, FD_CLOEXEC);
		RL(kc_fdinfo_pid(pidfd, &fdpid));
		KC_CHECK_EQ(pid, fdpid);
	}
	kc_require_exit((pid_t)pid, 3);
	if (pidfd >= 0)
		RL(close(pidfd));
}

/*
 * The child execs (Go's forkExec) and its status comes back through the
 * pidfd with waitid(P_PIDFD); an exec that fails is reported through the
 * shared err_slot as -ENOENT before the child exits with 127.
 */
KC_CASE(clone3_vfork__exec_status_through_pidfd,
    "vfork-style clone3: exec'd child's status through waitid(P_PIDFD); exec "
    "failure reported through shared memory")
{
	static char *const argv[] = { "sh", "-c", "exit 5", NULL };
	static char *const envp[] = { NULL };
	struct kc_clone_args a;
	struct kc_vfork_child c;
	siginfo_t si;
	char buf[64];
	int pidfd = -1;
	long pid, err = 0;

	require_stub();
	kc_require_waitid_pidfd();
	vfork_args(&a, &pidfd, SIGCHLD);
	memset(&c, 0, sizeof(c));
	c.path = "/bin/sh";
	c.argv = argv;
	c.envp = envp;
	c.err_slot = &err;
	c.exit_code = 127;
	pid = kc_vfork_clone3(&a, sizeof(a), &c, NULL);
	ATF_REQUIRE_MSG(pid > 0, "clone3(VM|VFORK|PIDFD): expected a child, seen -1 %s",
	    kc_errname(errno));
	ATF_REQUIRE_MSG(pidfd >= 0, ".pidfd: expected an fd written by the kernel, seen %d", pidfd);
	memset(&si, 0, sizeof(si));
	RL(kc_waitid(P_PIDFD, pidfd, &si, WEXITED, NULL));
	ATF_CHECK_MSG(si.si_pid == pid && si.si_code == CLD_EXITED && si.si_status == 5,
	    "waitid(P_PIDFD): pid %d (child %ld), %s; expected exited 5", (int)si.si_pid, pid,
	    kc_describe_status(&si, buf, sizeof(buf)));
	KC_CHECK_EQ(0, err);
	RL(close(pidfd));

	/* An exec that fails: -ENOENT in err_slot, exit 127. */
	pidfd = -1;
	vfork_args(&a, &pidfd, SIGCHLD);
	c.path = "/nonexistent/kconform-no-such-program";
	pid = kc_vfork_clone3(&a, sizeof(a), &c, NULL);
	ATF_REQUIRE_MSG(pid > 0, "clone3(VM|VFORK|PIDFD): expected a child, seen -1 %s",
	    kc_errname(errno));
	KC_CHECK_EQ(-ENOENT, err);
	ATF_REQUIRE_MSG(pidfd >= 0, ".pidfd: expected an fd written by the kernel, seen %d", pidfd);
	memset(&si, 0, sizeof(si));
	RL(kc_waitid(P_PIDFD, pidfd, &si, WEXITED, NULL));
	ATF_CHECK_MSG(si.si_code == CLD_EXITED && si.si_status == 127,
	    "waitid(P_PIDFD): %s; expected exited 127", kc_describe_status(&si, buf, sizeof(buf)));
	RL(close(pidfd));
}

/*
 * With exit_signal 0 (Go's checkClonePidfd) the child is a "clone child":
 * waitid without __WCLONE does not see it (ECHILD), with __WCLONE it is
 * reaped with its status.
 */
KC_CASE(clone3_vfork__exit_signal_zero_needs_wclone,
    "vfork-style clone3 with exit_signal 0: invisible to waitid without __WCLONE, "
    "reaped with it")
{
	struct kc_clone_args a;
	struct kc_vfork_child c;
	siginfo_t si;
	char buf[64];
	int pidfd = -1;
	long pid;

	require_stub();
	vfork_args(&a, &pidfd, 0);
	memset(&c, 0, sizeof(c));
	c.exit_code = 4;
	pid = kc_vfork_clone3(&a, sizeof(a), &c, NULL);
	ATF_REQUIRE_MSG(pid > 0, "clone3(VM|VFORK|PIDFD, exit_signal 0): expected a child, seen -1 %s",
	    kc_errname(errno));
	memset(&si, 0, sizeof(si));
	KC_CHECK_ERRNO(ECHILD, kc_waitid(P_PID, pid, &si, WEXITED | WNOHANG, NULL));
	/* Blocking: the child is already exiting (CLONE_VFORK resumed us), and
	 * with exit signal 0 no SIGCHLD would wake a timed wait without pidfds. */
	RL(kc_waitid(P_PID, pid, &si, WEXITED | __WCLONE, NULL));
	ATF_CHECK_MSG(si.si_code == CLD_EXITED && si.si_status == 4,
	    "expected exited 4, got %s", kc_describe_status(&si, buf, sizeof(buf)));
	if (pidfd >= 0)
		RL(close(pidfd));
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, clone3_vfork__pidfd_shared_memory);
	ATF_TP_ADD_TC(tp, clone3_vfork__exec_status_through_pidfd);
	ATF_TP_ADD_TC(tp, clone3_vfork__exit_signal_zero_needs_wclone);

	return (atf_no_error());
}
