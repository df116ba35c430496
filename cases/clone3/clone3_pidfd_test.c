/* SPDX-License-Identifier: BSD-2-Clause */
/* clone3(2) with CLONE_PIDFD: the .pidfd slot, PARENT_SETTID, faults, threads. */
#include <sys/mman.h>
#include <sys/syscall.h>

#include <linux/futex.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_child.h"
#include "kc_clone3.h"
#include "kc_kfacts.h"
#include "kc_macros.h"
#include "kc_pidfd.h"
#include "kc_probe.h"
#include "kc_sys.h"

#define STACK_SIZE	(64 * 1024)

/* The lowest fd number not open now: the one the next fd will get. */
static int
next_fd(void)
{
	int fd;

	RL(fd = dup(0));
	RL(close(fd));
	return (fd);
}

/*
 * CLONE_PIDFD writes a pidfd for the child into .pidfd (pre-set to -1, so
 * an untouched slot shows), with FD_CLOEXEC, referring to the child; the
 * fd is installed after the fd table is copied, so the child never has it.
 */
KC_CASE(clone3_pidfd__written_cloexec,
    "clone3(2) CLONE_PIDFD writes a CLOEXEC pidfd of the child into .pidfd, "
    "absent from the child's fd table")
{
	struct kc_clone_args a;
	int pidfd = -1, expect, fl;
	long pid, fdpid;

	kc_require_clone3();
	expect = next_fd();
	memset(&a, 0, sizeof(a));
	a.flags = CLONE_PIDFD;
	a.pidfd = kc_ptr(&pidfd);
	a.exit_signal = SIGCHLD;
	pid = kc_clone3(&a, sizeof(a));
	if (pid == 0) {
		/* The parent's pidfd number must not be open here. */
		KC_CHILD_REQUIRE(fcntl(expect, F_GETFD) == -1 && errno == EBADF);
		_exit(0);
	}
	ATF_REQUIRE_MSG(pid > 0, "clone3(CLONE_PIDFD): expected a child, seen -1 %s", kc_errname(errno));
	ATF_CHECK_MSG(pidfd >= 0, ".pidfd: expected an fd written by the kernel, seen %d", pidfd);
	if (pidfd >= 0) {
		KC_CHECK_EQ(expect, pidfd);	/* the lowest free fd */
		RL(fl = fcntl(pidfd, F_GETFD));
		KC_CHECK_BITS(fl, FD_CLOEXEC);
		RL(kc_fdinfo_pid(pidfd, &fdpid));
		KC_CHECK_EQ(pid, fdpid);
	}
	kc_require_exit((pid_t)pid, 0);
	if (pidfd >= 0)
		RL(close(pidfd));
}

/* clone3 has separate .pidfd and .parent_tid fields: with distinct
 * pointers, PIDFD and PARENT_SETTID both work (legacy clone cannot). */
KC_CASE(clone3_pidfd__parent_settid_distinct_ok,
    "clone3(2) CLONE_PIDFD|CLONE_PARENT_SETTID through distinct pointers writes both")
{
	struct kc_clone_args a;
	int pidfd = -1, tid = -1;
	long pid;

	kc_require_clone3();
	memset(&a, 0, sizeof(a));
	a.flags = CLONE_PIDFD | CLONE_PARENT_SETTID;
	a.pidfd = kc_ptr(&pidfd);
	a.parent_tid = kc_ptr(&tid);
	a.exit_signal = SIGCHLD;
	pid = kc_clone3(&a, sizeof(a));
	if (pid == 0)
		_exit(0);
	ATF_REQUIRE_MSG(pid > 0, "clone3(PIDFD|PARENT_SETTID): expected a child, seen -1 %s",
	    kc_errname(errno));
	kc_require_exit((pid_t)pid, 0);
	KC_CHECK_EQ(pid, tid);
	ATF_CHECK_MSG(pidfd >= 0, ".pidfd: expected an fd written by the kernel, seen %d", pidfd);
	if (pidfd >= 0)
		RL(close(pidfd));
}

/* One int cannot hold both a pid and an fd: the same pointer in .pidfd and
 * .parent_tid is EINVAL. */
KC_CASE(clone3_pidfd__parent_settid_same_einval,
    "clone3(2) CLONE_PIDFD|CLONE_PARENT_SETTID through the same pointer fails with EINVAL")
{
	struct kc_clone_args a;
	int slot = -1;

	kc_require_clone3();
	memset(&a, 0, sizeof(a));
	a.flags = CLONE_PIDFD | CLONE_PARENT_SETTID;
	a.pidfd = kc_ptr(&slot);
	a.parent_tid = kc_ptr(&slot);
	a.exit_signal = SIGCHLD;
	KC_CLONE3_REQUIRE_ERRNO(EINVAL, &a, sizeof(a), "PIDFD|PARENT_SETTID, one pointer");
	KC_CHECK_EQ(-1, slot);	/* a failed call writes no slot */
}

/* The pidfd is stored before the child may run: a store that faults is
 * EFAULT and the child is torn down (no zombie, no running child). */
