/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pidfd_getfd(2): duplicating another process's fd, its flags, and the
 * errors for bad arguments, missing permission and gone targets.
 */
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/kcmp.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_assert.h"
#include "kc_case.h"
#include "kc_child.h"
#include "kc_kfacts.h"
#include "kc_macros.h"
#include "kc_pidfd.h"
#include "kc_probe.h"
#include "kc_sys.h"

#define KC_NOBODY	65534

/*
 * A target child that opens /dev/null after the fork (an open file of its
 * own, not shared with us), reports the fd number and waits.
 */
struct target {
	struct kc_held	held;
	int		fd;	/* the fd number in the child */
	int		pidfd;
};

static void
target_start(struct target *t)
{
	int p[2], q[2], fd;
	char c;

	RL(pipe2(p, O_CLOEXEC));
	RL(pipe2(q, O_CLOEXEC));
	t->held.pid = kc_fork();
	if (t->held.pid == 0) {
		close(p[0]);
		close(q[1]);
		fd = open("/dev/null", O_RDWR);
		KC_CHILD_REQUIRE(fd >= 0);
		KC_CHILD_REQUIRE(write(p[1], &fd, sizeof(fd)) == (ssize_t)sizeof(fd));
		while (read(q[0], &c, 1) == -1 && errno == EINTR)
			;
		_exit(0);
	}
	RL(close(p[1]));
	RL(close(q[0]));
	t->held.release_fd = q[1];
	KC_REQUIRE_EQ((ssize_t)sizeof(t->fd), read(p[0], &t->fd, sizeof(t->fd)));
	RL(close(p[0]));
	t->pidfd = kc_pidfd_open(t->held.pid, 0);
	ATF_REQUIRE_MSG(t->pidfd >= 0, "pidfd_open(child): %s", kc_errname(errno));
}

static void
target_stop(struct target *t)
{
	kc_held_release(&t->held);
	kc_require_exit(t->held.pid, 0);
	RL(close(t->pidfd));
}

static void
require_getfd(void)
{
	kc_require_pidfd_open();
	kc_require_pidfd_getfd();
}

/* pidfd_getfd of our own child; EPERM as non-root means ptrace is restricted here. */
static int
getfd_or_skip(struct target *t)
{
	int fd, e;

	fd = kc_pidfd_getfd(t->pidfd, t->fd, 0);
	e = errno;
	if (fd == -1 && e == EPERM && geteuid() != 0) {
		target_stop(t);
		atf_tc_skip("pidfd_getfd(2): EPERM as uid %d on our own child "
		    "(ptrace attach restricted, e.g. yama ptrace_scope >= 2)", (int)geteuid());
	}
	ATF_REQUIRE_MSG(fd >= 0, "pidfd_getfd(child, %d, 0): %s", t->fd, kc_errname(e));
	return (fd);
}

/* The new fd refers to the child's open file description (kcmp KCMP_FILE). */
KC_CASE(pidfd_getfd__same_file,
    "pidfd_getfd(2) returns an fd for the target's open file (kcmp KCMP_FILE equal)")
{
	struct target t;
	int fd, other, r;

	require_getfd();
	target_start(&t);
	fd = getfd_or_skip(&t);
	r = kc_kcmp(getpid(), t.held.pid, KCMP_FILE, (unsigned long)fd, (unsigned long)t.fd);
	if (r == -1 && errno == ENOSYS) {
		RL(close(fd));
		target_stop(&t);
		atf_tc_skip("kcmp(2): ENOSYS (CONFIG_KCMP off): cannot compare open files");
	}
	ATF_CHECK_EQ_MSG(0, r, "kcmp(KCMP_FILE, new fd, child's fd): %d %s", r,
	    r == -1 ? kc_errname(errno) : "(different files)");
	RL(other = open("/dev/null", O_RDWR | O_CLOEXEC));
	r = kc_kcmp(getpid(), t.held.pid, KCMP_FILE, (unsigned long)other, (unsigned long)t.fd);
	ATF_CHECK_MSG(r > 0, "kcmp(KCMP_FILE) of another /dev/null open: %d: kcmp cannot tell", r);
	RL(close(other));
	RL(close(fd));
	target_stop(&t);
}

