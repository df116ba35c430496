/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pidfd_send_signal(2): delivery and siginfo, flags and scopes, the
 * permission rule for forged siginfo, targets that are gone or are /proc
 * directories, thread pidfds, and targets outside the caller's pid namespace.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
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
#include "kc_probe.h"
#include "kc_sys.h"
#include "kc_userns.h"

/*
 * Fork a child with SIGUSR1 blocked from birth (blocked here around the
 * fork) that waits for it and requires si_code `code` and, for SI_QUEUE,
 * si_value `value`, from this process.
 */
static pid_t
spawn_receiver(int code, int value)
{
	sigset_t set, old;
	siginfo_t si;
	pid_t pid, parent = getpid();
	uid_t uid = getuid();

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	RL(sigprocmask(SIG_BLOCK, &set, &old));
	pid = fork();
	if (pid == 0) {
		KC_CHILD_REQUIRE(sigwaitinfo(&set, &si) == SIGUSR1);
		KC_CHILD_REQUIRE(si.si_signo == SIGUSR1);
		KC_CHILD_REQUIRE(si.si_code == code);
		KC_CHILD_REQUIRE(si.si_pid == parent);
		KC_CHILD_REQUIRE(si.si_uid == uid);
		if (code == SI_QUEUE)
			KC_CHILD_REQUIRE(si.si_value.sival_int == value);
		_exit(0);
	}
	RL(sigprocmask(SIG_SETMASK, &old, NULL));
	ATF_REQUIRE_MSG(pid != -1, "fork: %s", strerror(errno));
	return (pid);
}

/*
 * Send SIGUSR1 (with `info`, or NULL) to the receiver through `fd`; on
 * failure kill and reap the receiver, close fd and fail naming `what`.
 */
static void
send_or_fail(pid_t pid, int fd, siginfo_t *info, const char *what)
{
	int e;

	if (kc_pidfd_send_signal(fd, SIGUSR1, info, 0) == 0)
		return;
	e = errno;
	RL(kill(pid, SIGKILL));
	kc_require_killed(pid, SIGKILL);
	RL(close(fd));
	atf_tc_fail("%s: %s", what, kc_errname(e));
}

/* A signal sent through a pidfd arrives, as SI_USER from the sender. */
KC_CASE(pidfd_send_signal__delivery,
    "pidfd_send_signal(2) delivers the signal as SI_USER with the sender's pid and uid")
{
	pid_t pid;
	int fd;

	kc_require_pidfd_open();
	kc_require_pidfd_send_signal();
	pid = spawn_receiver(SI_USER, 0);
	fd = kc_pidfd_open_or_fail(pid);
	send_or_fail(pid, fd, NULL, "pidfd_send_signal(child, SIGUSR1)");
	kc_require_exit(pid, 0);
	RL(close(fd));
}

/* A caller-built siginfo (SI_QUEUE, si_value) reaches the target unchanged. */
KC_CASE(pidfd_send_signal__siginfo_value,
    "pidfd_send_signal(2) with an SI_QUEUE siginfo delivers its si_value")
{
	siginfo_t info;
	pid_t pid;
	int fd;

	kc_require_pidfd_open();
	kc_require_pidfd_send_signal();
	pid = spawn_receiver(SI_QUEUE, 777);
	fd = kc_pidfd_open_or_fail(pid);
	memset(&info, 0, sizeof(info));
	info.si_signo = SIGUSR1;
	info.si_code = SI_QUEUE;
	info.si_pid = getpid();
	info.si_uid = getuid();
	info.si_value.sival_int = 777;
	kc_known_expect_fail("qemu_siginfo_signo_untranslated", kc_qemu_user_version(tc));
	send_or_fail(pid, fd, &info, "pidfd_send_signal(child, SIGUSR1, SI_QUEUE)");
	kc_require_exit(pid, 0);
	RL(close(fd));
}

