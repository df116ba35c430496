/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Legacy clone(2) with CLONE_PIDFD through the raw call in this arch's
 * argument order (pidfd slot = parent_tid): the slot contract, the fd it
 * returns, and the flag combinations the kernel rejects.
 */
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
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
#include "kc_probe_pidfd.h"
#include "kc_sys.h"

/* Fork-like raw clone with CLONE_PIDFD; the child _exit()s with `code`. */
static pid_t
clone_pidfd_child(int *pidfd, int code)
{
	long pid;

	pid = kc_clone_raw(CLONE_PIDFD | SIGCHLD, NULL, pidfd, NULL, 0);
	if (pid == 0)
		_exit(code);
	ATF_REQUIRE_MSG(pid > 0, "clone(CLONE_PIDFD|SIGCHLD): %s", kc_errname(errno));
	return ((pid_t)pid);
}

/*
 * The slot, pre-set to -1, is overwritten with the new pidfd (an unknown
 * CLONE_PIDFD bit would leave it untouched), and fdinfo names the child.
 */
KC_CASE(clone_pidfd__slot_overwritten,
    "clone(CLONE_PIDFD) overwrites a slot pre-set to -1 with a pidfd for the child")
{
	int pidfd = -1;
	long fpid;
	pid_t pid;

	kc_require_clone_pidfd_consistent(tc);
	pid = clone_pidfd_child(&pidfd, 0);
	ATF_CHECK_MSG(pidfd >= 0, "pidfd slot after clone: %d", pidfd);
	if (pidfd >= 0) {
		RL(kc_fdinfo_pid(pidfd, &fpid));
		KC_CHECK_EQ((long)pid, fpid);
	}
	kc_require_exit(pid, 0);
	if (pidfd >= 0)
		RL(close(pidfd));
}

/* The pidfd is close-on-exec and open for reading and writing. */
KC_CASE(clone_pidfd__cloexec_rdwr, "The pidfd from clone(CLONE_PIDFD) has FD_CLOEXEC and O_RDWR")
{
	int pidfd = -1, fdfl, fl;
	pid_t pid;

	kc_require_clone_pidfd_consistent(tc);
	pid = clone_pidfd_child(&pidfd, 0);
	kc_require_exit(pid, 0);
	RL(fdfl = fcntl(pidfd, F_GETFD));
	RL(fl = fcntl(pidfd, F_GETFL));
	ATF_CHECK_MSG(fdfl & FD_CLOEXEC, "F_GETFD %#x lacks FD_CLOEXEC", fdfl);
	ATF_CHECK_MSG((fl & O_ACCMODE) == O_RDWR, "F_GETFL %#x: access mode is not O_RDWR", fl);
	RL(close(pidfd));
}

/*
 * The pidfd is installed after the fd table is copied, so a child without
 * CLONE_FILES does not hold it: the number is free in the child.
 */
KC_CASE(clone_pidfd__child_lacks_fd,
    "The child of clone(CLONE_PIDFD) without CLONE_FILES does not hold the pidfd")
{
	int pidfd = -1, p[2], n;
	long pid;

	kc_require_clone_pidfd_consistent(tc);
	RL(pipe2(p, O_CLOEXEC));
	pid = kc_clone_raw(CLONE_PIDFD | SIGCHLD, NULL, &pidfd, NULL, 0);
	if (pid == 0) {
		/* The parent sends the pidfd number; it must not be open here. */
		close(p[1]);
		KC_CHILD_REQUIRE(read(p[0], &n, sizeof(n)) == (ssize_t)sizeof(n));
		KC_CHILD_REQUIRE(n != p[0]);
		KC_CHILD_REQUIRE(fcntl(n, F_GETFD) == -1 && errno == EBADF);
		_exit(0);
	}
	ATF_REQUIRE_MSG(pid > 0, "clone(CLONE_PIDFD|SIGCHLD): %s", kc_errname(errno));
	RL(close(p[0]));
	n = pidfd;
	KC_REQUIRE_EQ((ssize_t)sizeof(n), write(p[1], &n, sizeof(n)));
	RL(close(p[1]));
	kc_require_exit((pid_t)pid, 0);
	RL(close(pidfd));
}

/*
 * Legacy clone has one pointer for both CLONE_PIDFD and CLONE_PARENT_SETTID,
 * so the pair is always EINVAL; no child, slot untouched.
 */
