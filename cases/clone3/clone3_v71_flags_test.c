/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The clone3(2) flags of 7.1: CLONE_AUTOREAP, CLONE_NNP, CLONE_PIDFD_AUTOKILL,
 * CLONE_EMPTY_MNTNS.  Asserted per the kernel-facts table (KC_KF_CLONE_AUTOREAP,
 * KC_KF_CLONE_NNP, KC_KF_CLONE_PIDFD_AUTOKILL, KC_KF_CLONE_EMPTY_MNTNS): below the floor the fact is the unknown-flag
 * EINVAL; from the floor on the documented behaviour (FACTS-kernel §6), and
 * a rejection of the flag there fails as a regression.
 */
#include <sys/prctl.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
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
#include "kc_userns.h"

#define TIMEOUT_MS	10000

static void
args_init(struct kc_clone_args *a, uint64_t flags, uint64_t exit_signal, int *pidfd)
{
	memset(a, 0, sizeof(*a));
	a->flags = flags;
	a->exit_signal = exit_signal;
	a->pidfd = kc_ptr(pidfd);
}

/*
 * At or above the floor of `kf`: the kernel must know `flags` (with their
 * companions).  The probe's EINVAL (flag unknown) fails as a regression
 * through the floor row; any other outcome than the probe's EFAULT fails.
 */
static void
require_known(enum kc_kfact kf, uint64_t flags, uint64_t exit_signal, const char *name)
{
	int k = kc_clone3_flags_known(flags, exit_signal);
	int e = errno;

	if (k == 0)
		kc_require_kfeature(kf, name, -1, EINVAL);
	ATF_REQUIRE_MSG(k == 1, "probe of %s: expected EFAULT (a known flag with a faulting "
	    ".pidfd), seen %s", name, kc_errname(e));
}

/* Until waitid on `pid` (any exit signal) gives ECHILD: an autoreaped child
 * is released at exit.  Bounded; no sleep (the release is immediate).
 * Returns 0 (ECHILD), the other errno waitid gave, or ETIMEDOUT when the
 * child stayed waitable for TIMEOUT_MS. */
static int
wait_released(pid_t pid)
{
	struct timespec t0, t;
	siginfo_t si;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		memset(&si, 0, sizeof(si));
		if (kc_waitid(P_PID, pid, &si, WEXITED | WNOHANG | WNOWAIT | __WALL, NULL) == -1)
			return (errno == ECHILD ? 0 : errno);
		clock_gettime(CLOCK_MONOTONIC, &t);
		if ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000 > TIMEOUT_MS)
			return (ETIMEDOUT);
		sched_yield();
	}
}

/*
 * CLONE_AUTOREAP (7.1): the child is reaped by the kernel at exit (no
 * zombie, waitid gives ECHILD); it needs exit_signal 0 and excludes
 * CLONE_THREAD and CLONE_PARENT (EINVAL).  Before 7.1: EINVAL (unknown).
 */
KC_CASE(clone3_v71__autoreap,
    "clone3(2) CLONE_AUTOREAP: no zombie and its EINVAL rules (7.1), else unknown-flag EINVAL")
{
	struct kc_clone_args a;
	int pidfd = -1, d[2], e, r;
	long pid;
	char c;

	kc_require_clone3();
	if (!kc_kfact(KC_KF_CLONE_AUTOREAP)) {
		args_init(&a, CLONE_AUTOREAP, 0, NULL);
		KC_CLONE3_CHECK_ERR_KF(KC_KF_CLONE_AUTOREAP, EINVAL, &a, sizeof(a), "AUTOREAP");
		return;
	}
	require_known(KC_KF_CLONE_AUTOREAP, CLONE_AUTOREAP, 0, "clone3(2) CLONE_AUTOREAP");
	args_init(&a, CLONE_AUTOREAP, SIGCHLD, NULL);
	KC_CLONE3_CHECK_ERR_KF(KC_KF_CLONE_AUTOREAP, EINVAL, &a, sizeof(a),
	    "AUTOREAP, exit_signal SIGCHLD");
	args_init(&a, CLONE_AUTOREAP | CLONE_PARENT, 0, NULL);
	KC_CLONE3_CHECK_ERR_KF(KC_KF_CLONE_AUTOREAP, EINVAL, &a, sizeof(a), "AUTOREAP|PARENT");
	args_init(&a, CLONE_AUTOREAP | CLONE_THREAD | CLONE_SIGHAND | CLONE_VM, 0, NULL);
	KC_CLONE3_CHECK_ERR_KF(KC_KF_CLONE_AUTOREAP, EINVAL, &a, sizeof(a), "AUTOREAP|THREAD");

	RL(pipe2(d, O_CLOEXEC));
	args_init(&a, CLONE_AUTOREAP | CLONE_PIDFD, 0, &pidfd);
	pid = kc_clone3(&a, sizeof(a));
	if (pid == 0)
		_exit(0);
	e = errno;
	if (pid == -1) {
		RL(close(d[0]));
		RL(close(d[1]));
	}
	KC_REQUIRE_OK_KF(KC_KF_CLONE_AUTOREAP, pid, e);
	RL(close(d[1]));
	KC_CHECK_EQ((ssize_t)0, read(d[0], &c, 1));	/* EOF: the child has exited */
	RL(close(d[0]));
	r = wait_released((pid_t)pid);
	ATF_CHECK_MSG(r == 0, "waitid(P_PID %ld): expected ECHILD (reaped by the kernel), seen %s",
	    pid, r == ETIMEDOUT ? "a waitable child for 10 s" : kc_errname(r));
	if (pidfd >= 0)
		RL(close(pidfd));
}

