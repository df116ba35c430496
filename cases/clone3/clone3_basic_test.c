/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * clone3(2) basics a caller relies on: the exit signal it names, CLONE_FS
 * sharing, CLONE_CHILD_SETTID, and CLONE_NEWPID without set_tid (LTP
 * clone301).
 */
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_child.h"
#include "kc_macros.h"
#include "kc_probe.h"
#include "kc_sys.h"
#include "kc_userns.h"

#define WAIT_S	10	/* bound on a signal that must come */

/* What the single-threaded parent of exit_signal_sigusr2 saw. */
struct sig_result {
	long	r;		/* clone3 */
	int	e;
	int	got;		/* sigtimedwait: signal number, or -1 */
	int	got_e;
	pid_t	sender;
	int	code;
	int	reap_r, reap_e;	/* waitid(__WCLONE) */
	int	status;
};

/* In a single-threaded fork child: clone3 with exit_signal SIGUSR2, then wait for it. */
static void
sigusr2_parent(int report)
{
	struct kc_clone_args ca;
	struct timespec ts = { WAIT_S, 0 };
	struct sig_result res;
	siginfo_t si;
	sigset_t set;

	memset(&res, 0, sizeof(res));
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	KC_CHILD_REQUIRE(sigprocmask(SIG_BLOCK, &set, NULL) == 0);
	memset(&ca, 0, sizeof(ca));
	ca.exit_signal = SIGUSR2;
	res.r = kc_clone3(&ca, CLONE_ARGS_SIZE_VER0);
	res.e = errno;
	if (res.r == 0)
		_exit(0);
	if (res.r > 0) {
		memset(&si, 0, sizeof(si));
		res.got = sigtimedwait(&set, &si, &ts);
		res.got_e = errno;
		res.sender = si.si_pid;
		res.code = si.si_code;
		memset(&si, 0, sizeof(si));
		res.reap_r = kc_waitid(P_PID, res.r, &si, WEXITED | __WCLONE, NULL);
		res.reap_e = errno;
		res.status = si.si_status;
	}
	KC_CHILD_REQUIRE(write(report, &res, sizeof(res)) == (ssize_t)sizeof(res));
	_exit(0);
}

/*
 * The child's exit is announced with the exit_signal given, here SIGUSR2
 * (si_pid the child, si_code CLD_EXITED), and a child whose exit signal is
 * not SIGCHLD is waited for with __WCLONE.  The parent is a single-threaded
 * fork child, so the blocked SIGUSR2 cannot land on another thread.
 */
KC_CASE(clone3_basic__exit_signal_sigusr2,
    "clone3(2) exit_signal SIGUSR2: the parent gets SIGUSR2 when the child exits")
{
	struct sig_result res;
	int rep[2];
	ssize_t n;
	pid_t m;

	kc_require_clone3();
	RL(pipe2(rep, O_CLOEXEC));
	m = kc_fork();
	if (m == 0) {
		(void)close(rep[0]);
		sigusr2_parent(rep[1]);
	}
	RL(close(rep[1]));
	n = read(rep[0], &res, sizeof(res));
	RL(close(rep[0]));
	kc_require_exit(m, 0);
	KC_REQUIRE_EQ((ssize_t)sizeof(res), n);
	KC_REQUIRE_OK(res.r, res.e);
	KC_CHECK_EQ(SIGUSR2, res.got);
	if (res.got == -1)
		KC_CHECK_EQ(0, res.got_e);	/* prints the errno of sigtimedwait */
	KC_CHECK_EQ((pid_t)res.r, res.sender);
	KC_CHECK_EQ(CLD_EXITED, res.code);
	KC_CHECK_OK(res.reap_r, res.reap_e);
	KC_CHECK_EQ(0, res.status);
}

/* clone3(flags) fork-like; the child sets umask 027 and exits.  Returns our umask after. */
static mode_t
umask_after_child(uint64_t flags)
{
	struct kc_clone_args ca;
	mode_t before, after;
	pid_t pid;

	before = umask(022);
	memset(&ca, 0, sizeof(ca));
	ca.flags = flags;
	ca.exit_signal = SIGCHLD;
	pid = (pid_t)kc_clone3(&ca, CLONE_ARGS_SIZE_VER0);
	if (pid == 0) {
		(void)umask(027);
		_exit(0);
	}
	if (pid == -1) {
		(void)umask(before);
		atf_tc_fail("clone3(%#llx): %s", (unsigned long long)flags, strerror(errno));
	}
	kc_require_exit(pid, 0);
	after = umask(before);
	return (after);
}

