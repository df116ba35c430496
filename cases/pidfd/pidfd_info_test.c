/* SPDX-License-Identifier: BSD-2-Clause */
/* ioctl(PIDFD_GET_INFO) (6.13): identity and credentials, exit info (6.15). */
#include <sys/ioctl.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
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
#include "kc_probe_pidfd.h"
#include "kc_sys.h"
#include "kc_userns.h"

/* pid, tgid, ppid and the credentials of a live child. */
KC_CASE(pidfd_info__child_fields,
    "PIDFD_GET_INFO on a live child reports its pid, tgid, ppid and credentials")
{
	struct kc_pidfd_info info;
	struct kc_held c;
	int fd;

	kc_require_pidfd_get_info(tc);
	kc_held_spawn(&c, 0);
	fd = kc_pidfd_open_or_fail(c.pid);
	memset(&info, 0, sizeof(info));
	info.mask = PIDFD_INFO_CREDS;
	RL(ioctl(fd, KC_PIDFD_GET_INFO, &info));
	kc_held_release(&c);
	kc_require_exit(c.pid, 0);
	RL(close(fd));
	KC_CHECK_BITS(info.mask, PIDFD_INFO_PID | PIDFD_INFO_CREDS);
	KC_CHECK_EQ((uint32_t)c.pid, info.pid);
	KC_CHECK_EQ((uint32_t)c.pid, info.tgid);
	KC_CHECK_EQ((uint32_t)getpid(), info.ppid);
	KC_CHECK_EQ((uint32_t)getuid(), info.ruid);
	KC_CHECK_EQ((uint32_t)geteuid(), info.euid);
	KC_CHECK_EQ((uint32_t)getgid(), info.rgid);
	KC_CHECK_EQ((uint32_t)getegid(), info.egid);
}

/* Our own pidfd: our pid and our parent. */
KC_CASE(pidfd_info__self, "PIDFD_GET_INFO on our own pidfd reports our pid and ppid")
{
	struct kc_pidfd_info info;
	int fd;

	kc_require_pidfd_get_info(tc);
	fd = kc_pidfd_open_or_fail(getpid());
	memset(&info, 0, sizeof(info));
	RL(ioctl(fd, KC_PIDFD_GET_INFO, &info));
	RL(close(fd));
	KC_CHECK_EQ((uint32_t)getpid(), info.pid);
	KC_CHECK_EQ((uint32_t)getppid(), info.ppid);
}

/*
 * After the reap, PIDFD_INFO_EXIT returns the wait status from 6.15; before,
 * a reaped process gives ESRCH (kernel-facts row pidfd_get_info_exit).
 */
KC_CASE(pidfd_info__exit_after_reap,
    "PIDFD_GET_INFO with PIDFD_INFO_EXIT after the reap behaves as the kernel-facts table says")
{
	struct kc_pidfd_info info;
	struct kc_held c;
	int fd, r, e;

	kc_require_pidfd_get_info(tc);
	kc_held_spawn(&c, 37);
	fd = kc_pidfd_open_or_fail(c.pid);
	kc_held_release(&c);
	kc_require_exit(c.pid, 37);
	memset(&info, 0, sizeof(info));
	info.mask = PIDFD_INFO_EXIT;
	r = ioctl(fd, KC_PIDFD_GET_INFO, &info);
	e = errno;
	RL(close(fd));
	if (!kc_kfact(KC_KF_PIDFD_INFO_EXIT)) {
		KC_CHECK_ERR_KF(KC_KF_PIDFD_INFO_EXIT, ESRCH, r, e);
	} else {
		KC_REQUIRE_OK_KF(KC_KF_PIDFD_INFO_EXIT, r, e);
		KC_CHECK_BITS_KF(KC_KF_PIDFD_INFO_EXIT, info.mask, PIDFD_INFO_EXIT);
		/* The wait status of "exited 37". */
		KC_CHECK_EQ_HEX_KF(KC_KF_PIDFD_INFO_EXIT, 37 << 8, info.exit_code);
	}
}

/* Without PIDFD_INFO_EXIT a reaped process has no info: ESRCH. */
KC_CASE(pidfd_info__reaped_esrch,
    "PIDFD_GET_INFO without PIDFD_INFO_EXIT on a reaped child fails with ESRCH")
{
	struct kc_pidfd_info info;
	struct kc_held c;
	int fd;

	kc_require_pidfd_get_info(tc);
	kc_held_spawn(&c, 0);
	fd = kc_pidfd_open_or_fail(c.pid);
	kc_held_release(&c);
	kc_require_exit(c.pid, 0);
	memset(&info, 0, sizeof(info));
	info.mask = PIDFD_INFO_CREDS;
	KC_CHECK_ERRNO(ESRCH, ioctl(fd, KC_PIDFD_GET_INFO, &info));
	RL(close(fd));
}