/* Unknown flag bits, and a signal that differs from info's si_signo, are EINVAL. */
KC_CASE(pidfd_send_signal__bad_args_einval,
    "pidfd_send_signal(2) rejects unknown flags and sig != info.si_signo with EINVAL")
{
	siginfo_t info;
	int fd;

	kc_require_pidfd_open();
	kc_require_pidfd_send_signal();
	fd = kc_pidfd_open_or_fail(getpid());
	KC_CHECK_ERRNO(EINVAL, kc_pidfd_send_signal(fd, 0, NULL, 0x80000000u));
	KC_CHECK_ERRNO(EINVAL, kc_pidfd_send_signal(fd, 0, NULL, 1u << 8));
	memset(&info, 0, sizeof(info));
	info.si_signo = SIGUSR2;
	info.si_code = SI_QUEUE;
	KC_CHECK_ERRNO(EINVAL, kc_pidfd_send_signal(fd, SIGUSR1, &info, 0));
	RL(close(fd));
}

/*
 * PIDFD_SIGNAL_THREAD, _THREAD_GROUP, _PROCESS_GROUP: EINVAL before 6.9;
 * from 6.9 each alone is accepted and two at once are EINVAL
 * (kernel-facts row pidfd_send_signal_scope_flags).  The target is a child
 * that leads its own process group (PROCESS_GROUP signals the group the
 * target leads).  Signal 0: permission and existence checks only.
 */
KC_CASE(pidfd_send_signal__scope_flags,
    "PIDFD_SIGNAL_* scope flags behave as the kernel-facts table says for this kernel")
{
	static const unsigned int scopes[] = {
		PIDFD_SIGNAL_THREAD, PIDFD_SIGNAL_THREAD_GROUP, PIDFD_SIGNAL_PROCESS_GROUP,
	};
	struct kc_held c;
	char fact[512], why[600];
	unsigned i;
	int fd, r, e;

	kc_require_pidfd_open();
	kc_require_pidfd_send_signal();
	kc_held_spawn(&c, 0);
	RL(setpgid(c.pid, c.pid));
	fd = kc_pidfd_open_or_fail(c.pid);
	for (i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++) {
		errno = 0;
		r = kc_pidfd_send_signal(fd, 0, NULL, scopes[i]);
		e = errno;
		snprintf(why, sizeof(why), "flags %#x; %s", scopes[i],
		    kc_kfact_describe(KC_KF_PIDFD_SIGNAL_FLAGS, fact, sizeof(fact)));
		if (kc_kfact(KC_KF_PIDFD_SIGNAL_FLAGS))
			KC_CHECK_OK_WHY(why, r, e);
		else
			KC_CHECK_ERR_WHY(why, EINVAL, r, e);
	}
	KC_CHECK_ERRNO(EINVAL, kc_pidfd_send_signal(fd, 0, NULL,
	    PIDFD_SIGNAL_THREAD | PIDFD_SIGNAL_THREAD_GROUP));
	KC_CHECK_ERRNO(EINVAL, kc_pidfd_send_signal(fd, 0, NULL,
	    PIDFD_SIGNAL_THREAD_GROUP | PIDFD_SIGNAL_PROCESS_GROUP));
	kc_held_release(&c);
	kc_require_exit(c.pid, 0);
	RL(close(fd));
}

/*
 * A siginfo that claims to come from the kernel or kill(2) (si_code >= 0,
 * or SI_TKILL) may only be sent to oneself: EPERM for another process,
 * accepted for self.
 */
KC_CASE(pidfd_send_signal__forged_code_eperm,
    "pidfd_send_signal(2) with si_code SI_USER or SI_TKILL: EPERM to another process, ok to self")
{
	struct kc_held c;
	struct timespec zero = { 0, 0 };
	sigset_t set, old;
	siginfo_t info, got;
	int fd, self, r, e;

	kc_require_pidfd_open();
	kc_require_pidfd_send_signal();
	kc_held_spawn(&c, 0);
	fd = kc_pidfd_open_or_fail(c.pid);
	memset(&info, 0, sizeof(info));
	info.si_signo = SIGUSR1;
	info.si_code = SI_USER;
	info.si_pid = getpid();
	info.si_uid = getuid();
	kc_known_expect_fail("qemu_siginfo_signo_untranslated", kc_qemu_user_version(tc));
	KC_CHECK_ERRNO(EPERM, kc_pidfd_send_signal(fd, SIGUSR1, &info, 0));
	info.si_code = SI_TKILL;
	KC_CHECK_ERRNO(EPERM, kc_pidfd_send_signal(fd, SIGUSR1, &info, 0));
	kc_held_release(&c);
	kc_require_exit(c.pid, 0);	/* SIGUSR1 would have killed it */
	RL(close(fd));

	/* To ourselves, with SIGUSR1 blocked, then taken back. */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	RL(sigprocmask(SIG_BLOCK, &set, &old));
	self = kc_pidfd_open_or_fail(getpid());
	info.si_code = SI_USER;
	r = kc_pidfd_send_signal(self, SIGUSR1, &info, 0);
	e = errno;
	if (r == 0)
		RL(sigtimedwait(&set, &got, &zero));
	RL(sigprocmask(SIG_SETMASK, &old, NULL));
	RL(close(self));
	ATF_CHECK_MSG(r == 0, "pidfd_send_signal(self, SI_USER siginfo): %s", kc_errname(e));
}

