/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * waitid(2) without a pidfd: no children, P_PID and P_PGID filtering,
 * WNOHANG on a running child, the CLD_DUMPED of a core-dumping signal
 * (LTP waitid03/05/06/10), and no early return when only the leader exits
 * (kselftest pidfd_test #4).
 */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
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
#include "kc_known.h"
#include "kc_macros.h"
#include "kc_pidfd.h"
#include "kc_sys.h"

/* With no child at all, waitid(P_ALL) has nothing to wait for: ECHILD. */
KC_CASE(waitid__no_children_echild, "waitid(P_ALL, WEXITED) without children fails with ECHILD")
{
	siginfo_t si;
	int r, e;

	r = kc_waitid(P_ALL, 0, &si, WEXITED, NULL);
	e = errno;
	KC_CHECK_ERR(ECHILD, r, e);
}

/*
 * P_PID selects one child: a pid that is not a child of ours (our own, an
 * unused one) gives ECHILD even though a child exists; the child's own pid
 * reaps it (LTP waitid06).
 */
KC_CASE(waitid__p_pid_filter, "waitid(P_PID) with a pid that is not our child gives ECHILD; "
    "with the child's pid it reaps the child")
{
	struct kc_held c;
	siginfo_t si;
	pid_t unused;
	int r1, e1, r2, e2, r, e;

	unused = kc_unused_pid();
	kc_held_spawn(&c, 9);
	r1 = kc_waitid(P_PID, getpid(), &si, WEXITED | WNOHANG, NULL);
	e1 = errno;
	r2 = kc_waitid(P_PID, unused, &si, WEXITED | WNOHANG, NULL);
	e2 = errno;
	kc_held_release(&c);
	memset(&si, 0, sizeof(si));
	r = kc_waitid(P_PID, c.pid, &si, WEXITED, NULL);
	e = errno;
	if (r == -1)
		kc_require_reaped(c.pid, &si);
	KC_CHECK_ERR(ECHILD, r1, e1);
	KC_CHECK_ERR(ECHILD, r2, e2);
	KC_REQUIRE_OK(r, e);
	KC_CHECK_EQ(c.pid, si.si_pid);
	KC_CHECK_EQ(CLD_EXITED, si.si_code);
	KC_CHECK_EQ(9, si.si_status);
}

/*
 * P_PGID selects the children of one process group: our group holds no
 * child once the only child has moved to its own group (ECHILD), and that
 * group's id reaps it (LTP waitid05).  Both sides call setpgid, so the move
 * is done whichever runs first.
 */
KC_CASE(waitid__p_pgid_filter, "waitid(P_PGID) of a group without our children gives ECHILD; "
    "the child's group reaps it")
{
	int hold[2], r1, e1, r, e;
	siginfo_t si;
	pid_t pid;
	char ch;

	RL(pipe2(hold, O_CLOEXEC));
	pid = kc_fork();
	if (pid == 0) {
		(void)close(hold[1]);
		KC_CHILD_REQUIRE(setpgid(0, 0) == 0);
		while (read(hold[0], &ch, 1) == -1 && errno == EINTR)
			;
		_exit(4);
	}
	RL(close(hold[0]));
	RL(setpgid(pid, pid));
	r1 = kc_waitid(P_PGID, getpgrp(), &si, WEXITED | WNOHANG, NULL);
	e1 = errno;
	RL(close(hold[1]));
	memset(&si, 0, sizeof(si));
	r = kc_waitid(P_PGID, pid, &si, WEXITED, NULL);
	e = errno;
	if (r == -1)
		kc_require_reaped(pid, &si);
	KC_CHECK_ERR(ECHILD, r1, e1);
	KC_REQUIRE_OK(r, e);
	KC_CHECK_EQ(pid, si.si_pid);
	KC_CHECK_EQ(CLD_EXITED, si.si_code);
	KC_CHECK_EQ(4, si.si_status);
}

/*
 * WNOHANG on a child that is still running returns 0 at once and, with
 * nothing to report, stores a zeroed siginfo: si_pid 0 and si_signo 0
 * (kernel/exit.c waitid: info is zero-initialised and copied out either
 * way; POSIX: "si_pid shall be zero").  The buffer is filled with 0xa5
 * first, so a call that writes nothing is caught.
 */
KC_CASE(waitid__wnohang_running_zero, "waitid(WNOHANG) on a running child returns 0 with "
    "si_pid 0 and si_signo 0")
{
	struct kc_held c;
	siginfo_t si;
	int r, e;

	kc_held_spawn(&c, 0);
	memset(&si, 0xa5, sizeof(si));
	r = kc_waitid(P_PID, c.pid, &si, WEXITED | WNOHANG, NULL);
	e = errno;
	kc_held_release(&c);
	kc_require_exit(c.pid, 0);
	KC_REQUIRE_OK(r, e);
	KC_CHECK_EQ(0, r);
	KC_CHECK_EQ(0, si.si_pid);
	KC_CHECK_EQ(0, si.si_signo);
}

/* Remove every entry of directory `dir` (a flat directory we made) and it; count them. */
static int
remove_dir(const char *dir)
{
	char path[512];
	struct dirent *d;
	DIR *dp;
	int n = 0;

	dp = opendir(dir);
	ATF_REQUIRE_MSG(dp != NULL, "opendir %s: %s", dir, strerror(errno));
	errno = 0;
	while ((d = readdir(dp)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		RL(unlink(path));
		n++;
		errno = 0;
	}
	ATF_REQUIRE_MSG(errno == 0, "readdir %s: %s", dir, strerror(errno));
	RL(closedir(dp));
	RL(rmdir(dir));
	return (n);
}

/*
 * A child killed by a core-dumping signal (SIGQUIT) with RLIMIT_CORE raised
 * to its hard limit dumps core, and waitid reports CLD_DUMPED, not
 * CLD_KILLED (LTP waitid10).  Where the core goes: core_pattern is global,
 * so it is read, not set.  A plain file name (no '/', no '|') is relative
 * to the dumping process's cwd, so the child runs in a private empty
 * directory that is removed afterwards, with what it holds.  A pattern
 * that pipes to a helper or names another directory would put a core
 * outside this case: the case is then skipped, saying so.
 */
KC_CASE_MD(waitid__cld_dumped, "waitid(2) reports CLD_DUMPED for a child killed by SIGQUIT "
    "with RLIMIT_CORE raised", .deadline_s = 40)
{
	char pattern[256], dir[] = "waitid_core.XXXXXX";
	struct rlimit rl;
	siginfo_t si;
	ssize_t n;
	pid_t pid;
	int fd, files;

	RL(fd = open("/proc/sys/kernel/core_pattern", O_RDONLY | O_CLOEXEC));
	RL(n = read(fd, pattern, sizeof(pattern) - 1));
	RL(close(fd));
	pattern[n] = '\0';
	pattern[strcspn(pattern, "\n")] = '\0';
	if (pattern[0] == '|' || strchr(pattern, '/') != NULL)
		atf_tc_skip("core_pattern \"%s\" sends a core outside this case's directory "
		    "(a pipe or another directory): not dumping there", pattern);
	if (pattern[0] == '\0')
		atf_tc_skip("core_pattern is empty: the kernel dumps no core");
	RL(getrlimit(RLIMIT_CORE, &rl));
	if (rl.rlim_max == 0)
		atf_tc_skip("RLIMIT_CORE hard limit is 0: no core can be dumped");
	ATF_REQUIRE_MSG(mkdtemp(dir) != NULL, "mkdtemp: %s", strerror(errno));
	pid = kc_fork();
	if (pid == 0) {
		rl.rlim_cur = rl.rlim_max;
		KC_CHILD_REQUIRE(setrlimit(RLIMIT_CORE, &rl) == 0);
		KC_CHILD_REQUIRE(chdir(dir) == 0);
		(void)raise(SIGQUIT);
		_exit(0);
	}
	kc_require_reaped(pid, &si);
	files = remove_dir(dir);
	KC_CHECK_EQ(pid, si.si_pid);
	kc_known_expect_fail("qemu_core_dump_by_qemu", kc_qemu_user_version(tc));
	kc_known_expect_fail("qemu_core_dump_by_qemu_late", kc_qemu_user_version(tc));
	KC_CHECK_EQ(CLD_DUMPED, si.si_code);
	KC_CHECK_EQ(SIGQUIT, si.si_status);
	KC_CHECK_GE(files, 1);		/* the core went into the private directory */
}

/* The child's leader, exiting alone: its clear-tid word, shared with the thread. */
static int leader_word;
static int gone_w = -1, quit_r = -1;

#define SURVIVOR_EXIT	7

static void *
survivor_fn(void *a)
{
	char c;

	(void)a;
	/* The kernel zeroes leader_word and wakes us when the leader has exited. */
	while (__atomic_load_n(&leader_word, __ATOMIC_ACQUIRE) != 0)
		syscall(__NR_futex, &leader_word, FUTEX_WAIT, leader_word, NULL, NULL, 0);
	KC_CHILD_REQUIRE(write(gone_w, "g", 1) == 1);
	while (read(quit_r, &c, 1) == -1 && errno == EINTR)
		;
	_exit(SURVIVOR_EXIT);
}

/* State letter of process pid from /proc/<pid>/stat (the leader's); '?' if unreadable. */
static char
leader_state(pid_t pid)
{
	char path[64], buf[512], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return ('?');
	n = read(fd, buf, sizeof(buf) - 1);
	(void)close(fd);
	if (n <= 0)
		return ('?');
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return (p != NULL && p[1] == ' ' && p[2] != '\0' ? p[2] : '?');
}

/*
 * The leader thread exiting while another thread lives is no process exit:
 * waitid(WNOHANG) finds nothing (0, si_pid 0) even once /proc shows the
 * leader a zombie; the wait returns when the last thread exits, with its
 * status (kselftest pidfd_test #4, the waitpid variant of the leader-exit
 * test; kernel/exit.c delay_group_leader()).
 */
KC_CASE(waitid__leader_exit_threads_live,
    "waitid(2) does not return when the leader exits while another thread lives")
{
	int gone[2], quit[2], r_early, e_early, r, e;
	siginfo_t si_early, si;
	pthread_t t;
	pid_t pid;
	char b, st;

	RL(pipe2(gone, O_CLOEXEC));
	RL(pipe2(quit, O_CLOEXEC));
	pid = kc_fork();
	if (pid == 0) {
		close(gone[0]);
		close(quit[1]);
		gone_w = gone[1];
		quit_r = quit[0];
		leader_word = kc_gettid();
		syscall(__NR_set_tid_address, &leader_word);
		KC_CHILD_REQUIRE(pthread_create(&t, NULL, survivor_fn, NULL) == 0);
		syscall(__NR_exit, 0);	/* this thread only */
		_exit(KC_CHILD_FAILED);
	}
	RL(close(gone[1]));
	RL(close(quit[0]));
	ATF_REQUIRE_MSG(read(gone[0], &b, 1) == 1, "the child's thread did not report the "
	    "leader's exit");
	while ((st = leader_state(pid)) != 'Z') {
		ATF_REQUIRE_MSG(st != '?' && st != 'X', "/proc/%d/stat: state %c before the "
		    "leader became a zombie", (int)pid, st);
		sched_yield();
	}
	memset(&si_early, 0xa5, sizeof(si_early));
	r_early = kc_waitid(P_PID, pid, &si_early, WEXITED | WNOHANG, NULL);
	e_early = errno;
	RL(close(quit[1]));
	memset(&si, 0, sizeof(si));
	r = kc_waitid(P_PID, pid, &si, WEXITED, NULL);
	e = errno;
	if (r == -1 || (r_early == 0 && si_early.si_pid == pid))
		kc_reap_children(NULL);
	RL(close(gone[0]));
	KC_CHECK_OK(r_early, e_early);
	KC_CHECK_EQ(0, si_early.si_pid);
	KC_REQUIRE_OK(r, e);
	KC_CHECK_EQ(pid, si.si_pid);
	KC_CHECK_EQ(CLD_EXITED, si.si_code);
	KC_CHECK_EQ(SURVIVOR_EXIT, si.si_status);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, waitid__no_children_echild);
	ATF_TP_ADD_TC(tp, waitid__p_pid_filter);
	ATF_TP_ADD_TC(tp, waitid__p_pgid_filter);
	ATF_TP_ADD_TC(tp, waitid__wnohang_running_zero);
	ATF_TP_ADD_TC(tp, waitid__cld_dumped);
	ATF_TP_ADD_TC(tp, waitid__leader_exit_threads_live);

	return (atf_no_error());
}