/* A size below PIDFD_INFO_SIZE_VER0: EINVAL before 6.18 (stable 6.17.4),
 * ENOTTY from then on (kernel-facts row pidfd_get_info_enotty_size). */
KC_CASE(pidfd_info__short_size,
    "PIDFD_GET_INFO with a size below 64 fails as the kernel-facts table says")
{
	char buf[32];
	int fd, r, e, want;

	kc_require_pidfd_get_info(tc);
	want = kc_kfact(KC_KF_PIDFD_INFO_ENOTTY_SIZE) ? ENOTTY : EINVAL;
	fd = kc_pidfd_open_or_fail(getpid());
	memset(buf, 0, sizeof(buf));
	r = ioctl(fd, _IOWR(PIDFS_IOCTL_MAGIC, 11, char[32]), buf);
	e = errno;
	RL(close(fd));
	KC_CHECK_ERR_KF(KC_KF_PIDFD_INFO_ENOTTY_SIZE, want, r, e);
}

/* struct pidfd_info up to PIDFD_INFO_SIZE_VER3 (the 7.2 uapi header). */
struct info_ver3 {
	struct kc_pidfd_info	v0;
	uint32_t		coredump_mask, coredump_signal, coredump_code, coredump_pad;
	uint64_t		supported_mask;
};

/*
 * supported_mask (the last field of the 88-byte struct): the PIDFD_INFO_*
 * flags the kernel supports, set from 7.1 (0xff: PID ... COREDUMP_CODE),
 * 0 on 6.16-7.0 (kernel-facts row pidfd_info_supported_mask; FACTS-kernel
 * §6).  The 88-byte request itself is accepted wherever PIDFD_GET_INFO is.
 */
KC_CASE(pidfd_info__supported_mask,
    "PIDFD_GET_INFO (88 bytes) supported_mask as the kernel-facts table says: 0xff from 7.1, "
    "0 before")
{
	struct info_ver3 info;
	int fd, r, e;

	_Static_assert(sizeof(info) == PIDFD_INFO_SIZE_VER3, "struct pidfd_info VER3 is 88 bytes");
	kc_require_pidfd_get_info(tc);
	fd = kc_pidfd_open_or_fail(getpid());
	memset(&info, 0, sizeof(info));
	info.v0.mask = PIDFD_INFO_SUPPORTED_MASK;
	r = ioctl(fd, _IOWR(PIDFS_IOCTL_MAGIC, 11, struct info_ver3), &info);
	e = errno;
	RL(close(fd));
	KC_REQUIRE_OK_KF(KC_KF_PIDFD_INFO_SUPPORTED_MASK, r, e);
	if (kc_kfact(KC_KF_PIDFD_INFO_SUPPORTED_MASK)) {
		KC_CHECK_BITS_KF(KC_KF_PIDFD_INFO_SUPPORTED_MASK, info.v0.mask,
		    (uint64_t)PIDFD_INFO_SUPPORTED_MASK);
		KC_CHECK_BITS_KF(KC_KF_PIDFD_INFO_SUPPORTED_MASK, info.supported_mask,
		    (uint64_t)0xff);
	} else
		KC_CHECK_EQ_HEX_KF(KC_KF_PIDFD_INFO_SUPPORTED_MASK, (uint64_t)0, info.supported_mask);
}

/* What the probes of pidfd_info__sibling_pidns saw. */
struct sibling_result {
	int		clone_err;	/* clone(CLONE_NEWPID) failed with this; else 0 */
	int		ctl_r, ctl_err;	/* PIDFD_GET_INFO from the parent namespace */
	uint32_t	ctl_pid;
	int		r, err;		/* PIDFD_GET_INFO from the sibling namespace */
};

/* Raw fork-like clone into a new pid namespace; -1 and errno. */
static pid_t
clone_newpid(void)
{
	return ((pid_t)kc_clone_raw(CLONE_NEWPID | SIGCHLD, NULL, NULL, NULL, 0));
}

/*
 * In the namespace-capable child (kc_userns_run): T, pid 1 of a new pid
 * namespace, holds on a pipe; we open its pidfd (our namespace sees T) and
 * query it; Q, pid 1 of a second new namespace (a sibling of T's), inherits
 * that pidfd and queries it, where T has no pid.  Both report through
 * `report`; T and Q are reaped here.
 */
