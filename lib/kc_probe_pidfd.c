/* SPDX-License-Identifier: BSD-2-Clause */
/* Probes for cases/pidfd (see kc_probe_pidfd.h). */
#include <sys/ioctl.h>

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_child.h"
#include "kc_known.h"
#include "kc_macros.h"
#include "kc_pidfd.h"
#include "kc_probe.h"
#include "kc_probe_pidfd.h"
#include "kc_sys.h"

void
kc_require_clone_pidfd_consistent(const atf_tc_t *tc)
{
	int pidfd = -1, e, open_fd;
	long pid;

	pid = kc_clone_raw(CLONE_PIDFD | SIGCHLD, NULL, &pidfd, NULL, 0);
	if (pid == 0)
		_exit(0);
	e = errno;
	if (pid == -1 && e == ENOSYS)
		atf_tc_skip("clone(2): ENOSYS");
	kc_known_expect_fail("qemu_clone_pidfd_einval", kc_qemu_user_version(tc));
	ATF_REQUIRE_MSG(pid > 0, "clone(CLONE_PIDFD|SIGCHLD) probe: %s; a conforming "
	    "kernel ignores the bit (< 5.2) or returns a pidfd", kc_errname(e));
	atf_tc_expect_pass();
	kc_require_exit((pid_t)pid, 0);
	if (pidfd != -1) {
		RL(close(pidfd));
		return;
	}
	open_fd = kc_pidfd_open(getpid(), 0);
	if (open_fd == -1 && errno == ENOSYS)
		atf_tc_skip("clone(2) CLONE_PIDFD: ignored, slot untouched, and "
		    "pidfd_open(2): ENOSYS (kernel < 5.2)");
	if (open_fd >= 0)
		RL(close(open_fd));
	atf_tc_fail("clone(2) ignored CLONE_PIDFD (slot left at -1) although "
	    "pidfd_open(2) is present (%s): CLONE_PIDFD (5.2) predates it (5.3)",
	    open_fd >= 0 ? "works" : kc_errname(errno));
}

void
kc_require_pidfd_get_info(void)
{
	struct kc_pidfd_info info;
	int fd, r, e;

	kc_require_pidfd_open();
	fd = kc_pidfd_open(getpid(), 0);
	RL(fd);
	memset(&info, 0, sizeof(info));
	r = ioctl(fd, KC_PIDFD_GET_INFO, &info);
	e = errno;
	RL(close(fd));
	if (r == -1 && e == ENOTTY)
		atf_tc_skip("ioctl(PIDFD_GET_INFO): ENOTTY (kernel < 6.13)");
	ATF_REQUIRE_MSG(r == 0, "ioctl(PIDFD_GET_INFO) probe on pidfd_open(self): %s",
	    kc_errname(e));
}

void
kc_skip_if_waitid_pidfd_absent(int r, int e)
{
	if (r == -1 && e == ENOSYS)
		atf_tc_skip("waitid(2) P_PIDFD: ENOSYS");
	if (r == -1 && e == EINVAL)
		kc_require_waitid_pidfd();	/* skips below 5.4, fails above */
}