/* A zombie can still be signalled (signal 0 checks it exists). */
KC_CASE(pidfd_send_signal__zombie_ok, "pidfd_send_signal(2) to a zombie child succeeds")
{
	struct kc_held c;
	int fd;

	kc_require_pidfd_open();
	kc_require_pidfd_send_signal();
	kc_held_spawn(&c, 0);
	fd = kc_pidfd_open_or_fail(c.pid);
	kc_held_release(&c);
	kc_wait_zombie(c.pid);
	ATF_CHECK_MSG(kc_pidfd_send_signal(fd, 0, NULL, 0) == 0,
	    "pidfd_send_signal(zombie, 0): %s", kc_errname(errno));
	kc_require_exit(c.pid, 0);
	RL(close(fd));
}

/* Once reaped, the process is gone: ESRCH, even though the fd is valid. */
KC_CASE(pidfd_send_signal__reaped_esrch, "pidfd_send_signal(2) to a reaped child fails with ESRCH")
{
	struct kc_held c;
	int fd;

	kc_require_pidfd_open();
	kc_require_pidfd_send_signal();
	kc_held_spawn(&c, 0);
	fd = kc_pidfd_open_or_fail(c.pid);
	kc_held_release(&c);
	kc_require_exit(c.pid, 0);
	KC_CHECK_ERRNO(ESRCH, kc_pidfd_send_signal(fd, 0, NULL, 0));
	RL(close(fd));
}

/* A /proc/<pid> directory fd is accepted as the target (unlike waitid). */
KC_CASE(pidfd_send_signal__proc_dirfd,
    "pidfd_send_signal(2) accepts a /proc/<pid> directory fd and delivers the signal")
{
	struct kc_held c;
	char path[64];
	int fd, r, e;

	kc_require_pidfd_send_signal();
	kc_held_spawn(&c, 0);
	snprintf(path, sizeof(path), "/proc/%d", (int)c.pid);
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ATF_REQUIRE_MSG(fd >= 0, "open %s: %s", path, strerror(errno));
	r = kc_pidfd_send_signal(fd, SIGKILL, NULL, 0);
	e = errno;
	RL(close(fd));
	kc_held_release(&c);
	if (r == 0)
		kc_require_killed(c.pid, SIGKILL);
	else
		kc_require_exit(c.pid, 0);
	ATF_CHECK_MSG(r == 0, "pidfd_send_signal(/proc/%d, SIGKILL): %s", (int)c.pid,
	    kc_errname(e));
}

/* What one thread of the two-thread child found pending with sigpending(2). */
struct pending_report {
	char	leader;		/* 1: the leader thread, 0: the target thread */
	char	usr1;		/* SIGUSR1 pending */
	char	usr2;		/* SIGUSR2 pending */
};

/* The two-thread child's ends of its pipes to the parent. */
struct two_threads {
	int	up;		/* write end: the target's tid, then two reports */
	int	go;		/* read end: EOF means "report now" */
};

/* In the child: wait for EOF on go, then report this thread's pending set. */
static void
report_pending(const struct two_threads *t, char leader)
{
	struct pending_report rep;
	sigset_t set;
	char c;

	while (read(t->go, &c, 1) == -1 && errno == EINTR)
		;
	KC_CHILD_REQUIRE(sigpending(&set) == 0);
	rep.leader = leader;
	rep.usr1 = sigismember(&set, SIGUSR1) == 1;
	rep.usr2 = sigismember(&set, SIGUSR2) == 1;
	KC_CHILD_REQUIRE(write(t->up, &rep, sizeof(rep)) == (ssize_t)sizeof(rep));
}