static int
sibling_child(void *arg)
{
	struct sibling_result res;
	struct kc_pidfd_info info;
	int report = *(int *)arg, hold[2], tfd, st;
	pid_t t, q;

	memset(&res, 0, sizeof(res));
	KC_CHILD_REQUIRE(pipe2(hold, O_CLOEXEC) == 0);
	t = clone_newpid();
	if (t == 0) {
		char c;

		(void)close(hold[1]);
		(void)read(hold[0], &c, 1);
		_exit(0);
	}
	if (t == -1) {
		res.clone_err = errno;
		KC_CHILD_REQUIRE(write(report, &res, sizeof(res)) == (ssize_t)sizeof(res));
		return (0);
	}
	(void)close(hold[0]);
	tfd = kc_pidfd_open(t, 0);
	KC_CHILD_REQUIRE(tfd >= 0);
	memset(&info, 0, sizeof(info));
	res.ctl_r = ioctl(tfd, KC_PIDFD_GET_INFO, &info);
	res.ctl_err = errno;
	res.ctl_pid = info.pid;
	q = clone_newpid();
	if (q == 0) {
		memset(&info, 0, sizeof(info));
		res.r = ioctl(tfd, KC_PIDFD_GET_INFO, &info);
		res.err = errno;
		_exit(write(report, &res, sizeof(res)) == (ssize_t)sizeof(res) ? 0 :
		    KC_CHILD_FAILED);
	}
	if (q == -1)
		res.clone_err = errno;
	(void)close(hold[1]);
	KC_CHILD_REQUIRE(waitpid(t, &st, 0) == t && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	if (q == -1) {
		KC_CHILD_REQUIRE(write(report, &res, sizeof(res)) == (ssize_t)sizeof(res));
		return (0);
	}
	KC_CHILD_REQUIRE(waitpid(q, &st, 0) == q && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	(void)close(tfd);
	return (0);
}

/*
 * PIDFD_GET_INFO on a pidfd of a process that has no pid in the caller's
 * pid namespace (a sibling namespace): ESRCH before, EREMOTE from 7.0
 * (6.18.14, 6.19.10) (kernel-facts row pidfd_get_info_eremote).  The same
 * pidfd queried from the parent namespace works and names the process.
 * A new pid namespace needs CAP_SYS_ADMIN: root has it, other users get it
 * in a user namespace of their own.
 */
KC_CASE(pidfd_info__sibling_pidns,
    "PIDFD_GET_INFO from a sibling pid namespace fails as the kernel-facts table says")
{
	struct sibling_result res;
	const char *how = geteuid() != 0 ? " in a user namespace" : "";
	int rep[2], r, want;
	ssize_t n;

	kc_require_pidfd_get_info(tc);
	RL(pipe2(rep, O_CLOEXEC));
	r = kc_userns_run(KC_USERNS_IF_UNPRIVILEGED, sibling_child, &rep[1]);
	RL(close(rep[1]));
	n = read(rep[0], &res, sizeof(res));
	RL(close(rep[0]));
	KC_REQUIRE_EQ(0, r);
	KC_REQUIRE_EQ((ssize_t)sizeof(res), n);
	if (res.clone_err == EPERM || res.clone_err == ENOSPC || res.clone_err == EUSERS)
		atf_tc_skip("clone(CLONE_NEWPID)%s: %s", how, kc_errname(res.clone_err));
	ATF_REQUIRE_MSG(res.clone_err == 0, "clone(CLONE_NEWPID)%s: %s", how,
	    kc_errname(res.clone_err));
	KC_CHECK_OK(res.ctl_r, res.ctl_err);
	KC_CHECK_NE((uint32_t)0, res.ctl_pid);
	want = kc_kfact(KC_KF_PIDFD_INFO_EREMOTE) ? EREMOTE : ESRCH;
	KC_CHECK_ERR_KF(KC_KF_PIDFD_INFO_EREMOTE, want, res.r, res.err);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, pidfd_info__child_fields);
	ATF_TP_ADD_TC(tp, pidfd_info__self);
	ATF_TP_ADD_TC(tp, pidfd_info__exit_after_reap);
	ATF_TP_ADD_TC(tp, pidfd_info__reaped_esrch);
	ATF_TP_ADD_TC(tp, pidfd_info__short_size);
	ATF_TP_ADD_TC(tp, pidfd_info__supported_mask);
	ATF_TP_ADD_TC(tp, pidfd_info__sibling_pidns);

	return (atf_no_error());
}