/*
 * CLONE_NNP (7.1): the child starts with no_new_privs set, the parent keeps
 * its own setting; EINVAL with CLONE_THREAD.  Before 7.1: EINVAL.
 */
KC_CASE(clone3_v71__nnp,
    "clone3(2) CLONE_NNP: no_new_privs in the child only (7.1), else unknown-flag EINVAL")
{
	struct kc_clone_args a;
	int before, e;
	long pid;

	kc_require_clone3();
	if (!kc_kfact(KC_KF_CLONE_NNP)) {
		args_init(&a, CLONE_NNP, SIGCHLD, NULL);
		KC_CLONE3_CHECK_ERR_KF(KC_KF_CLONE_NNP, EINVAL, &a, sizeof(a), "NNP");
		return;
	}
	require_known(KC_KF_CLONE_NNP, CLONE_NNP, SIGCHLD, "clone3(2) CLONE_NNP");
	args_init(&a, CLONE_NNP | CLONE_THREAD | CLONE_SIGHAND | CLONE_VM, 0, NULL);
	KC_CLONE3_CHECK_ERR_KF(KC_KF_CLONE_NNP, EINVAL, &a, sizeof(a), "NNP|THREAD");
	RL(before = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	args_init(&a, CLONE_NNP, SIGCHLD, NULL);
	pid = kc_clone3(&a, sizeof(a));
	if (pid == 0) {
		KC_CHILD_REQUIRE(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1);
		_exit(0);
	}
	e = errno;
	KC_REQUIRE_OK_KF(KC_KF_CLONE_NNP, pid, e);
	kc_require_exit((pid_t)pid, 0);
	/* The parent's no_new_privs is unchanged. */
	KC_CHECK_EQ(before, prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
}

/* As an unprivileged user: AUTOKILL without NNP is EPERM.  Returns 0 or
 * 100 + errno (99: a child was created). */
static int
autokill_without_nnp(void *arg)
{
	struct kc_clone_args a;
	int pidfd = -1;
	long r;

	(void)arg;
	args_init(&a, CLONE_PIDFD_AUTOKILL | CLONE_AUTOREAP | CLONE_PIDFD, 0, &pidfd);
	r = kc_clone3_nochild(&a, sizeof(a));
	if (pidfd >= 0)
		close(pidfd);
	if (r == -1)
		return (errno == EPERM ? 0 : 100 + errno);
	return (99);
}

/*
 * CLONE_PIDFD_AUTOKILL (7.1): closing the clone pidfd kills the child; it
 * needs CLONE_PIDFD and CLONE_AUTOREAP (EINVAL without), and without
 * CLONE_NNP an unprivileged caller gets EPERM.  Before 7.1: EINVAL.
 */
KC_CASE(clone3_v71__pidfd_autokill,
    "clone3(2) CLONE_PIDFD_AUTOKILL: killed on pidfd close, EINVAL/EPERM rules (7.1), "
    "else unknown-flag EINVAL")
{
	const uint64_t ak = CLONE_PIDFD_AUTOKILL | CLONE_AUTOREAP | CLONE_NNP;
	struct kc_clone_args a;
	int pidfd = -1, go[2], d[2], r, e;
	long pid;
	char c;

	kc_require_clone3();
	if (!kc_kfact(KC_KF_CLONE_PIDFD_AUTOKILL)) {
		args_init(&a, ak | CLONE_PIDFD, 0, &pidfd);
		KC_CLONE3_CHECK_ERR_KF(KC_KF_CLONE_PIDFD_AUTOKILL, EINVAL, &a, sizeof(a),
		    "PIDFD_AUTOKILL|AUTOREAP|NNP|PIDFD");
		if (pidfd >= 0)
			RL(close(pidfd));
		return;
	}
	require_known(KC_KF_CLONE_PIDFD_AUTOKILL, ak, 0, "clone3(2) CLONE_PIDFD_AUTOKILL");
	args_init(&a, ak, 0, NULL);
	KC_CLONE3_CHECK_ERR_KF(KC_KF_CLONE_PIDFD_AUTOKILL, EINVAL, &a, sizeof(a),
	    "AUTOKILL without PIDFD");
	args_init(&a, CLONE_PIDFD_AUTOKILL | CLONE_NNP | CLONE_PIDFD, SIGCHLD, &pidfd);
	KC_CLONE3_CHECK_ERR_KF(KC_KF_CLONE_PIDFD_AUTOKILL, EINVAL, &a, sizeof(a),
	    "AUTOKILL without AUTOREAP");
	if (pidfd >= 0) {
		RL(close(pidfd));
		pidfd = -1;
	}
	if (geteuid() == 0)
		r = kc_userns_run(KC_USERNS_AS_NOBODY, autokill_without_nnp, NULL);
	else
		r = autokill_without_nnp(NULL);
	ATF_CHECK_MSG(r == 0, "AUTOKILL without NNP, unprivileged: expected EPERM, got %s",
	    r >= 100 ? kc_errname(r - 100) : "a child");

	/* The child blocks on `go` until killed; `d` reports its death. */
	RL(pipe2(go, O_CLOEXEC));
	RL(pipe2(d, O_CLOEXEC));
	args_init(&a, ak | CLONE_PIDFD, 0, &pidfd);
	pid = kc_clone3(&a, sizeof(a));
	if (pid == 0) {
		close(go[1]);
		(void)read(go[0], &c, 1);
		_exit(0);
	}
	e = errno;
	if (pid == -1) {
		RL(close(go[0]));
		RL(close(go[1]));
		RL(close(d[0]));
		RL(close(d[1]));
	}
	KC_REQUIRE_OK_KF(KC_KF_CLONE_PIDFD_AUTOKILL, pid, e);
	RL(close(d[1]));
	RL(close(pidfd));		/* the property: this kills the child */
	ATF_CHECK_MSG(kc_poll1(d[0], POLLIN, TIMEOUT_MS) > 0, "expected the child killed by "
	    "the close of its pidfd, seen it alive %d ms later", TIMEOUT_MS);
	RL(close(go[1]));		/* releases it if it was not killed */
	RL(close(go[0]));
	RL(close(d[0]));
	r = wait_released((pid_t)pid);
	ATF_CHECK_MSG(r == 0, "waitid(P_PID %ld): expected ECHILD (reaped by the kernel), seen %s",
	    pid, r == ETIMEDOUT ? "a waitable child for 10 s" : kc_errname(r));
}

/* Entries of "/" other than "." and "..", at most 100; -1 if unreadable. */
static int
root_entries(void)
{
	struct dirent *d;
	DIR *dir;
	int n = 0;

	if ((dir = opendir("/")) == NULL)
		return (-1);
	while ((d = readdir(dir)) != NULL && n < 100) {
		if (strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0)
			n++;
	}
	closedir(dir);
	return (n);
}

/*
 * CLONE_EMPTY_MNTNS (7.1, 1<<37): the child starts in a new mount namespace
 * that holds nothing (its root and cwd an empty nullfs), while ours keeps
 * its root.  It implies CLONE_NEWNS, so it needs CAP_SYS_ADMIN.  Before
 * 7.1: EINVAL (an unknown flag).
 */
KC_CASE_MD(clone3_v71__empty_mntns,
    "clone3(2) CLONE_EMPTY_MNTNS: the child's / is empty, ours is not (7.1), "
    "else unknown-flag EINVAL", .user = "root")
{
	struct kc_clone_args a;
	siginfo_t si;
	char buf[64];
	int ours, e;
	long pid;

	kc_require_clone3();
	if (!kc_kfact(KC_KF_CLONE_EMPTY_MNTNS)) {
		args_init(&a, CLONE_EMPTY_MNTNS, SIGCHLD, NULL);
		KC_CLONE3_CHECK_ERR_KF(KC_KF_CLONE_EMPTY_MNTNS, EINVAL, &a, sizeof(a),
		    "EMPTY_MNTNS");
		return;
	}
	require_known(KC_KF_CLONE_EMPTY_MNTNS, CLONE_EMPTY_MNTNS, SIGCHLD,
	    "clone3(2) CLONE_EMPTY_MNTNS");
	ours = root_entries();
	KC_REQUIRE_GT(ours, 0);
	args_init(&a, CLONE_EMPTY_MNTNS, SIGCHLD, NULL);
	pid = kc_clone3(&a, sizeof(a));
	if (pid == 0)
		_exit(root_entries() == 0 ? 0 : KC_CHILD_FAILED);
	e = errno;
	KC_REQUIRE_OK_KF(KC_KF_CLONE_EMPTY_MNTNS, pid, e);
	ATF_REQUIRE_MSG(kc_wait_timeout((pid_t)pid, WEXITED, TIMEOUT_MS, &si) == 0,
	    "waitid(child): %s", kc_errname(errno));
	ATF_CHECK_MSG(si.si_code == CLD_EXITED && si.si_status == 0, "child: expected its / "
	    "empty (exit 0), seen %s (exit %d: / has entries or cannot be read); ours has %d",
	    kc_describe_status(&si, buf, sizeof(buf)), KC_CHILD_FAILED, ours);
	/* Our own mount namespace is untouched. */
	KC_CHECK_EQ(ours, root_entries());
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, clone3_v71__autoreap);
	ATF_TP_ADD_TC(tp, clone3_v71__nnp);
	ATF_TP_ADD_TC(tp, clone3_v71__pidfd_autokill);
	ATF_TP_ADD_TC(tp, clone3_v71__empty_mntns);

	return (atf_no_error());
}