KC_CASE(clone_pidfd__parent_settid_einval,
    "clone(CLONE_PIDFD|CLONE_PARENT_SETTID) fails with EINVAL and creates no child")
{
	int pidfd = -1;
	long pid;

	kc_require_clone_pidfd_consistent(tc);
	errno = 0;
	pid = kc_clone_raw(CLONE_PIDFD | CLONE_PARENT_SETTID | SIGCHLD, NULL, &pidfd, NULL, 0);
	if (pid == 0)
		_exit(0);
	if (pid > 0)
		kc_require_exit((pid_t)pid, 0);
	ATF_CHECK_MSG(pid == -1 && errno == EINVAL,
	    "clone(CLONE_PIDFD|CLONE_PARENT_SETTID): expected EINVAL, got %ld %s",
	    pid, pid == -1 ? kc_errname(errno) : "");
	/* Not closed if written: it may hold a tid (PARENT_SETTID), not an fd. */
	KC_CHECK_EQ(-1, pidfd);
}

/* CLONE_DETACHED is ignored alone but rejected with CLONE_PIDFD. */
KC_CASE(clone_pidfd__detached_einval,
    "clone(CLONE_PIDFD|CLONE_DETACHED) fails with EINVAL and creates no child")
{
	int pidfd = -1;
	long pid;

	kc_require_clone_pidfd_consistent(tc);
	errno = 0;
	pid = kc_clone_raw(CLONE_PIDFD | CLONE_DETACHED | SIGCHLD, NULL, &pidfd, NULL, 0);
	if (pid == 0)
		_exit(0);
	if (pid > 0)
		kc_require_exit((pid_t)pid, 0);
	if (pidfd >= 0)
		close(pidfd);
	kc_known_expect_fail("qemu_clone_detached_ignored", kc_qemu_user_version(tc));
	ATF_CHECK_MSG(pid == -1 && errno == EINVAL,
	    "clone(CLONE_PIDFD|CLONE_DETACHED): expected EINVAL, got %ld %s",
	    pid, pid == -1 ? kc_errname(errno) : "");
}

/* State shared with the CLONE_THREAD child below. */
struct thread_arg {
	volatile pid_t	tid;
	int		ctid;	/* CLONE_CHILD_CLEARTID word: 0 once the thread is gone */
	int		go;	/* read end: the thread returns once it is closed */
};

static int
thread_fn(void *a)
{
	struct thread_arg *t = a;
	char c;

	t->tid = kc_gettid();
	while (read(t->go, &c, 1) == -1 && errno == EINTR)
		;
	return (0);	/* glibc's clone() then calls exit(2): this thread only */
}

/* Release the thread and wait for the kernel to clear its ctid word. */
static void
thread_finish(struct thread_arg *t, int go_w)
{
	RL(close(go_w));
	/* CLONE_CHILD_CLEARTID: the kernel zeroes ctid and wakes us on exit. */
	while (__atomic_load_n(&t->ctid, __ATOMIC_ACQUIRE) != 0)
		syscall(__NR_futex, &t->ctid, FUTEX_WAIT, t->ctid, NULL, NULL, 0);
}

/*
 * CLONE_PIDFD|CLONE_THREAD: EINVAL before 6.9; from 6.9 a PIDFD_THREAD pidfd
 * that names the new thread (kernel-facts row clone_pidfd_thread): fdinfo
 * Pid is the thread's id, read while the thread is held alive.  The thread
 * needs its own stack, which the raw syscall cannot give a C function, so
 * this case goes through glibc's clone(), which passes ptid in the same
 * slot.
 */