KC_CASE(clone3_pidfd__bad_pointer_efault_no_child,
    "clone3(2) with an unwritable .pidfd fails with EFAULT and leaves no child")
{
	struct kc_clone_args a;
	siginfo_t si;
	long pid;
	int e;

	kc_require_clone3();
	memset(&a, 0, sizeof(a));
	a.flags = CLONE_PIDFD;
	a.pidfd = kc_ptr(kc_fault_page());
	a.exit_signal = SIGCHLD;
	ATF_REQUIRE_MSG(a.pidfd != 0, "mmap PROT_NONE: %s", strerror(errno));
	pid = kc_clone3(&a, sizeof(a));
	if (pid == 0)
		_exit(0);
	e = errno;
	if (pid > 0)
		kc_require_exit((pid_t)pid, 0);
	ATF_REQUIRE_MSG(pid == -1 && e == EFAULT, "clone3(.pidfd unwritable): expected EFAULT, "
	    "got %s", pid == -1 ? kc_errname(e) : "a child");
	memset(&si, 0, sizeof(si));
	KC_CHECK_ERRNO(ECHILD, kc_waitid(P_ALL, 0, &si, WEXITED | WNOHANG | __WALL, NULL));
}

/* Wait (futex, with a timeout) until the kernel clears *ctid at thread exit. */
static int
wait_cleartid(volatile int *ctid)
{
	struct timespec ts = { 10, 0 };
	int v;

	while ((v = *ctid) != 0) {
		if (syscall(SYS_futex, ctid, FUTEX_WAIT, v, &ts, NULL, 0) == -1 &&
		    errno == ETIMEDOUT)
			return (-1);
	}
	return (0);
}

/*
 * CLONE_PIDFD|CLONE_THREAD: EINVAL before 6.9; from 6.9 a pidfd for the
 * new thread (PIDFD_THREAD).  The expectation comes from the kernel-facts
 * table for the running kernel.  The thread runs the lib/arch stub on its
 * own stack and ends with exit(2).
 */
KC_CASE(clone3_pidfd__thread_per_kfacts,
    "clone3(2) CLONE_PIDFD|CLONE_THREAD: EINVAL before 6.9, a thread pidfd from 6.9 "
    "(kernel-facts table)")
{
	struct kc_clone_args a;
	struct kc_vfork_child c;
	volatile int ctid = 1;
	int pidfd = -1, fl;
	long tid, fdpid, mark = 0;
	char *stk, fact[256];

	kc_require_clone3();
	if (!kc_vfork_clone3_native)
		atf_tc_skip("lib/arch: no vfork_clone3 stub for this arch");
	kc_kfact_describe(KC_KF_CLONE_PIDFD_THREAD, fact, sizeof(fact));
	stk = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ATF_REQUIRE_MSG(stk != MAP_FAILED, "mmap: %s", strerror(errno));
	memset(&a, 0, sizeof(a));
	a.flags = CLONE_THREAD | CLONE_SIGHAND | CLONE_VM | CLONE_PIDFD | CLONE_CHILD_CLEARTID;
	a.pidfd = kc_ptr(&pidfd);
	a.child_tid = kc_ptr((const void *)&ctid);
	a.stack = kc_ptr(stk);
	a.stack_size = STACK_SIZE;
	memset(&c, 0, sizeof(c));
	c.mark_slot = &mark;
	c.mark = 1;
	tid = kc_vfork_clone3(&a, sizeof(a), &c, NULL);
	if (tid > 0)
		ATF_REQUIRE_MSG(wait_cleartid(&ctid) == 0, "thread %ld did not exit in 10 s", tid);
	if (!kc_kfact(KC_KF_CLONE_PIDFD_THREAD)) {
		ATF_CHECK_MSG(tid == -1 && errno == EINVAL, "expected EINVAL, got %s; %s",
		    tid == -1 ? kc_errname(errno) : "a thread", fact);
	} else {
		ATF_REQUIRE_MSG(tid > 0, "expected a thread, got %s; %s", kc_errname(errno), fact);
		KC_CHECK_EQ(1, mark);	/* the thread ran */
		ATF_REQUIRE_MSG(pidfd >= 0, ".pidfd: expected an fd written by the kernel, seen %d; %s",
		    pidfd, fact);
		RL(kc_fdinfo_pid(pidfd, &fdpid));
		ATF_CHECK_MSG(fdpid == tid || fdpid == -1,
		    "fdinfo Pid: expected %ld (the thread) or -1, seen %ld", tid, fdpid);
		RL(fl = fcntl(pidfd, F_GETFL));
		KC_CHECK_BITS_KF(KC_KF_CLONE_PIDFD_THREAD, fl, PIDFD_THREAD);
	}
	if (pidfd >= 0)
		RL(close(pidfd));
	RL(munmap(stk, STACK_SIZE));
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, clone3_pidfd__written_cloexec);
	ATF_TP_ADD_TC(tp, clone3_pidfd__parent_settid_distinct_ok);
	ATF_TP_ADD_TC(tp, clone3_pidfd__parent_settid_same_einval);
	ATF_TP_ADD_TC(tp, clone3_pidfd__bad_pointer_efault_no_child);
	ATF_TP_ADD_TC(tp, clone3_pidfd__thread_per_kfacts);

	return (atf_no_error());
}
