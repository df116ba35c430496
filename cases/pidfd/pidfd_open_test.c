/* SPDX-License-Identifier: BSD-2-Clause */
/* pidfd_open(2): flags, pid validation, the fd it returns. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
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

/* A second thread of this process that publishes its tid and waits. */
struct side_thread {
	pthread_t	t;
	int		ready[2];	/* the thread writes its tid */
	int		quit[2];	/* closing [1] ends the thread */
	pid_t		tid;
};

static void *
side_fn(void *a)
{
	struct side_thread *s = a;
	pid_t tid = kc_gettid();
	char c;

	if (write(s->ready[1], &tid, sizeof(tid)) != (ssize_t)sizeof(tid))
		return (NULL);
	while (read(s->quit[0], &c, 1) == -1 && errno == EINTR)
		;
	return (NULL);
}

static void
side_start(struct side_thread *s)
{
	RL(pipe2(s->ready, O_CLOEXEC));
	RL(pipe2(s->quit, O_CLOEXEC));
	RZ(pthread_create(&s->t, NULL, side_fn, s));
	KC_REQUIRE_EQ((ssize_t)sizeof(s->tid), read(s->ready[0], &s->tid, sizeof(s->tid)));
	KC_REQUIRE_NE(getpid(), s->tid);
}

static void
side_stop(struct side_thread *s)
{
	RL(close(s->quit[1]));
	RZ(pthread_join(s->t, NULL));
	RL(close(s->quit[0]));
	RL(close(s->ready[0]));
	RL(close(s->ready[1]));
}

/* Unknown flag bits are rejected, not ignored. */
KC_CASE(pidfd_open__bad_flags_einval, "pidfd_open(2) rejects unknown flag bits with EINVAL")
{
	kc_require_pidfd_open();
	KC_REQUIRE_ERRNO(EINVAL, kc_pidfd_open(getpid(), 0x1));
}

/* The pidfd is close-on-exec and O_RDWR, and fdinfo names the process. */
KC_CASE(pidfd_open__cloexec,
    "pidfd_open(2) returns an FD_CLOEXEC, O_RDWR fd whose fdinfo Pid is the target")
{
	int fd, fdfl, fl;
	long fpid;

	kc_require_pidfd_open();
	RL(fd = kc_pidfd_open(getpid(), 0));
	RL(fdfl = fcntl(fd, F_GETFD));
	RL(fl = fcntl(fd, F_GETFL));
	KC_CHECK_BITS(fdfl, FD_CLOEXEC);
	KC_CHECK_EQ_HEX(O_RDWR, fl & O_ACCMODE);
	KC_CHECK_NOBITS(fl, O_NONBLOCK);
	RL(kc_fdinfo_pid(fd, &fpid));
	KC_CHECK_EQ((long)getpid(), fpid);
	RL(close(fd));
}

/* PIDFD_NONBLOCK (5.10) is O_NONBLOCK on the file. */
KC_CASE(pidfd_open__nonblock, "pidfd_open(PIDFD_NONBLOCK) sets O_NONBLOCK on the fd")
{
	int fd, fl;

	kc_require_pidfd_nonblock();
	RL(fd = kc_pidfd_open(getpid(), PIDFD_NONBLOCK));
	RL(fl = fcntl(fd, F_GETFL));
	kc_known_expect_fail("qemu_pidfd_open_flags_untranslated", kc_qemu_user_version(tc));
	KC_CHECK_BITS(fl, O_NONBLOCK);
	RL(close(fd));
}

/*
 * PIDFD_THREAD on a non-leader thread: EINVAL before 6.9, from 6.9 a pidfd
 * for that thread (kernel-facts row pidfd_open_pidfd_thread).
 */
KC_CASE(pidfd_open__thread_flag,
    "pidfd_open(tid, PIDFD_THREAD) behaves as the kernel-facts table says for this kernel")
{
	struct side_thread s;
	long fpid;
	int fd, e, fl;

	kc_require_pidfd_open();
	side_start(&s);
	fd = kc_pidfd_open(s.tid, PIDFD_THREAD);
	e = errno;
	kc_known_expect_fail("qemu_pidfd_open_flags_untranslated", kc_qemu_user_version(tc));
	if (!kc_kfact(KC_KF_PIDFD_THREAD_FLAG)) {
		KC_CHECK_ERR_KF(KC_KF_PIDFD_THREAD_FLAG, EINVAL, fd, e);
	} else {
		KC_CHECK_OK_KF(KC_KF_PIDFD_THREAD_FLAG, fd, e);
		if (fd >= 0) {
			RL(fl = fcntl(fd, F_GETFL));
			KC_CHECK_BITS_KF(KC_KF_PIDFD_THREAD_FLAG, fl, PIDFD_THREAD);
			RL(kc_fdinfo_pid(fd, &fpid));
			KC_CHECK_EQ_KF(KC_KF_PIDFD_THREAD_FLAG, (long)s.tid, fpid);
		}
	}
	if (fd >= 0)
		RL(close(fd));
	side_stop(&s);
}

/*
 * A non-leader thread id without PIDFD_THREAD: EINVAL before 6.16, ENOENT
 * from 6.16 (kernel-facts row pidfd_open_enoent_esrch).
 */
