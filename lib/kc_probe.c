/* SPDX-License-Identifier: BSD-2-Clause */
/* Run-time probes (see kc_probe.h).  Absent: skip with the cause.  Broken: fail. */
#include <sys/utsname.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_child.h"
#include "kc_macros.h"
#include "kc_probe.h"
#include "kc_sys.h"
#include "kc_version.h"

static void
kc_probe_unexpected(const char *what, int err)
{
	atf_tc_fail("%s probe: unexpected %s (%s)", what, kc_errname(err), strerror(err));
}

void
kc_require_pidfd_open(void)
{
	int fd;

	fd = kc_pidfd_open(getpid(), 0);
	if (fd == -1 && errno == ENOSYS)
		atf_tc_skip("pidfd_open(2): ENOSYS");
	if (fd == -1)
		kc_probe_unexpected("pidfd_open(getpid(), 0)", errno);
	RL(close(fd));
}

void
kc_require_pidfd_send_signal(void)
{
	/* fd -1 is EBADF when the syscall exists. */
	if (kc_pidfd_send_signal(-1, 0, NULL, 0) == -1) {
		if (errno == ENOSYS)
			atf_tc_skip("pidfd_send_signal(2): ENOSYS");
		if (errno != EBADF)
			kc_probe_unexpected("pidfd_send_signal(-1, 0)", errno);
		return;
	}
	atf_tc_fail("pidfd_send_signal(-1, 0) probe succeeded");
}

void
kc_require_pidfd_getfd(void)
{
	if (kc_pidfd_getfd(-1, 0, 0) == -1) {
		if (errno == ENOSYS)
			atf_tc_skip("pidfd_getfd(2): ENOSYS");
		if (errno != EBADF)
			kc_probe_unexpected("pidfd_getfd(-1, 0, 0)", errno);
		return;
	}
	atf_tc_fail("pidfd_getfd(-1, 0, 0) probe succeeded");
}

void
kc_require_waitid_pidfd(void)
{
	siginfo_t si;
	int fd, r, e;

	/* A non-pidfd fd: EBADF where P_PIDFD exists (5.4), EINVAL before. */
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	ATF_REQUIRE_MSG(fd >= 0, "open /dev/null: %s", strerror(errno));
	r = kc_waitid(P_PIDFD, fd, &si, WEXITED | WNOHANG, NULL);
	e = errno;
	RL(close(fd));
	if (r == -1 && e == ENOSYS)
		atf_tc_skip("waitid(2) P_PIDFD: ENOSYS");
	if (r == -1 && e == EINVAL) {
		struct kc_version v54 = { { 5, 4, 0 }, 2 };

		if (kc_version_cmp(kc_kernel_version(), &v54) < 0)
			atf_tc_skip("waitid(2) P_PIDFD: EINVAL (kernel < 5.4)");
		atf_tc_fail("waitid(2) P_PIDFD: EINVAL on a kernel >= 5.4");
	}
	if (r == -1 && e == EBADF)
		return;
	atf_tc_fail("waitid(P_PIDFD, /dev/null) probe: expected EBADF, got %d %s", r,
	    r == -1 ? kc_errname(e) : "");
}

void
kc_require_clone3(void)
{
	struct kc_clone_args args;
	long r;

	/* exit_signal -1 is always EINVAL where clone3 exists (kselftest probe). */
	memset(&args, 0, sizeof(args));
	args.exit_signal = (uint64_t)-1;
	r = kc_clone3(&args, CLONE_ARGS_SIZE_VER0);
	if (r == 0)
		_exit(KC_CHILD_FAILED);
	if (r > 0) {
		kc_require_exit((pid_t)r, KC_CHILD_FAILED);
		atf_tc_fail("clone3 probe with exit_signal -1 created a child");
	}
	if (errno == ENOSYS)
		atf_tc_skip("clone3(2): ENOSYS");
	if (errno == EPERM)
		atf_tc_fail("clone3(2): EPERM where ENOSYS or EINVAL was due "
		    "(breaks glibc's clone3->clone fallback: moby#42680)");
	if (errno != EINVAL)
		kc_probe_unexpected("clone3(exit_signal=-1)", errno);
}

void
kc_require_vfork_clone(void)
{
	struct utsname u;

	if (!kc_vfork_clone_native) {
		uname(&u);
		atf_tc_skip("lib/arch/%s/vfork_clone.S: no stub for this arch", u.machine);
	}
}

void
kc_require_pidfd_nonblock(void)
{
	int fd;

	kc_require_pidfd_open();
	fd = kc_pidfd_open(getpid(), PIDFD_NONBLOCK);
	if (fd == -1 && errno == EINVAL)
		atf_tc_skip("pidfd_open(2) PIDFD_NONBLOCK: EINVAL (kernel < 5.10)");
	ATF_REQUIRE_MSG(fd >= 0, "pidfd_open(PIDFD_NONBLOCK): %s", strerror(errno));
	RL(close(fd));
}

void
kc_require_root(void)
{
	if (geteuid() != 0)
		atf_tc_skip("needs root (euid %d)", (int)geteuid());
}

