/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pidfd_send_signal(2): delivery and siginfo, flags and scopes, the
 * permission rule for forged siginfo, and targets that are gone or are
 * /proc directories.
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

#include "kc_child.h"
#include "kc_kfacts.h"
#include "kc_macros.h"
#include "kc_pidfd.h"
#include "kc_probe.h"
#include "kc_sys.h"

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

/* A signal sent through a pidfd arrives, as SI_USER from the sender. */
ATF_TC(pidfd_send_signal__delivery);
ATF_TC_HEAD(pidfd_send_signal__delivery, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "pidfd_send_signal(2) delivers the signal as SI_USER with the sender's pid and uid");
}
ATF_TC_BODY(pidfd_send_signal__delivery, tc)
{
	struct kc_hygiene h;
	pid_t pid;
	int fd;

	kc_hygiene_begin(&h);
	kc_require_pidfd_open();
	kc_require_pidfd_send_signal();
	pid = spawn_receiver(SI_USER, 0);
	fd = kc_pidfd_open_or_fail(pid);
	if (kc_pidfd_send_signal(fd, SIGUSR1, NULL, 0) == -1) {
		int e = errno;

		RL(kill(pid, SIGKILL));
		kc_require_killed(pid, SIGKILL);
		RL(close(fd));
		atf_tc_fail("pidfd_send_signal(child, SIGUSR1): %s", kc_errname(e));
	}
	kc_require_exit(pid, 0);
	RL(close(fd));
	kc_hygiene_end(&h);
}

/* A caller-built siginfo (SI_QUEUE, si_value) reaches the target unchanged. */
ATF_TC(pidfd_send_signal__siginfo_value);
ATF_TC_HEAD(pidfd_send_signal__siginfo_value, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "pidfd_send_signal(2) with an SI_QUEUE siginfo delivers its si_value");
}
ATF_TC_BODY(pidfd_send_signal__siginfo_value, tc)
{
	struct kc_hygiene h;
	siginfo_t info;
	pid_t pid;
	int fd;

	kc_hygiene_begin(&h);
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
	if (kc_pidfd_send_signal(fd, SIGUSR1, &info, 0) == -1) {
		int e = errno;

		RL(kill(pid, SIGKILL));
		kc_require_killed(pid, SIGKILL);
		RL(close(fd));
		atf_tc_fail("pidfd_send_signal(child, SIGUSR1, SI_QUEUE): %s", kc_errname(e));
	}
	kc_require_exit(pid, 0);
	RL(close(fd));
	kc_hygiene_end(&h);
}

/* Unknown flag bits, and a signal that differs from info's si_signo, are EINVAL. */
ATF_TC(pidfd_send_signal__bad_args_einval);
ATF_TC_HEAD(pidfd_send_signal__bad_args_einval, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "pidfd_send_signal(2) rejects unknown flags and sig != info.si_signo with EINVAL");
}
ATF_TC_BODY(pidfd_send_signal__bad_args_einval, tc)
{
	struct kc_hygiene h;
	siginfo_t info;
	int fd;

	kc_hygiene_begin(&h);
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
	kc_hygiene_end(&h);
}

/*
 * PIDFD_SIGNAL_THREAD, _THREAD_GROUP, _PROCESS_GROUP: EINVAL before 6.9;
 * from 6.9 each alone is accepted and two at once are EINVAL
 * (kernel-facts row pidfd_send_signal_scope_flags).  The target is a child
 * that leads its own process group (PROCESS_GROUP signals the group the
 * target leads).  Signal 0: permission and existence checks only.
 */
ATF_TC(pidfd_send_signal__scope_flags);
ATF_TC_HEAD(pidfd_send_signal__scope_flags, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "PIDFD_SIGNAL_* scope flags behave as the kernel-facts table says for this kernel");
}
ATF_TC_BODY(pidfd_send_signal__scope_flags, tc)
{
	static const unsigned int scopes[] = {
		PIDFD_SIGNAL_THREAD, PIDFD_SIGNAL_THREAD_GROUP, PIDFD_SIGNAL_PROCESS_GROUP,
	};
	struct kc_hygiene h;
	struct kc_held c;
	char why[256];
	unsigned i;
	int fd, r;

	kc_hygiene_begin(&h);
	kc_require_pidfd_open();
	kc_require_pidfd_send_signal();
	kc_kfact_describe(KC_KF_PIDFD_SIGNAL_FLAGS, why, sizeof(why));
	kc_held_spawn(&c, 0);
	RL(setpgid(c.pid, c.pid));
	fd = kc_pidfd_open_or_fail(c.pid);
	for (i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++) {
		errno = 0;
		r = kc_pidfd_send_signal(fd, 0, NULL, scopes[i]);
		if (kc_kfact(KC_KF_PIDFD_SIGNAL_FLAGS))
			ATF_CHECK_MSG(r == 0, "flags %#x: %s (%s)", scopes[i], kc_errname(errno), why);
		else
			ATF_CHECK_MSG(r == -1 && errno == EINVAL, "flags %#x: expected EINVAL, "
			    "got %d %s (%s)", scopes[i], r, r == -1 ? kc_errname(errno) : "", why);
	}
	KC_CHECK_ERRNO(EINVAL, kc_pidfd_send_signal(fd, 0, NULL,
	    PIDFD_SIGNAL_THREAD | PIDFD_SIGNAL_THREAD_GROUP));
	KC_CHECK_ERRNO(EINVAL, kc_pidfd_send_signal(fd, 0, NULL,
	    PIDFD_SIGNAL_THREAD_GROUP | PIDFD_SIGNAL_PROCESS_GROUP));
	kc_held_release(&c);
	kc_require_exit(c.pid, 0);
	RL(close(fd));
	kc_hygiene_end(&h);
}

