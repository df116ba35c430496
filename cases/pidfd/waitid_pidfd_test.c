/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * waitid(2) with P_PIDFD: the siginfo for each child state change,
 * O_NONBLOCK pidfds, and the errors for fds that are not (our children's)
 * pidfds.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
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
#include "kc_pidsrc.h"
#include "kc_probe.h"
#include "kc_probe_pidfd.h"
#include "kc_sys.h"

/* A held child and a pidfd for it (pidfd_open with `flags`). */
static int
held_with_pidfd(struct kc_held *h, unsigned int flags, int code)
{
	int fd;

	kc_held_spawn(h, code);
	fd = kc_pidfd_open(h->pid, flags);
	ATF_REQUIRE_MSG(fd >= 0, "pidfd_open(child, %#x): %s", flags, kc_errname(errno));
	return (fd);
}

/* waitid(P_PIDFD) must report `code`/`status` for `pid`. */
static void
require_state(int fd, int options, pid_t pid, int code, int status)
{
	siginfo_t si;
	char buf[64];

	memset(&si, 0, sizeof(si));
	RL(kc_waitid(P_PIDFD, fd, &si, options, NULL));
	KC_CHECK_EQ(SIGCHLD, si.si_signo);
	KC_CHECK_EQ(pid, si.si_pid);
	ATF_CHECK_MSG(si.si_code == code && si.si_status == status,
	    "options %#x: expected si_code %d status %d, got %s", options, code, status,
	    kc_describe_status(&si, buf, sizeof(buf)));
}

/* An exited child: CLD_EXITED with its exit status. */
KC_CASE(waitid_pidfd__exited,
    "waitid(P_PIDFD, WEXITED) reports si_pid, CLD_EXITED and the exit status")
{
	struct kc_held c;
	int fd;

	kc_require_waitid_pidfd();
	fd = kc_held_spawn_pidfd(&c, 42,
	    kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE));
	kc_held_release(&c);
	require_state(fd, WEXITED, c.pid, CLD_EXITED, 42);
	RL(close(fd));
}

/* A child killed by a signal: CLD_KILLED with the signal number. */
KC_CASE(waitid_pidfd__killed,
    "waitid(P_PIDFD, WEXITED) reports CLD_KILLED and the signal for a killed child")
{
	struct kc_held c;
	int fd;

	kc_require_waitid_pidfd();
	fd = kc_held_spawn_pidfd(&c, 0,
	    kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE));
	RL(kill(c.pid, SIGKILL));
	require_state(fd, WEXITED, c.pid, CLD_KILLED, SIGKILL);
	kc_held_release(&c);
	RL(close(fd));
}

/* Stop and continue are reported through the pidfd (WSTOPPED, WCONTINUED). */
KC_CASE(waitid_pidfd__stopped_continued,
    "waitid(P_PIDFD) reports CLD_STOPPED and CLD_CONTINUED, then CLD_EXITED")
{
	struct kc_held c;
	int fd;

	kc_require_waitid_pidfd();
	fd = kc_held_spawn_pidfd(&c, 5,
	    kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE));
	RL(kill(c.pid, SIGSTOP));
	require_state(fd, WSTOPPED, c.pid, CLD_STOPPED, SIGSTOP);
	RL(kill(c.pid, SIGCONT));
	require_state(fd, WCONTINUED, c.pid, CLD_CONTINUED, SIGCONT);
	kc_held_release(&c);
	require_state(fd, WEXITED, c.pid, CLD_EXITED, 5);
	RL(close(fd));
}

/*
 * A non-blocking pidfd of a live child: EAGAIN without WNOHANG, 0 with an
 * si_pid of 0 with WNOHANG.  pidfd_open(child, PIDFD_NONBLOCK), or, where
 * pidfd_open is ENOSYS, a clone(CLONE_PIDFD) pidfd made non-blocking with
 * F_SETFL O_NONBLOCK (PIDFD_NONBLOCK is O_NONBLOCK; waitid honours the file
 * flag from 5.10, kernel-facts row pidfd_nonblock, as pidfd_open does).
 */