static void *
target_thread(void *arg)
{
	const struct two_threads *t = arg;
	pid_t tid = kc_gettid();

	KC_CHILD_REQUIRE(tid != getpid());
	KC_CHILD_REQUIRE(write(t->up, &tid, sizeof(tid)) == (ssize_t)sizeof(tid));
	report_pending(t, 0);
	return (NULL);
}

/*
 * Fork a child with SIGUSR1 and SIGUSR2 blocked in both of its threads (the
 * leader blocks them before creating the target thread, which inherits the
 * mask), so whatever is sent stays pending where the kernel queued it.  The
 * target thread writes its tid to *up; once *go is closed both threads
 * write a pending_report to *up and the child exits 0.  (ATF)
 */
static pid_t
spawn_two_threads(int *up, int *go)
{
	struct two_threads t;
	sigset_t set;
	pthread_t th;
	int u[2], g[2];
	pid_t pid;

	RL(pipe2(u, O_CLOEXEC));
	RL(pipe2(g, O_CLOEXEC));
	pid = kc_fork();
	if (pid == 0) {
		close(u[0]);
		close(g[1]);
		t.up = u[1];
		t.go = g[0];
		sigemptyset(&set);
		sigaddset(&set, SIGUSR1);
		sigaddset(&set, SIGUSR2);
		KC_CHILD_REQUIRE(sigprocmask(SIG_BLOCK, &set, NULL) == 0);
		KC_CHILD_REQUIRE(pthread_create(&th, NULL, target_thread, &t) == 0);
		report_pending(&t, 1);
		KC_CHILD_REQUIRE(pthread_join(th, NULL) == 0);
		_exit(0);
	}
	RL(close(u[1]));
	RL(close(g[0]));
	*up = u[0];
	*go = g[1];
	return (pid);
}

/*
 * A PIDFD_THREAD pidfd (6.9) of a non-leader thread sends to that thread by
 * default: the signal is pending in the target thread only, where a
 * process-directed one would be pending in every thread (sigpending(2) is
 * the thread's own set plus the shared one).  PIDFD_SIGNAL_THREAD_GROUP on
 * the same fd makes it process-directed (also 6.9: kernel-facts row
 * pidfd_send_signal_scope_flags).  Below 6.9 pidfd_open(tid, PIDFD_THREAD)
 * is EINVAL (kernel-facts row pidfd_open_pidfd_thread) and nothing is sent.
 */