/*
 * A siginfo that claims to come from the kernel or kill(2) (si_code >= 0,
 * or SI_TKILL) may only be sent to oneself: EPERM for another process,
 * accepted for self.
 */
ATF_TC(pidfd_send_signal__forged_code_eperm);
ATF_TC_HEAD(pidfd_send_signal__forged_code_eperm, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "pidfd_send_signal(2) with si_code SI_USER or SI_TKILL: EPERM to another process, ok to self");
}
ATF_TC_BODY(pidfd_send_signal__forged_code_eperm, tc)
{
	struct kc_hygiene h;
	struct kc_held c;
	struct timespec zero = { 0, 0 };
	sigset_t set, old;
	siginfo_t info, got;
	int fd, self, r, e;

	kc_hygiene_begin(&h);
	kc_require_pidfd_open();
	kc_require_pidfd_send_signal();
	kc_held_spawn(&c, 0);
	fd = kc_pidfd_open_or_fail(c.pid);
	memset(&info, 0, sizeof(info));
	info.si_signo = SIGUSR1;
	info.si_code = SI_USER;
	info.si_pid = getpid();
	info.si_uid = getuid();
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
	kc_hygiene_end(&h);
}

/* A zombie can still be signalled (signal 0 checks it exists). */
ATF_TC(pidfd_send_signal__zombie_ok);
ATF_TC_HEAD(pidfd_send_signal__zombie_ok, tc)
{
	atf_tc_set_md_var(tc, "descr", "pidfd_send_signal(2) to a zombie child succeeds");
}
ATF_TC_BODY(pidfd_send_signal__zombie_ok, tc)
{
	struct kc_hygiene h;
	struct kc_held c;
	int fd;

	kc_hygiene_begin(&h);
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
	kc_hygiene_end(&h);
}

/* Once reaped, the process is gone: ESRCH, even though the fd is valid. */
ATF_TC(pidfd_send_signal__reaped_esrch);
ATF_TC_HEAD(pidfd_send_signal__reaped_esrch, tc)
{
	atf_tc_set_md_var(tc, "descr", "pidfd_send_signal(2) to a reaped child fails with ESRCH");
}
ATF_TC_BODY(pidfd_send_signal__reaped_esrch, tc)
{
	struct kc_hygiene h;
	struct kc_held c;
	int fd;

	kc_hygiene_begin(&h);
	kc_require_pidfd_open();
	kc_require_pidfd_send_signal();
	kc_held_spawn(&c, 0);
	fd = kc_pidfd_open_or_fail(c.pid);
	kc_held_release(&c);
	kc_require_exit(c.pid, 0);
	KC_CHECK_ERRNO(ESRCH, kc_pidfd_send_signal(fd, 0, NULL, 0));
	RL(close(fd));
	kc_hygiene_end(&h);
}

/* A /proc/<pid> directory fd is accepted as the target (unlike waitid). */
ATF_TC(pidfd_send_signal__proc_dirfd);
ATF_TC_HEAD(pidfd_send_signal__proc_dirfd, tc)
{
	atf_tc_set_md_var(tc, "descr",
	    "pidfd_send_signal(2) accepts a /proc/<pid> directory fd and delivers the signal");
}
ATF_TC_BODY(pidfd_send_signal__proc_dirfd, tc)
{
	struct kc_hygiene h;
	struct kc_held c;
	char path[64];
	int fd, r, e;

	kc_hygiene_begin(&h);
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
	kc_hygiene_end(&h);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, pidfd_send_signal__delivery);
	ATF_TP_ADD_TC(tp, pidfd_send_signal__siginfo_value);

	ATF_TP_ADD_TC(tp, pidfd_send_signal__bad_args_einval);
	ATF_TP_ADD_TC(tp, pidfd_send_signal__scope_flags);
	ATF_TP_ADD_TC(tp, pidfd_send_signal__forged_code_eperm);

	ATF_TP_ADD_TC(tp, pidfd_send_signal__zombie_ok);
	ATF_TP_ADD_TC(tp, pidfd_send_signal__reaped_esrch);
	ATF_TP_ADD_TC(tp, pidfd_send_signal__proc_dirfd);

	return (atf_no_error());
}
