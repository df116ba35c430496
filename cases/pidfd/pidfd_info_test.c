/* SPDX-License-Identifier: BSD-2-Clause */
/* ioctl(PIDFD_GET_INFO) (6.13): identity and credentials, exit info (6.15). */
#include <sys/ioctl.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
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
	ATF_CHECK_MSG((info.mask & (PIDFD_INFO_PID | PIDFD_INFO_CREDS)) ==
	    (PIDFD_INFO_PID | PIDFD_INFO_CREDS), "mask %#llx lacks PID|CREDS",
	    (unsigned long long)info.mask);
	ATF_CHECK_EQ_MSG((uint32_t)c.pid, info.pid, "pid %u, child %d", info.pid, (int)c.pid);
	ATF_CHECK_EQ_MSG((uint32_t)c.pid, info.tgid, "tgid %u, child %d", info.tgid, (int)c.pid);
	ATF_CHECK_EQ_MSG((uint32_t)getpid(), info.ppid, "ppid %u, us %d", info.ppid,
	    (int)getpid());
	ATF_CHECK_EQ_MSG((uint32_t)getuid(), info.ruid, "ruid %u", info.ruid);
	ATF_CHECK_EQ_MSG((uint32_t)geteuid(), info.euid, "euid %u", info.euid);
	ATF_CHECK_EQ_MSG((uint32_t)getgid(), info.rgid, "rgid %u", info.rgid);
	ATF_CHECK_EQ_MSG((uint32_t)getegid(), info.egid, "egid %u", info.egid);
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
	ATF_CHECK_EQ_MSG((uint32_t)getpid(), info.pid, "pid %u", info.pid);
	ATF_CHECK_EQ_MSG((uint32_t)getppid(), info.ppid, "ppid %u", info.ppid);
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
	char why[256];
	int fd, r, e;

	kc_require_pidfd_get_info(tc);
	kc_kfact_describe(KC_KF_PIDFD_INFO_EXIT, why, sizeof(why));
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
		ATF_CHECK_MSG(r == -1 && e == ESRCH, "expected ESRCH, got %d %s (%s)", r,
		    r == -1 ? kc_errname(e) : "", why);
	} else {
		ATF_REQUIRE_MSG(r == 0, "PIDFD_GET_INFO(PIDFD_INFO_EXIT): %s (%s)",
		    kc_errname(e), why);
		ATF_CHECK_MSG(info.mask & PIDFD_INFO_EXIT, "mask %#llx lacks PIDFD_INFO_EXIT",
		    (unsigned long long)info.mask);
		ATF_CHECK_MSG(WIFEXITED(info.exit_code) && WEXITSTATUS(info.exit_code) == 37,
		    "exit_code %#x is not 'exited 37'", info.exit_code);
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

/* A size below PIDFD_INFO_SIZE_VER0: EINVAL before 6.18, ENOTTY from 6.18. */
KC_CASE(pidfd_info__short_size,
    "PIDFD_GET_INFO with a size below 64 fails as the kernel-facts table says")
{
	char buf[32], why[256];
	int fd, r, e, want;

	kc_require_pidfd_get_info(tc);
	kc_kfact_describe(KC_KF_PIDFD_INFO_ENOTTY_SIZE, why, sizeof(why));
	want = kc_kfact(KC_KF_PIDFD_INFO_ENOTTY_SIZE) ? ENOTTY : EINVAL;
	fd = kc_pidfd_open_or_fail(getpid());
	memset(buf, 0, sizeof(buf));
	r = ioctl(fd, _IOWR(PIDFS_IOCTL_MAGIC, 11, char[32]), buf);
	e = errno;
	RL(close(fd));
	ATF_CHECK_MSG(r == -1 && e == want, "expected %s, got %d %s (%s)", kc_errname(want),
	    r, r == -1 ? kc_errname(e) : "", why);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, pidfd_info__child_fields);
	ATF_TP_ADD_TC(tp, pidfd_info__self);
	ATF_TP_ADD_TC(tp, pidfd_info__exit_after_reap);
	ATF_TP_ADD_TC(tp, pidfd_info__reaped_esrch);
	ATF_TP_ADD_TC(tp, pidfd_info__short_size);

	return (atf_no_error());
}