KC_CASE(pidfd_send_signal__thread_fd_thread_scope,
    "pidfd_send_signal(2) through a PIDFD_THREAD pidfd signals that thread; "
    "PIDFD_SIGNAL_THREAD_GROUP signals the process")
{
	struct pending_report reps[2], *target = NULL, *leader = NULL;
	char why[256];
	size_t got = 0;
	ssize_t n;
	pid_t pid, tid;
	int up, go, fd, e, r1 = -1, e1 = 0, r2 = -1, e2 = 0, i;

	kc_require_pidfd_open();
	kc_require_pidfd_send_signal();
	kc_kfact_describe(KC_KF_PIDFD_THREAD_FLAG, why, sizeof(why));
	pid = spawn_two_threads(&up, &go);
	ATF_REQUIRE_MSG(read(up, &tid, sizeof(tid)) == (ssize_t)sizeof(tid),
	    "reading the target thread's tid: %s", strerror(errno));
	fd = kc_pidfd_open(tid, PIDFD_THREAD);
	e = errno;
	kc_known_expect_fail("qemu_pidfd_open_flags_untranslated", kc_qemu_user_version(tc));
	if (fd >= 0 && kc_kfact(KC_KF_PIDFD_THREAD_FLAG)) {
		r1 = kc_pidfd_send_signal(fd, SIGUSR1, NULL, 0);
		e1 = errno;
		r2 = kc_pidfd_send_signal(fd, SIGUSR2, NULL, PIDFD_SIGNAL_THREAD_GROUP);
		e2 = errno;
	}
	if (fd >= 0)
		RL(close(fd));
	RL(close(go));
	while (got < sizeof(reps) && (n = read(up, (char *)reps + got,
	    sizeof(reps) - got)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		RL(n);
		got += (size_t)n;
	}
	RL(close(up));
	kc_require_exit(pid, 0);
	ATF_REQUIRE_EQ_MSG(sizeof(reps), got, "the child sent %zu bytes of reports", got);
	for (i = 0; i < 2; i++) {
		if (reps[i].leader)
			leader = &reps[i];
		else
			target = &reps[i];
	}
	ATF_REQUIRE_MSG(leader != NULL && target != NULL, "the child's reports are not one "
	    "per thread");
	if (!kc_kfact(KC_KF_PIDFD_THREAD_FLAG)) {
		ATF_CHECK_MSG(fd == -1 && e == EINVAL, "pidfd_open(tid %d, PIDFD_THREAD): "
		    "expected EINVAL, got %d %s (%s)", (int)tid, fd, fd == -1 ?
		    kc_errname(e) : "", why);
		return;
	}
	ATF_REQUIRE_MSG(fd >= 0, "pidfd_open(tid %d, PIDFD_THREAD): %s (%s)", (int)tid,
	    kc_errname(e), why);
	ATF_CHECK_MSG(r1 == 0, "pidfd_send_signal(thread fd, SIGUSR1, 0): %s", kc_errname(e1));
	ATF_CHECK_MSG(r2 == 0, "pidfd_send_signal(thread fd, SIGUSR2, "
	    "PIDFD_SIGNAL_THREAD_GROUP): %s", kc_errname(e2));
	ATF_CHECK_MSG(target->usr1, "SIGUSR1 through the thread pidfd is not pending in "
	    "the target thread %d", (int)tid);
	ATF_CHECK_MSG(!leader->usr1, "SIGUSR1 through the thread pidfd is pending in the "
	    "leader: process-directed, not directed at thread %d", (int)tid);
	ATF_CHECK_MSG(target->usr2, "SIGUSR2 with PIDFD_SIGNAL_THREAD_GROUP is not pending "
	    "in the target thread %d", (int)tid);
	ATF_CHECK_MSG(leader->usr2, "SIGUSR2 with PIDFD_SIGNAL_THREAD_GROUP is not pending "
	    "in the leader: not process-directed");
}

/* What the init of the new pid namespace saw. */
struct pidns_result {
	int	unshare_err;	/* unshare(CLONE_NEWPID) failed with this; else 0 */
	pid_t	init_pid;	/* getpid() in the new namespace */
	int	self_r, self_err;	/* signal 0 through a pidfd of itself */
	int	out_r, out_err;	/* signal 0 through the inherited pidfd */
};

struct pidns_probe {
	int	target;		/* pidfd of a process outside the new namespace */
	int	report;		/* write end: one struct pidns_result */
};

/*
 * In the namespace-capable child (kc_userns_run): unshare the pid
 * namespace; its first child, pid 1 there, signals through a pidfd of
 * itself and through the inherited pidfd of a process outside, and reports.
 */
static int
other_pidns_child(void *arg)
{
	const struct pidns_probe *p = arg;
	struct pidns_result res;
	siginfo_t si;
	pid_t pid;
	int self;

	memset(&res, 0, sizeof(res));
	if (unshare(CLONE_NEWPID) == -1) {
		res.unshare_err = errno;
		KC_CHILD_REQUIRE(write(p->report, &res, sizeof(res)) == (ssize_t)sizeof(res));
		return (0);
	}
	pid = fork();
	KC_CHILD_REQUIRE(pid != -1);
	if (pid == 0) {
		res.init_pid = getpid();
		self = kc_pidfd_open(getpid(), 0);
		KC_CHILD_REQUIRE(self >= 0);
		errno = 0;
		res.self_r = kc_pidfd_send_signal(self, 0, NULL, 0);
		res.self_err = errno;
		errno = 0;
		res.out_r = kc_pidfd_send_signal(p->target, 0, NULL, 0);
		res.out_err = errno;
		KC_CHILD_REQUIRE(write(p->report, &res, sizeof(res)) == (ssize_t)sizeof(res));
		_exit(0);
	}
	KC_CHILD_REQUIRE(kc_wait_timeout(pid, WEXITED, KC_REAP_TIMEOUT_MS, &si) == 0);
	KC_CHILD_REQUIRE(si.si_code == CLD_EXITED && si.si_status == 0);
	return (0);
}

/*
 * A pidfd of a process outside the caller's pid namespace (an ancestor
 * namespace), inherited over fork, cannot be used to signal: EINVAL
 * (kernel/signal.c access_pidfd_pidns).  The same fd works from our own
 * namespace, and a pidfd of itself works inside.  The new pid namespace
 * needs CAP_SYS_ADMIN: root has it, other users get it in a user namespace
 * of their own.
 */
KC_CASE(pidfd_send_signal__other_pidns_einval,
    "pidfd_send_signal(2) from a new pid namespace to a process outside it fails with EINVAL")
{
	struct pidns_probe p;
	struct pidns_result res;
	const char *how;
	ssize_t n;
	int rep[2], r;

	kc_require_pidfd_open();
	kc_require_pidfd_send_signal();
	how = geteuid() != 0 ? " in a user namespace" : "";
	p.target = kc_pidfd_open_or_fail(getpid());
	ATF_CHECK_MSG(kc_pidfd_send_signal(p.target, 0, NULL, 0) == 0,
	    "pidfd_send_signal(self, 0) from our own pid namespace: %s", kc_errname(errno));
	RL(pipe2(rep, O_CLOEXEC));
	p.report = rep[1];
	r = kc_userns_run(KC_USERNS_IF_UNPRIVILEGED, other_pidns_child, &p);
	RL(close(rep[1]));
	n = read(rep[0], &res, sizeof(res));
	RL(close(rep[0]));
	RL(close(p.target));
	ATF_REQUIRE_EQ_MSG(0, r, "the namespace child exited %d", r);
	ATF_REQUIRE_MSG(n == (ssize_t)sizeof(res), "no report from the new pid namespace "
	    "(read %zd)", n);
	if (res.unshare_err == EPERM || res.unshare_err == EINVAL ||
	    res.unshare_err == ENOSPC || res.unshare_err == EUSERS)
		atf_tc_skip("unshare(CLONE_NEWPID)%s: %s", how, kc_errname(res.unshare_err));
	ATF_REQUIRE_MSG(res.unshare_err == 0, "unshare(CLONE_NEWPID)%s: %s", how,
	    kc_errname(res.unshare_err));
	ATF_CHECK_EQ_MSG(1, res.init_pid, "the first child of unshare(CLONE_NEWPID) is "
	    "pid %d, not 1", (int)res.init_pid);
	ATF_CHECK_MSG(res.self_r == 0, "pidfd_send_signal(self, 0) inside the new pid "
	    "namespace: %s", kc_errname(res.self_err));
	ATF_CHECK_MSG(res.out_r == -1 && res.out_err == EINVAL, "pidfd_send_signal(pidfd "
	    "of a process outside, 0) inside the new pid namespace: expected EINVAL, got "
	    "%d %s", res.out_r, res.out_r == -1 ? kc_errname(res.out_err) : "");
}

/*
 * An fd that is neither a pidfd nor a /proc/<tgid> directory: EBADF
 * (kernel/signal.c pidfd_to_pid(); LTP pidfd_send_signal02).
 */
KC_CASE(pidfd_send_signal__regular_file_ebadf,
    "pidfd_send_signal(2) on a regular-file fd fails with EBADF")
{
	char path[] = "pidfd_send_signal.XXXXXX";
	int fd, r, e;

	kc_require_pidfd_send_signal();
	RL(fd = mkostemp(path, O_CLOEXEC));
	RL(unlink(path));
	r = kc_pidfd_send_signal(fd, 0, NULL, 0);
	e = errno;
	RL(close(fd));
	KC_CHECK_ERR(EBADF, r, e);
}

/* What the sender of pidfd_send_signal__other_user_eperm saw. */
struct send_result {
	int	r, e;
};

struct send_arg {
	int	pidfd, report;
};

/* As nobody: SIGKILL through the inherited pidfd; report r and errno. */
static int
send_as_nobody(void *arg)
{
	const struct send_arg *a = arg;
	struct send_result res;

	res.r = kc_pidfd_send_signal(a->pidfd, SIGKILL, NULL, 0);
	res.e = errno;
	KC_CHILD_REQUIRE(write(a->report, &res, sizeof(res)) == (ssize_t)sizeof(res));
	return (0);
}

/*
 * Permission is checked with the sender's credentials at send time
 * (kill_ok_by_cred): nobody may not signal a process of root, even through
 * a pidfd root opened and handed over: EPERM, and the target lives on
 * (LTP pidfd_send_signal02 uses init; here the target is our own child).
 */
KC_CASE_MD(pidfd_send_signal__other_user_eperm,
    "pidfd_send_signal(2) as nobody to a process of root fails with EPERM and kills nothing",
    .user = "root")
{
	struct send_result res;
	struct send_arg a;
	struct kc_held c;
	int rep[2], r, ev;
	ssize_t n;

	kc_require_pidfd_send_signal();
	kc_require_pidfd_open();
	kc_held_spawn(&c, 0);
	a.pidfd = kc_pidfd_open_or_fail(c.pid);
	RL(pipe2(rep, O_CLOEXEC));
	a.report = rep[1];
	r = kc_userns_run(KC_USERNS_AS_NOBODY, send_as_nobody, &a);
	RL(close(rep[1]));
	n = read(rep[0], &res, sizeof(res));
	RL(close(rep[0]));
	RL(ev = kc_poll1(a.pidfd, POLLIN, 0));
	kc_held_release(&c);
	kc_require_exit(c.pid, 0);
	RL(close(a.pidfd));
	KC_REQUIRE_EQ(0, r);
	KC_REQUIRE_EQ((ssize_t)sizeof(res), n);
	KC_CHECK_ERR(EPERM, res.r, res.e);
	KC_CHECK_EQ_HEX(0, ev);		/* the target was alive after the attempt */
}

/* What init of the new pid namespace saw (pidfd_send_signal__recycled_pid_esrch). */
struct recycled_result {
	int	stage;		/* 0 on success, else the step that failed */
	int	stage_err;
	pid_t	old_pid, new_pid;
	int	r, e;		/* pidfd_send_signal through the old pidfd */
	int	new_status;	/* wait status of the recycled-pid process */
};

#define RECYCLED_GOT_SIGNAL	3	/* exit code: SIGUSR1 was pending */

/*
 * As pid 1 of a new pid namespace: fork A, open its pidfd, reap it; create
 * B with A's pid through clone3 set_tid; send SIGUSR1 through A's pidfd;
 * release B, which exits RECYCLED_GOT_SIGNAL if SIGUSR1 is pending on it
 * (blocked from birth), 0 otherwise.
 */
static void
recycled_init(struct recycled_result *res)
{
	struct kc_clone_args ca;
	sigset_t usr1, pend;
	int hold[2], afd, st;
	pid_t a, b, tid;
	char ch;

#define STAGE(n, ok) do { if (!(ok)) { res->stage = (n); res->stage_err = errno; return; } } \
	while (0)
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	STAGE(1, sigprocmask(SIG_BLOCK, &usr1, NULL) == 0);
	STAGE(2, pipe2(hold, O_CLOEXEC) == 0);
	a = fork();
	if (a == 0)
		_exit(0);
	STAGE(3, a > 0);
	res->old_pid = a;
	afd = kc_pidfd_open(a, 0);
	STAGE(4, afd >= 0);
	STAGE(5, waitpid(a, &st, 0) == a);
	memset(&ca, 0, sizeof(ca));
	tid = a;
	ca.exit_signal = SIGCHLD;
	ca.set_tid = kc_ptr(&tid);
	ca.set_tid_size = 1;
	b = (pid_t)kc_clone3(&ca, CLONE_ARGS_SIZE_VER1);
	if (b == 0) {
		(void)close(hold[1]);
		while (read(hold[0], &ch, 1) == -1 && errno == EINTR)
			;
		if (sigpending(&pend) != 0)
			_exit(KC_CHILD_FAILED);
		_exit(sigismember(&pend, SIGUSR1) ? RECYCLED_GOT_SIGNAL : 0);
	}
	STAGE(6, b > 0);
	res->new_pid = b;
	res->r = kc_pidfd_send_signal(afd, SIGUSR1, NULL, 0);
	res->e = errno;
	(void)close(hold[1]);
	(void)close(hold[0]);
	STAGE(7, waitpid(b, &res->new_status, 0) == b);
	(void)close(afd);
#undef STAGE
}

/* In the namespace-capable child: pid 1 of a new pid namespace runs recycled_init. */
static int
recycled_child(void *arg)
{
	struct recycled_result res;
	int report = *(int *)arg, st;
	pid_t init;

	init = (pid_t)kc_clone_raw(CLONE_NEWPID | SIGCHLD, NULL, NULL, NULL, 0);
	if (init == 0) {
		memset(&res, 0, sizeof(res));
		recycled_init(&res);
		_exit(write(report, &res, sizeof(res)) == (ssize_t)sizeof(res) ? 0 :
		    KC_CHILD_FAILED);
	}
	if (init == -1) {
		memset(&res, 0, sizeof(res));
		res.stage = -1;
		res.stage_err = errno;
		KC_CHILD_REQUIRE(write(report, &res, sizeof(res)) == (ssize_t)sizeof(res));
		return (0);
	}
	KC_CHILD_REQUIRE(waitpid(init, &st, 0) == init && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
	return (0);
}

/*
 * A pidfd refers to one process, not to a pid number: once that process is
 * reaped and its pid is really reused by a new process, signalling through
 * the old pidfd gives ESRCH and the new process gets nothing (LTP
 * pidfd_send_signal03 recycles through ns_last_pid, kselftest pidfd_test #8
 * through a fork loop; here it is deterministic: clone3 set_tid gives the
 * new process the freed pid inside a fresh pid namespace).  Root has the
 * capability set_tid needs; other users get it in a user namespace.
 */
KC_CASE(pidfd_send_signal__recycled_pid_esrch,
    "pidfd_send_signal(2) through the pidfd of a reaped process whose pid was reused: ESRCH")
{
	struct recycled_result res;
	const char *how = geteuid() != 0 ? " in a user namespace" : "";
	char buf[64];
	int rep[2], r;
	ssize_t n;
	siginfo_t si;

	kc_require_pidfd_open();
	kc_require_pidfd_send_signal();
	kc_require_clone3();
	RL(pipe2(rep, O_CLOEXEC));
	r = kc_userns_run(KC_USERNS_IF_UNPRIVILEGED, recycled_child, &rep[1]);
	RL(close(rep[1]));
	n = read(rep[0], &res, sizeof(res));
	RL(close(rep[0]));
	KC_REQUIRE_EQ(0, r);
	KC_REQUIRE_EQ((ssize_t)sizeof(res), n);
	if (res.stage == -1 && (res.stage_err == EPERM || res.stage_err == ENOSPC ||
	    res.stage_err == EUSERS))
		atf_tc_skip("clone(CLONE_NEWPID)%s: %s", how, kc_errname(res.stage_err));
	ATF_REQUIRE_MSG(res.stage == 0, "step %d in the new pid namespace failed: %s "
	    "(-1: clone CLONE_NEWPID, 6: clone3 set_tid)", res.stage, kc_errname(res.stage_err));
	KC_REQUIRE_EQ(res.old_pid, res.new_pid);	/* the pid was really reused */
	KC_CHECK_ERR(ESRCH, res.r, res.e);
	memset(&si, 0, sizeof(si));
	si.si_code = WIFEXITED(res.new_status) ? CLD_EXITED : CLD_KILLED;
	si.si_status = WIFEXITED(res.new_status) ? WEXITSTATUS(res.new_status) :
	    WTERMSIG(res.new_status);
	ATF_CHECK_MSG(WIFEXITED(res.new_status) && WEXITSTATUS(res.new_status) == 0,
	    "the process with the reused pid %d: expected exited 0, seen %s (exit %d: SIGUSR1 "
	    "was pending on it)", (int)res.new_pid, kc_describe_status(&si, buf, sizeof(buf)),
	    RECYCLED_GOT_SIGNAL);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, pidfd_send_signal__delivery);
	ATF_TP_ADD_TC(tp, pidfd_send_signal__siginfo_value);

	ATF_TP_ADD_TC(tp, pidfd_send_signal__bad_args_einval);
	ATF_TP_ADD_TC(tp, pidfd_send_signal__scope_flags);
	ATF_TP_ADD_TC(tp, pidfd_send_signal__forged_code_eperm);
	ATF_TP_ADD_TC(tp, pidfd_send_signal__thread_fd_thread_scope);
	ATF_TP_ADD_TC(tp, pidfd_send_signal__other_pidns_einval);

	ATF_TP_ADD_TC(tp, pidfd_send_signal__zombie_ok);
	ATF_TP_ADD_TC(tp, pidfd_send_signal__reaped_esrch);
	ATF_TP_ADD_TC(tp, pidfd_send_signal__proc_dirfd);
	ATF_TP_ADD_TC(tp, pidfd_send_signal__regular_file_ebadf);
	ATF_TP_ADD_TC(tp, pidfd_send_signal__other_user_eperm);
	ATF_TP_ADD_TC(tp, pidfd_send_signal__recycled_pid_esrch);

	return (atf_no_error());
}