KC_CASE(clone_pidfd__thread,
    "clone(CLONE_PIDFD|CLONE_THREAD) behaves as the kernel-facts table says for this kernel")
{
	const size_t stsz = 256 * 1024;
	struct thread_arg t = { 0, 0, -1 };
	int pidfd = -1, r, e, fl, go[2];
	void *stack;
	long fpid;

	kc_require_clone_pidfd_consistent(tc);
	stack = mmap(NULL, stsz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK,
	    -1, 0);
	ATF_REQUIRE_MSG(stack != MAP_FAILED, "mmap: %s", strerror(errno));
	RL(pipe2(go, O_CLOEXEC));
	t.go = go[0];
	t.ctid = 1;
	r = clone(thread_fn, (char *)stack + stsz,
	    CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
	    CLONE_SYSVSEM | CLONE_PIDFD | CLONE_CHILD_CLEARTID, &t, &pidfd, NULL, &t.ctid);
	e = errno;
	if (!kc_kfact(KC_KF_CLONE_PIDFD_THREAD)) {
		if (r > 0)	/* wrongly created: end it before freeing its stack */
			thread_finish(&t, go[1]);
		else
			RL(close(go[1]));
		KC_CHECK_ERR_KF(KC_KF_CLONE_PIDFD_THREAD, EINVAL, r, e);
		if (pidfd >= 0)
			RL(close(pidfd));
	} else {
		if (r == -1)
			RL(close(go[1]));
		kc_known_expect_fail("qemu_clone_thread_pidfd_einval", kc_qemu_user_version(tc));
		KC_REQUIRE_OK_KF(KC_KF_CLONE_PIDFD_THREAD, r, e);
		if (pidfd < 0)
			thread_finish(&t, go[1]);
		ATF_REQUIRE_MSG(pidfd >= 0, "pidfd slot after clone(CLONE_PIDFD|CLONE_THREAD) "
		    "= %d: %d", r, pidfd);
		RL(fl = fcntl(pidfd, F_GETFL));
		KC_CHECK_BITS_KF(KC_KF_CLONE_PIDFD_THREAD, fl, PIDFD_THREAD);
		fpid = -2;
		e = kc_fdinfo_pid(pidfd, &fpid) == -1 ? errno : 0;
		thread_finish(&t, go[1]);
		KC_CHECK_EQ(0, e);
		KC_CHECK_EQ_KF(KC_KF_CLONE_PIDFD_THREAD, (long)r, fpid);
		KC_CHECK_EQ(r, t.tid);
		RL(close(pidfd));
	}
	RL(close(go[0]));
	RL(munmap(stack, stsz));
}

/*
 * A pidfd pointer the kernel cannot write gives EFAULT, and the kernel
 * unwinds the fork: no child is left behind (not even a zombie).
 */
KC_CASE(clone_pidfd__bad_pointer_efault,
    "clone(CLONE_PIDFD) with an unwritable pidfd pointer fails with EFAULT and leaves no child")
{
	siginfo_t si;
	long pid, pg;
	void *page;
	int r, e;

	kc_require_clone_pidfd_consistent(tc);
	pg = sysconf(_SC_PAGESIZE);
	page = mmap(NULL, (size_t)pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ATF_REQUIRE_MSG(page != MAP_FAILED, "mmap: %s", strerror(errno));
	errno = 0;
	pid = kc_clone_raw(CLONE_PIDFD | SIGCHLD, NULL, page, NULL, 0);
	if (pid == 0)
		_exit(0);
	e = errno;
	memset(&si, 0, sizeof(si));
	r = kc_waitid(P_ALL, 0, &si, WEXITED | WNOHANG | __WALL, NULL);
	if (r == 0 && si.si_pid == 0 && pid > 0)
		kc_require_exit((pid_t)pid, 0);
	kc_known_expect_fail("qemu_clone_pidfd_no_efault", kc_qemu_user_version(tc));
	ATF_CHECK_MSG(pid == -1 && e == EFAULT, "expected EFAULT, got %ld %s", pid,
	    pid == -1 ? kc_errname(e) : "");
	ATF_CHECK_MSG(r == -1 && errno == ECHILD,
	    "waitid(P_ALL) after the failed clone: expected ECHILD, got %d (child %d)",
	    r, (int)si.si_pid);
	RL(munmap(page, (size_t)pg));
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, clone_pidfd__slot_overwritten);
	ATF_TP_ADD_TC(tp, clone_pidfd__cloexec_rdwr);
	ATF_TP_ADD_TC(tp, clone_pidfd__child_lacks_fd);

	ATF_TP_ADD_TC(tp, clone_pidfd__parent_settid_einval);
	ATF_TP_ADD_TC(tp, clone_pidfd__detached_einval);
	ATF_TP_ADD_TC(tp, clone_pidfd__thread);
	ATF_TP_ADD_TC(tp, clone_pidfd__bad_pointer_efault);

	return (atf_no_error());
}