KC_CASE(waitid_pidfd__nonblock_eagain,
    "waitid on a non-blocking pidfd of a live child (PIDFD_NONBLOCK, or O_NONBLOCK by "
    "F_SETFL on a clone(CLONE_PIDFD) pidfd) gives EAGAIN; with WNOHANG 0")
{
	struct kc_held c;
	siginfo_t si;
	char why[512];
	int fd;

	kc_require_waitid_pidfd();
	if (kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE) ==
	    KC_PIDFD_FROM_OPEN) {
		kc_require_pidfd_nonblock();
		fd = held_with_pidfd(&c, PIDFD_NONBLOCK, 0);
		kc_known_expect_fail("qemu_pidfd_open_flags_untranslated",
		    kc_qemu_user_version(tc));
	} else {
		if (!kc_kfact(KC_KF_PIDFD_NONBLOCK))
			atf_tc_skip("waitid(P_PIDFD) on an O_NONBLOCK pidfd blocks here: %s",
			    kc_kfact_describe(KC_KF_PIDFD_NONBLOCK, why, sizeof(why)));
		fd = kc_held_spawn_pidfd(&c, 0, KC_PIDFD_FROM_CLONE);
		RL(fcntl(fd, F_SETFL, O_NONBLOCK));
	}
	KC_CHECK_ERRNO(EAGAIN, kc_waitid(P_PIDFD, fd, &si, WEXITED, NULL));
	memset(&si, 0xa5, sizeof(si));
	ATF_CHECK_EQ_MSG(0, kc_waitid(P_PIDFD, fd, &si, WEXITED | WNOHANG, NULL),
	    "waitid(WNOHANG): %s", kc_errname(errno));
	ATF_CHECK_EQ_MSG(0, si.si_pid, "WNOHANG with nothing to report: si_pid %d",
	    (int)si.si_pid);
	kc_held_release(&c);
	kc_require_exit(c.pid, 0);
	RL(close(fd));
}

/* Releases a held child once the waiting thread is blocked in waitid. */
struct releaser {
	pid_t		 tid;		/* the waiting thread */
	struct kc_held	*child;
	volatile int	 done;		/* the waiter returned */
	int		 released;
};

static int
thread_in_waitid(pid_t tid)
{
	char path[64], buf[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%d/syscall", (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return (0);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return (0);
	buf[n] = '\0';
	return (atol(buf) == __NR_waitid);
}

static void *
releaser_fn(void *a)
{
	struct releaser *r = a;

	/* /proc/<tid>/syscall names the syscall a thread is blocked in. */
	while (!r->done && !thread_in_waitid(r->tid))
		sched_yield();
	if (!r->done) {
		close(r->child->release_fd);
		r->child->release_fd = -1;
		r->released = 1;
	}
	return (NULL);
}

/*
 * waitid(P_PIDFD, fd, WEXITED) on held child c must block until the child
 * is released: a releaser thread releases it only once this thread is seen
 * blocked inside waitid, so a waitid that returns early (EAGAIN) fails.
 * `why` is the kernel fact behind the expectation, or KC_KF_NONE.
 */
static void
require_waitid_blocks(int fd, struct kc_held *c, int code, int why)
{
	struct releaser rel;
	pthread_t t;
	siginfo_t si;
	int r, e;

	memset(&rel, 0, sizeof(rel));
	rel.tid = kc_gettid();
	rel.child = c;
	RZ(pthread_create(&t, NULL, releaser_fn, &rel));
	memset(&si, 0xa5, sizeof(si));
	r = kc_waitid(P_PIDFD, fd, &si, WEXITED, NULL);
	e = errno;
	rel.done = 1;
	RZ(pthread_join(t, NULL));
	kc_held_release(c);
	if (r == -1)
		kc_require_exit(c->pid, code);
	if (why >= 0)
		KC_REQUIRE_OK_KF(why, r, e);
	else
		KC_REQUIRE_OK(r, e);
	ATF_CHECK_MSG(rel.released, "waitid returned before the child was released");
	KC_CHECK_EQ(c->pid, si.si_pid);
	KC_CHECK_EQ(CLD_EXITED, si.si_code);
	KC_CHECK_EQ(code, si.si_status);
}

/*
 * F_SETFL O_NONBLOCK on a blocking pidfd: waitid gives EAGAIN from 5.10,
 * and blocks (O_NONBLOCK ignored) before (kernel-facts row
 * waitid_pidfd_nonblock).  No PIDFD_NONBLOCK involved.
 */
KC_CASE(waitid_pidfd__setfl_nonblock_on,
    "Setting O_NONBLOCK with F_SETFL on a pidfd makes waitid give EAGAIN (from 5.10)")
{
	struct kc_held c;
	siginfo_t si;
	int fd, r, e;

	kc_require_waitid_pidfd();
	fd = kc_held_spawn_pidfd(&c, 4,
	    kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE));
	RL(fcntl(fd, F_SETFL, O_NONBLOCK));
	if (kc_kfact(KC_KF_WAITID_NONBLOCK)) {
		r = kc_waitid(P_PIDFD, fd, &si, WEXITED, NULL);
		e = errno;
		KC_CHECK_ERR_KF(KC_KF_WAITID_NONBLOCK, EAGAIN, r, e);
		kc_held_release(&c);
		kc_require_exit(c.pid, 4);
	} else {
		require_waitid_blocks(fd, &c, 4, KC_KF_WAITID_NONBLOCK);
	}
	RL(close(fd));
}