/* The new fd is close-on-exec. */
KC_CASE(pidfd_getfd__cloexec, "The fd pidfd_getfd(2) returns has FD_CLOEXEC")
{
	struct target t;
	int fd, fl;

	require_getfd();
	target_start(&t);
	fd = getfd_or_skip(&t);
	RL(fl = fcntl(fd, F_GETFD));
	ATF_CHECK_MSG(fl & FD_CLOEXEC, "F_GETFD %#x lacks FD_CLOEXEC", fl);
	RL(close(fd));
	target_stop(&t);
}

/* Any flag is EINVAL (none is defined). */
KC_CASE(pidfd_getfd__bad_flags_einval, "pidfd_getfd(2) with non-zero flags fails with EINVAL")
{
	struct target t;

	require_getfd();
	target_start(&t);
	KC_CHECK_ERRNO(EINVAL, kc_pidfd_getfd(t.pidfd, t.fd, 1));
	KC_CHECK_ERRNO(EINVAL, kc_pidfd_getfd(t.pidfd, t.fd, O_CLOEXEC));
	target_stop(&t);
}

/*
 * EBADF: a pidfd of -1, an fd that is not a pidfd, a target fd of -1, and
 * a target fd the child does not have open.
 */
KC_CASE(pidfd_getfd__ebadf,
    "pidfd_getfd(2) fails with EBADF for bad pidfds and for fds the target lacks")
{
	struct target t;
	int null, unused;

	require_getfd();
	/*
	 * A number free here when the child is forked is free in the child too;
	 * one well above the lowest free fd stays free there (the child opens
	 * only the lowest).
	 */
	RL(null = open("/dev/null", O_RDONLY | O_CLOEXEC));
	RL(unused = fcntl(null, F_DUPFD_CLOEXEC, 100));
	RL(close(unused));
	RL(close(null));
	target_start(&t);
	RL(null = open("/dev/null", O_RDONLY | O_CLOEXEC));
	KC_CHECK_ERRNO(EBADF, kc_pidfd_getfd(-1, t.fd, 0));
	KC_CHECK_ERRNO(EBADF, kc_pidfd_getfd(null, t.fd, 0));
	KC_CHECK_ERRNO(EBADF, kc_pidfd_getfd(t.pidfd, -1, 0));
	KC_CHECK_ERRNO(EBADF, kc_pidfd_getfd(t.pidfd, unused, 0));
	RL(close(null));
	target_stop(&t);
}

/* Exit codes of the driver process below. */
#define DRV_OK		0
#define DRV_CONTROL	10	/* the dumpable control failed */
#define DRV_NOT_EPERM	11	/* the undumpable target did not give EPERM */
#define DRV_NO_ATTACH	12	/* control EPERM as a non-root user: restricted ptrace */

static void
driver(int as_nobody)
{
	int p[2], q[2], pidfd, fd;
	pid_t target;
	char c;

	if (as_nobody) {
		KC_CHILD_REQUIRE(setgroups(0, NULL) == 0);
		KC_CHILD_REQUIRE(setgid(KC_NOBODY) == 0);
		KC_CHILD_REQUIRE(setuid(KC_NOBODY) == 0);
		/* The uid change reset dumpable; the control target needs it. */
		KC_CHILD_REQUIRE(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) == 0);
	}
	KC_CHILD_REQUIRE(pipe2(p, O_CLOEXEC) == 0 && pipe2(q, O_CLOEXEC) == 0);
	target = fork();
	KC_CHILD_REQUIRE(target != -1);
	if (target == 0) {
		/* Wait for the go, turn undumpable, ack, wait for the end. */
		KC_CHILD_REQUIRE(read(q[0], &c, 1) == 1);
		KC_CHILD_REQUIRE(prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0);
		KC_CHILD_REQUIRE(write(p[1], "u", 1) == 1);
		while (read(q[0], &c, 1) == -1 && errno == EINTR)
			;
		_exit(0);
	}
	pidfd = kc_pidfd_open(target, 0);
	KC_CHILD_REQUIRE(pidfd >= 0);
	fd = kc_pidfd_getfd(pidfd, q[0], 0);
	if (fd == -1) {
		kill(target, SIGKILL);
		waitpid(target, NULL, 0);
		_exit(errno == EPERM && !as_nobody && geteuid() != 0 ? DRV_NO_ATTACH :
		    DRV_CONTROL);
	}
	close(fd);
	KC_CHILD_REQUIRE(write(q[1], "g", 1) == 1);
	KC_CHILD_REQUIRE(read(p[0], &c, 1) == 1);
	fd = kc_pidfd_getfd(pidfd, q[0], 0);
	kill(target, SIGKILL);
	waitpid(target, NULL, 0);
	_exit(fd == -1 && errno == EPERM ? DRV_OK : DRV_NOT_EPERM);
}