/*
 * CLONE_FS shares the filesystem information (umask, cwd, root): the
 * child's umask(027) is the parent's afterwards; without CLONE_FS the
 * parent's umask is untouched (LTP clone301, clone02).
 */
KC_CASE(clone3_basic__clone_fs_shares_umask,
    "clone3(2) CLONE_FS: the child's umask change is seen by the parent; not without it")
{
	mode_t shared, own;

	kc_require_clone3();
	shared = umask_after_child(CLONE_FS);
	own = umask_after_child(0);
	KC_CHECK_EQ(027u, (unsigned)shared);
	KC_CHECK_EQ(022u, (unsigned)own);
}

/*
 * CLONE_CHILD_SETTID stores the child's tid at child_tid in the child's
 * memory before it runs: with child_tid in a shared mapping the parent
 * sees the child's pid there, and the child sees its own pid.
 */
KC_CASE(clone3_basic__child_settid,
    "clone3(2) CLONE_CHILD_SETTID writes the child's tid at child_tid")
{
	struct kc_clone_args ca;
	volatile int *ctid;
	pid_t pid;

	kc_require_clone3();
	ctid = mmap(NULL, sizeof(int), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ATF_REQUIRE_MSG(ctid != MAP_FAILED, "mmap: %s", strerror(errno));
	*ctid = -1;
	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_CHILD_SETTID;
	ca.child_tid = kc_ptr((const void *)ctid);
	ca.exit_signal = SIGCHLD;
	pid = (pid_t)kc_clone3(&ca, CLONE_ARGS_SIZE_VER0);
	if (pid == 0)
		_exit(*ctid == getpid() ? 0 : 1);
	ATF_REQUIRE_MSG(pid > 0, "clone3(CLONE_CHILD_SETTID): %s", strerror(errno));
	kc_require_exit(pid, 0);
	KC_CHECK_EQ(pid, *ctid);
	RL(munmap((void *)ctid, sizeof(int)));
}

/* What the namespace-capable child saw for clone3(CLONE_NEWPID). */
struct newpid_result {
	long	r;
	int	e;
	int	status;
};

static int
newpid_child(void *arg)
{
	struct newpid_result res;
	struct kc_clone_args ca;
	int report = *(int *)arg;

	memset(&res, 0, sizeof(res));
	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_NEWPID;
	ca.exit_signal = SIGCHLD;
	res.r = kc_clone3(&ca, CLONE_ARGS_SIZE_VER0);
	res.e = errno;
	if (res.r == 0)
		_exit(getpid() == 1 && getppid() == 0 ? 0 : 1);
	if (res.r > 0)
		KC_CHILD_REQUIRE(waitpid((pid_t)res.r, &res.status, 0) == res.r);
	KC_CHILD_REQUIRE(write(report, &res, sizeof(res)) == (ssize_t)sizeof(res));
	return (0);
}

/*
 * clone3(CLONE_NEWPID) without set_tid makes the child pid 1 of the new
 * namespace, whose parent is outside it (getppid() 0).  Root has the
 * capability; other users get it in a user namespace.
 */
KC_CASE(clone3_basic__newpid_child_is_init,
    "clone3(2) CLONE_NEWPID without set_tid: the child is pid 1 with getppid() 0")
{
	struct newpid_result res;
	int rep[2], r;
	ssize_t n;

	kc_require_clone3();
	RL(pipe2(rep, O_CLOEXEC));
	r = kc_userns_run(KC_USERNS_IF_UNPRIVILEGED, newpid_child, &rep[1]);
	RL(close(rep[1]));
	n = read(rep[0], &res, sizeof(res));
	RL(close(rep[0]));
	KC_REQUIRE_EQ(0, r);
	KC_REQUIRE_EQ((ssize_t)sizeof(res), n);
	KC_REQUIRE_OK(res.r, res.e);
	KC_CHECK_EQ(true, WIFEXITED(res.status));
	KC_CHECK_EQ(0, WEXITSTATUS(res.status));	/* 1: getpid() != 1 or getppid() != 0 */
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, clone3_basic__exit_signal_sigusr2);
	ATF_TP_ADD_TC(tp, clone3_basic__clone_fs_shares_umask);
	ATF_TP_ADD_TC(tp, clone3_basic__child_settid);
	ATF_TP_ADD_TC(tp, clone3_basic__newpid_child_is_init);

	return (atf_no_error());
}
