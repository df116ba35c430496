/* SPDX-License-Identifier: BSD-2-Clause */
/* pidfd_open(2): flags, pid validation, the fd it returns. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_child.h"
#include "kc_kfacts.h"
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
	ATF_REQUIRE(read(s->ready[0], &s->tid, sizeof(s->tid)) == (ssize_t)sizeof(s->tid));
	ATF_REQUIRE(s->tid != getpid());
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
ATF_TC(pidfd_open__bad_flags_einval);
ATF_TC_HEAD(pidfd_open__bad_flags_einval, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "pidfd_open(2) rejects unknown flag bits with EINVAL");
}
ATF_TC_BODY(pidfd_open__bad_flags_einval, tc)
{
	struct kc_hygiene h;

	kc_hygiene_begin(&h);
	kc_require_pidfd_open();
	KC_REQUIRE_ERRNO(EINVAL, kc_pidfd_open(getpid(), 0x1));
	kc_hygiene_end(&h);
}

/* The pidfd is close-on-exec and O_RDWR, and fdinfo names the process. */
ATF_TC(pidfd_open__cloexec);
ATF_TC_HEAD(pidfd_open__cloexec, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "pidfd_open(2) returns an FD_CLOEXEC, O_RDWR fd whose fdinfo Pid is the target");
}
ATF_TC_BODY(pidfd_open__cloexec, tc)
{
	struct kc_hygiene h;
	int fd, fdfl, fl;
	long fpid;

	kc_hygiene_begin(&h);
	kc_require_pidfd_open();
	RL(fd = kc_pidfd_open(getpid(), 0));
	RL(fdfl = fcntl(fd, F_GETFD));
	RL(fl = fcntl(fd, F_GETFL));
	ATF_CHECK_MSG(fdfl & FD_CLOEXEC, "F_GETFD %#x lacks FD_CLOEXEC", fdfl);
	ATF_CHECK_MSG((fl & O_ACCMODE) == O_RDWR, "F_GETFL %#x is not O_RDWR", fl);
	ATF_CHECK_MSG(!(fl & O_NONBLOCK), "F_GETFL %#x has O_NONBLOCK without PIDFD_NONBLOCK", fl);
	RL(kc_fdinfo_pid(fd, &fpid));
	ATF_CHECK_EQ_MSG((long)getpid(), fpid, "fdinfo Pid %ld", fpid);
	RL(close(fd));
	kc_hygiene_end(&h);
}

/* PIDFD_NONBLOCK (5.10) is O_NONBLOCK on the file. */
ATF_TC(pidfd_open__nonblock);
ATF_TC_HEAD(pidfd_open__nonblock, tc)
{
	atf_tc_set_md_var(tc, "descr", "pidfd_open(PIDFD_NONBLOCK) sets O_NONBLOCK on the fd");
}
ATF_TC_BODY(pidfd_open__nonblock, tc)
{
	struct kc_hygiene h;
	int fd, fl;

	kc_hygiene_begin(&h);
	kc_require_pidfd_nonblock();
	RL(fd = kc_pidfd_open(getpid(), PIDFD_NONBLOCK));
	RL(fl = fcntl(fd, F_GETFL));
	ATF_CHECK_MSG(fl & O_NONBLOCK, "F_GETFL %#x lacks O_NONBLOCK", fl);
	RL(close(fd));
	kc_hygiene_end(&h);
}

/*
 * PIDFD_THREAD on a non-leader thread: EINVAL before 6.9, from 6.9 a pidfd
 * for that thread (kernel-facts row pidfd_open_pidfd_thread).
 */
ATF_TC(pidfd_open__thread_flag);
ATF_TC_HEAD(pidfd_open__thread_flag, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "pidfd_open(tid, PIDFD_THREAD) behaves as the kernel-facts table says for this kernel");
}
ATF_TC_BODY(pidfd_open__thread_flag, tc)
{
	struct kc_hygiene h;
	struct side_thread s;
	char why[256];
	long fpid;
	int fd, e, fl;

	kc_hygiene_begin(&h);
	kc_require_pidfd_open();
	kc_kfact_describe(KC_KF_PIDFD_THREAD_FLAG, why, sizeof(why));
	side_start(&s);
	fd = kc_pidfd_open(s.tid, PIDFD_THREAD);
	e = errno;
	if (!kc_kfact(KC_KF_PIDFD_THREAD_FLAG)) {
		ATF_CHECK_MSG(fd == -1 && e == EINVAL, "expected EINVAL, got %d %s (%s)", fd,
		    fd == -1 ? kc_errname(e) : "", why);
	} else {
		ATF_CHECK_MSG(fd >= 0, "pidfd_open(tid %d, PIDFD_THREAD): %s (%s)", (int)s.tid,
		    kc_errname(e), why);
		if (fd >= 0) {
			RL(fl = fcntl(fd, F_GETFL));
			ATF_CHECK_MSG(fl & PIDFD_THREAD, "F_GETFL %#x lacks PIDFD_THREAD", fl);
			RL(kc_fdinfo_pid(fd, &fpid));
			ATF_CHECK_EQ_MSG((long)s.tid, fpid, "fdinfo Pid %ld, thread %d", fpid,
			    (int)s.tid);
		}
	}
	if (fd >= 0)
		RL(close(fd));
	side_stop(&s);
	kc_hygiene_end(&h);
}