/*
 * Clearing O_NONBLOCK with F_SETFL makes waitid block again.  The flag is
 * set with F_SETFL too, so the case needs no PIDFD_NONBLOCK.
 */
KC_CASE(waitid_pidfd__setfl_nonblock_off,
    "Clearing O_NONBLOCK with F_SETFL on a non-blocking pidfd makes waitid block")
{
	struct kc_held c;
	int fd;

	kc_require_waitid_pidfd();
	fd = kc_held_spawn_pidfd(&c, 9,
	    kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE));
	RL(fcntl(fd, F_SETFL, O_NONBLOCK));
	RL(fcntl(fd, F_SETFL, 0));
	kc_known_expect_fail("qemu_proc_syscall_host_nr", kc_qemu_user_version(tc));
	require_waitid_blocks(fd, &c, 9, KC_KF_NONE);
	RL(close(fd));
}

/* What waitid(P_PIDFD) says on a pidfd of the caller or of its parent. */
struct echild_query {
	int	r, e;
};

static void
waitid_on(int fd, void *out)
{
	struct echild_query *q = out;
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	q->r = kc_waitid(P_PIDFD, fd, &si, WEXITED | WNOHANG, NULL);
	q->e = errno;
}

/*
 * We are not our own child: ECHILD (what Go's probe relies on).  The pidfd
 * of ourselves is pidfd_open(getpid()), or, where pidfd_open is ENOSYS, the
 * one clone(CLONE_PIDFD) gave a child's parent, sent to the child by
 * SCM_RIGHTS, which then waits on it (kc_pidfd_call; stderr says which).
 */
KC_CASE(waitid_pidfd__self_echild,
    "waitid(P_PIDFD) on a pidfd of ourselves (pidfd_open, or clone(CLONE_PIDFD) sent by "
    "SCM_RIGHTS) gives ECHILD")
{
	struct echild_query q = { 0, 0 };

	kc_pidfd_call(kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE),
	    KC_PIDFD_OF_SELF, waitid_on, &q, sizeof(q));
	kc_skip_if_waitid_pidfd_absent(q.r, q.e);
	KC_REQUIRE_ERR(ECHILD, q.r, q.e);
}

/*
 * Nor is our parent: pidfd_open(getppid()), or a child of the child that
 * got its clone(CLONE_PIDFD) pidfd by SCM_RIGHTS, which inherits that
 * pidfd of its parent (kc_pidfd_call).
 */
KC_CASE(waitid_pidfd__parent_echild,
    "waitid(P_PIDFD) on a pidfd of our parent (pidfd_open, or inherited from a parent that "
    "got its clone(CLONE_PIDFD) pidfd by SCM_RIGHTS) gives ECHILD")
{
	struct echild_query q = { 0, 0 };

	kc_pidfd_call(kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE),
	    KC_PIDFD_OF_PARENT, waitid_on, &q, sizeof(q));
	kc_skip_if_waitid_pidfd_absent(q.r, q.e);
	KC_REQUIRE_ERR(ECHILD, q.r, q.e);
}

/*
 * Only pidfds name a process for P_PIDFD: a /proc/<pid> directory of our
 * own exited child gives EBADF (and does not reap it).
 */
KC_CASE(waitid_pidfd__proc_dirfd_ebadf,
    "waitid(P_PIDFD) on a /proc/<pid> directory fd of our child gives EBADF")
{
	struct kc_held c;
	siginfo_t si;
	char path[64];
	int fd;

	kc_require_waitid_pidfd();
	kc_held_spawn(&c, 0);
	snprintf(path, sizeof(path), "/proc/%d", (int)c.pid);
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ATF_REQUIRE_MSG(fd >= 0, "open %s: %s", path, strerror(errno));
	kc_held_release(&c);
	kc_wait_zombie(c.pid);
	KC_CHECK_ERRNO(EBADF, kc_waitid(P_PIDFD, fd, &si, WEXITED | WNOHANG, NULL));
	RL(close(fd));
	kc_require_exit(c.pid, 0);
}

/* A regular file gives EBADF. */
KC_CASE(waitid_pidfd__regular_file_ebadf, "waitid(P_PIDFD) on a regular file gives EBADF")
{
	struct kc_held c;
	siginfo_t si;
	char path[] = "waitid_pidfd.XXXXXX";
	int fd;

	kc_require_waitid_pidfd();
	kc_held_spawn(&c, 0);	/* a child exists, so ECHILD would be wrong too */
	RL(fd = mkostemp(path, O_CLOEXEC));
	RL(unlink(path));
	KC_CHECK_ERRNO(EBADF, kc_waitid(P_PIDFD, fd, &si, WEXITED | WNOHANG, NULL));
	RL(close(fd));
	kc_held_release(&c);
	kc_require_exit(c.pid, 0);
}