KC_CASE(pidfd_open__non_leader_tid,
    "pidfd_open(non-leader tid, 0) fails as the kernel-facts table says for this kernel")
{
	struct side_thread s;
	int fd, e, want;

	kc_require_pidfd_open();
	want = kc_kfact(KC_KF_PIDFD_OPEN_ENOENT) ? ENOENT : EINVAL;
	side_start(&s);
	fd = kc_pidfd_open(s.tid, 0);
	e = errno;
	if (fd >= 0)
		RL(close(fd));
	side_stop(&s);
	KC_CHECK_ERR_KF(KC_KF_PIDFD_OPEN_ENOENT, want, fd, e);
}

/* pid 0 and negative pids are EINVAL (not "self", not a process group). */
KC_CASE(pidfd_open__pid_nonpositive_einval, "pidfd_open(2) with pid 0 or -1 fails with EINVAL")
{
	kc_require_pidfd_open();
	KC_CHECK_ERRNO(EINVAL, kc_pidfd_open(0, 0));
	KC_CHECK_ERRNO(EINVAL, kc_pidfd_open(-1, 0));
	KC_CHECK_ERRNO(EINVAL, kc_pidfd_open(-getpid(), 0));
}

/* A pid no process has is ESRCH. */
KC_CASE(pidfd_open__unused_pid_esrch, "pidfd_open(2) of an unused pid fails with ESRCH")
{
	kc_require_pidfd_open();
	KC_CHECK_ERRNO(ESRCH, kc_pidfd_open(kc_unused_pid(), 0));
}

/* An exited, unreaped child (a zombie) can still be opened. */
KC_CASE(pidfd_open__zombie_openable, "pidfd_open(2) of a zombie child succeeds")
{
	pid_t pid;
	long fpid;
	int fd, e;

	kc_require_pidfd_open();
	pid = kc_fork();
	if (pid == 0)
		_exit(0);
	kc_wait_zombie(pid);
	fd = kc_pidfd_open(pid, 0);
	e = errno;
	KC_CHECK_OK(fd, e);
	if (fd >= 0) {
		RL(kc_fdinfo_pid(fd, &fpid));
		KC_CHECK_EQ((long)pid, fpid);
		RL(close(fd));
	}
	kc_require_exit(pid, 0);
}

/*
 * A struct pid can outlive its task while its number is still in use: a
 * process-group leader reaped while another member of its group lives.
 * free_pid() removes a number from the pid idr only when no task uses the
 * struct pid as pid, tgid, pgid or sid any more (kernel/pid.c
 * __change_pid), so find_get_pid() still finds the reaped leader's pid,
 * which has no task (pidfd_prepare in kernel/fork.c).  pidfd_open of it:
 * EINVAL before 6.16, ESRCH from 6.16 (kernel-facts row
 * pidfd_open_enoent_esrch); with PIDFD_THREAD (6.9) the same.  Every
 * process involved is our child and reaped here: no race.
 */
KC_CASE(pidfd_open__reaped_esrch,
    "pidfd_open(2) of a reaped process-group leader whose group lives fails as the "
    "kernel-facts table says for this kernel")
{
	struct kc_held leader, member;
	int fd, e, tfd = -1, te = 0, want, thread;

	kc_require_pidfd_open();
	want = kc_kfact(KC_KF_PIDFD_OPEN_ENOENT) ? ESRCH : EINVAL;
	thread = kc_kfact(KC_KF_PIDFD_THREAD_FLAG);
	/* The member first: a later child would hold the leader's release end. */
	kc_held_spawn(&member, 0);
	kc_held_spawn(&leader, 0);
	RL(setpgid(leader.pid, leader.pid));
	RL(setpgid(member.pid, leader.pid));
	kc_held_release(&leader);
	kc_require_exit(leader.pid, 0);
	/* The process is gone, its number still names a live group. */
	ATF_REQUIRE_MSG(kill(leader.pid, 0) == -1 && errno == ESRCH,
	    "kill(%d, 0) after the reap: expected ESRCH", (int)leader.pid);
	ATF_REQUIRE_MSG(kill(-leader.pid, 0) == 0, "kill(-%d, 0): %s: the group of the "
	    "member %d is gone", (int)leader.pid, strerror(errno), (int)member.pid);
	fd = kc_pidfd_open(leader.pid, 0);
	e = errno;
	if (fd >= 0)
		RL(close(fd));
	if (thread) {
		tfd = kc_pidfd_open(leader.pid, PIDFD_THREAD);
		te = errno;
		if (tfd >= 0)
			RL(close(tfd));
	}
	kc_held_release(&member);
	kc_require_exit(member.pid, 0);
	KC_CHECK_ERR_KF(KC_KF_PIDFD_OPEN_ENOENT, want, fd, e);
	if (thread) {
		kc_known_expect_fail("qemu_pidfd_open_flags_untranslated", kc_qemu_user_version(tc));
		KC_CHECK_ERR_KF(KC_KF_PIDFD_OPEN_ENOENT, want, tfd, te);
	}
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, pidfd_open__bad_flags_einval);
	ATF_TP_ADD_TC(tp, pidfd_open__pid_nonpositive_einval);
	ATF_TP_ADD_TC(tp, pidfd_open__unused_pid_esrch);
	ATF_TP_ADD_TC(tp, pidfd_open__non_leader_tid);
	ATF_TP_ADD_TC(tp, pidfd_open__reaped_esrch);

	ATF_TP_ADD_TC(tp, pidfd_open__cloexec);
	ATF_TP_ADD_TC(tp, pidfd_open__nonblock);
	ATF_TP_ADD_TC(tp, pidfd_open__thread_flag);
	ATF_TP_ADD_TC(tp, pidfd_open__zombie_openable);

	return (atf_no_error());
}