/*
 * An undumpable target refuses pidfd_getfd to a caller without
 * CAP_SYS_PTRACE (ptrace attach check): EPERM, while the same target was
 * accessible while dumpable.  As root, the caller becomes nobody first.
 */
KC_CASE(pidfd_getfd__undumpable_eperm,
    "pidfd_getfd(2) on an undumpable target fails with EPERM for an unprivileged caller")
{
	siginfo_t si;
	char buf[64];
	pid_t pid;

	require_getfd();
	pid = kc_fork();
	if (pid == 0)
		driver(geteuid() == 0);
	kc_require_reaped(pid, &si);
	ATF_REQUIRE_MSG(si.si_code == CLD_EXITED, "driver: %s",
	    kc_describe_status(&si, buf, sizeof(buf)));
	if (si.si_status == DRV_NO_ATTACH)
		atf_tc_skip("pidfd_getfd(2): EPERM as uid %d even on a dumpable child "
		    "(ptrace attach restricted here)", (int)geteuid());
	ATF_CHECK_MSG(si.si_status != DRV_CONTROL,
	    "pidfd_getfd on a dumpable child of the same user failed");
	ATF_CHECK_MSG(si.si_status != DRV_NOT_EPERM,
	    "pidfd_getfd on an undumpable target did not fail with EPERM");
	ATF_CHECK_MSG(si.si_status == DRV_OK || si.si_status == DRV_CONTROL ||
	    si.si_status == DRV_NOT_EPERM, "driver: %s (see stderr)",
	    kc_describe_status(&si, buf, sizeof(buf)));
}

/*
 * A reaped target gives ESRCH.  An exited but unreaped one (its files are
 * gone) gives ESRCH from 6.9 and in the stable backports below it, EBADF
 * before (kernel-facts row pidfd_getfd_esrch_exiting).
 */
KC_CASE(pidfd_getfd__gone_esrch,
    "pidfd_getfd(2) on an exited target fails as the kernel-facts table says; reaped: ESRCH")
{
	struct target t;
	int fd, e, want;

	require_getfd();
	want = kc_kfact(KC_KF_GETFD_ESRCH_EXITING) ? ESRCH : EBADF;
	target_start(&t);
	kc_held_release(&t.held);
	kc_wait_zombie(t.held.pid);
	fd = kc_pidfd_getfd(t.pidfd, t.fd, 0);
	e = errno;
	if (fd >= 0)
		RL(close(fd));
	KC_CHECK_ERR_KF(KC_KF_GETFD_ESRCH_EXITING, want, fd, e);
	kc_require_exit(t.held.pid, 0);
	KC_CHECK_ERRNO(ESRCH, kc_pidfd_getfd(t.pidfd, t.fd, 0));
	RL(close(t.pidfd));
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, pidfd_getfd__same_file);
	ATF_TP_ADD_TC(tp, pidfd_getfd__cloexec);

	ATF_TP_ADD_TC(tp, pidfd_getfd__bad_flags_einval);
	ATF_TP_ADD_TC(tp, pidfd_getfd__ebadf);
	ATF_TP_ADD_TC(tp, pidfd_getfd__undumpable_eperm);
	ATF_TP_ADD_TC(tp, pidfd_getfd__gone_esrch);

	return (atf_no_error());
}