/* A negative fd is EINVAL, not EBADF. */
KC_CASE(waitid_pidfd__negative_fd_einval, "waitid(P_PIDFD, -1) gives EINVAL")
{
	siginfo_t si;

	kc_require_waitid_pidfd();
	KC_CHECK_ERRNO(EINVAL, kc_waitid(P_PIDFD, -1, &si, WEXITED | WNOHANG, NULL));
}

/*
 * Options with no event (neither WEXITED, WSTOPPED nor WCONTINUED), or with
 * an unknown bit, give EINVAL on a valid pidfd of an exited child (which
 * stays unreaped).
 */
KC_CASE(waitid_pidfd__bad_options_einval,
    "waitid(P_PIDFD) with no event or an unknown option bit gives EINVAL")
{
	struct kc_held c;
	siginfo_t si;
	int fd;

	kc_require_waitid_pidfd();
	fd = kc_held_spawn_pidfd(&c, 0,
	    kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE));
	kc_held_release(&c);
	kc_wait_zombie(c.pid);
	KC_CHECK_ERRNO(EINVAL, kc_waitid(P_PIDFD, fd, &si, WNOHANG, NULL));
	KC_CHECK_ERRNO(EINVAL, kc_waitid(P_PIDFD, fd, &si, WEXITED | 0x00100000, NULL));
	RL(close(fd));
	kc_require_exit(c.pid, 0);
}

/* The kernel accepts a NULL infop and still reaps (Valgrind flags it). */
KC_CASE(waitid_pidfd__null_infop, "waitid(P_PIDFD) with a NULL infop returns 0 and reaps")
{
	struct kc_held c;
	siginfo_t si;
	int fd;

	kc_require_waitid_pidfd();
	fd = kc_held_spawn_pidfd(&c, 0,
	    kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE));
	kc_held_release(&c);
	ATF_REQUIRE_EQ_MSG(0, kc_waitid(P_PIDFD, fd, NULL, WEXITED, NULL),
	    "waitid(P_PIDFD, NULL infop): %s", kc_errname(errno));
	KC_CHECK_ERRNO(ECHILD, kc_waitid(P_PID, c.pid, &si, WEXITED | WNOHANG, NULL));
	RL(close(fd));
}

/* Once reaped, the child is gone: a second waitid gives ECHILD. */
KC_CASE(waitid_pidfd__second_after_reap_echild,
    "A second waitid(P_PIDFD) after the reap gives ECHILD")
{
	struct kc_held c;
	siginfo_t si;
	int fd, r, e;

	fd = kc_held_spawn_pidfd(&c, 0,
	    kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE));
	kc_held_release(&c);
	memset(&si, 0, sizeof(si));
	r = kc_waitid(P_PIDFD, fd, &si, WEXITED, NULL);
	e = errno;
	if (r == -1)
		kc_require_exit(c.pid, 0);
	kc_skip_if_waitid_pidfd_absent(r, e);
	ATF_REQUIRE_MSG(r == 0 && si.si_pid == c.pid, "first waitid: %d %s si_pid %d", r,
	    r == -1 ? kc_errname(e) : "", (int)si.si_pid);
	memset(&si, 0, sizeof(si));
	r = kc_waitid(P_PIDFD, fd, &si, WEXITED | WNOHANG, NULL);
	ATF_CHECK_MSG(r == -1 && errno == ECHILD, "second waitid: expected ECHILD, got %d %s",
	    r, r == -1 ? kc_errname(errno) : "");
	RL(close(fd));
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, waitid_pidfd__exited);
	ATF_TP_ADD_TC(tp, waitid_pidfd__killed);
	ATF_TP_ADD_TC(tp, waitid_pidfd__stopped_continued);

	ATF_TP_ADD_TC(tp, waitid_pidfd__nonblock_eagain);
	ATF_TP_ADD_TC(tp, waitid_pidfd__setfl_nonblock_on);
	ATF_TP_ADD_TC(tp, waitid_pidfd__setfl_nonblock_off);

	ATF_TP_ADD_TC(tp, waitid_pidfd__self_echild);
	ATF_TP_ADD_TC(tp, waitid_pidfd__parent_echild);
	ATF_TP_ADD_TC(tp, waitid_pidfd__proc_dirfd_ebadf);
	ATF_TP_ADD_TC(tp, waitid_pidfd__regular_file_ebadf);
	ATF_TP_ADD_TC(tp, waitid_pidfd__negative_fd_einval);
	ATF_TP_ADD_TC(tp, waitid_pidfd__bad_options_einval);

	ATF_TP_ADD_TC(tp, waitid_pidfd__null_infop);
	ATF_TP_ADD_TC(tp, waitid_pidfd__second_after_reap_echild);

	return (atf_no_error());
}