/*
 * A non-leader thread id without PIDFD_THREAD: EINVAL before 6.16, ENOENT
 * from 6.16 (kernel-facts row pidfd_open_enoent_esrch).
 */
ATF_TC(pidfd_open__non_leader_tid);
ATF_TC_HEAD(pidfd_open__non_leader_tid, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "pidfd_open(non-leader tid, 0) fails as the kernel-facts table says for this kernel");
}
ATF_TC_BODY(pidfd_open__non_leader_tid, tc)
{
	struct kc_hygiene h;
	struct side_thread s;
	char why[256];
	int fd, e, want;

	kc_hygiene_begin(&h);
	kc_require_pidfd_open();
	kc_kfact_describe(KC_KF_PIDFD_OPEN_ENOENT, why, sizeof(why));
	want = kc_kfact(KC_KF_PIDFD_OPEN_ENOENT) ? ENOENT : EINVAL;
	side_start(&s);
	fd = kc_pidfd_open(s.tid, 0);
	e = errno;
	if (fd >= 0)
		RL(close(fd));
	side_stop(&s);
	ATF_CHECK_MSG(fd == -1 && e == want, "expected %s, got %d %s (%s)", kc_errname(want),
	    fd, fd == -1 ? kc_errname(e) : "", why);
	kc_hygiene_end(&h);
}

/* pid 0 and negative pids are EINVAL (not "self", not a process group). */
ATF_TC(pidfd_open__pid_nonpositive_einval);
ATF_TC_HEAD(pidfd_open__pid_nonpositive_einval, tc)
{
	atf_tc_set_md_var(tc, "descr", "pidfd_open(2) with pid 0 or -1 fails with EINVAL");
}
ATF_TC_BODY(pidfd_open__pid_nonpositive_einval, tc)
{
	struct kc_hygiene h;

	kc_hygiene_begin(&h);
	kc_require_pidfd_open();
	KC_CHECK_ERRNO(EINVAL, kc_pidfd_open(0, 0));
	KC_CHECK_ERRNO(EINVAL, kc_pidfd_open(-1, 0));
	KC_CHECK_ERRNO(EINVAL, kc_pidfd_open(-getpid(), 0));
	kc_hygiene_end(&h);
}

/* A pid no process has is ESRCH. */
ATF_TC(pidfd_open__unused_pid_esrch);
ATF_TC_HEAD(pidfd_open__unused_pid_esrch, tc)
{
	atf_tc_set_md_var(tc, "descr", "pidfd_open(2) of an unused pid fails with ESRCH");
}
ATF_TC_BODY(pidfd_open__unused_pid_esrch, tc)
{
	struct kc_hygiene h;

	kc_hygiene_begin(&h);
	kc_require_pidfd_open();
	KC_CHECK_ERRNO(ESRCH, kc_pidfd_open(kc_unused_pid(), 0));
	kc_hygiene_end(&h);
}

/* An exited, unreaped child (a zombie) can still be opened. */
ATF_TC(pidfd_open__zombie_openable);
ATF_TC_HEAD(pidfd_open__zombie_openable, tc)
{
	atf_tc_set_md_var(tc, "descr", "pidfd_open(2) of a zombie child succeeds");
}
ATF_TC_BODY(pidfd_open__zombie_openable, tc)
{
	struct kc_hygiene h;
	pid_t pid;
	long fpid;
	int fd;

	kc_hygiene_begin(&h);
	kc_require_pidfd_open();
	pid = kc_fork();
	if (pid == 0)
		_exit(0);
	kc_wait_zombie(pid);
	fd = kc_pidfd_open(pid, 0);
	ATF_CHECK_MSG(fd >= 0, "pidfd_open(zombie %d): %s", (int)pid, kc_errname(errno));
	if (fd >= 0) {
		RL(kc_fdinfo_pid(fd, &fpid));
		ATF_CHECK_EQ_MSG((long)pid, fpid, "fdinfo Pid %ld of the zombie %d", fpid, (int)pid);
		RL(close(fd));
	}
	kc_require_exit(pid, 0);
	kc_hygiene_end(&h);
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
ATF_TC(pidfd_open__reaped_esrch);
ATF_TC_HEAD(pidfd_open__reaped_esrch, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "pidfd_open(2) of a reaped process-group leader whose group lives fails as the "
	    "kernel-facts table says for this kernel");
}
ATF_TC_BODY(pidfd_open__reaped_esrch, tc)
{
	struct kc_hygiene h;
	struct kc_held leader, member;
	char why[256];
	int fd, e, tfd = -1, te = 0, want, thread;

	kc_hygiene_begin(&h);
	kc_require_pidfd_open();
	kc_kfact_describe(KC_KF_PIDFD_OPEN_ENOENT, why, sizeof(why));
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
	ATF_CHECK_MSG(fd == -1 && e == want, "pidfd_open(reaped leader %d, 0): expected %s, "
	    "got %d %s (%s)", (int)leader.pid, kc_errname(want), fd,
	    fd == -1 ? kc_errname(e) : "", why);
	if (thread)
		ATF_CHECK_MSG(tfd == -1 && te == want, "pidfd_open(reaped leader %d, "
		    "PIDFD_THREAD): expected %s, got %d %s (%s)", (int)leader.pid,
		    kc_errname(want), tfd, tfd == -1 ? kc_errname(te) : "", why);
	kc_hygiene_end(&h);
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
