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

#include "kc_case.h"
#include "kc_child.h"
#include "kc_kfacts.h"
#include "kc_known.h"
#include "kc_macros.h"
#include "kc_pidfd.h"
#include "kc_probe.h"
#include "kc_sys.h"

void
kc_require_pidfd_open(void)
{
	int fd, e;

	fd = kc_pidfd_open(getpid(), 0);
	e = errno;
	kc_require_kfeature(KC_KF_PIDFD_OPEN, "pidfd_open(getpid(), 0)", fd, e);
	RL(close(fd));
}

/* A call on fd -1 that must be EBADF where the syscall exists. */
static void
kc_require_ebadf_probe(enum kc_kfact kf, const char *what, long r, int e)
{
	if (r != -1)
		atf_tc_fail("%s probe: expected -1 EBADF, seen %ld (success)", what, r);
	kc_require_kfeature(kf, what, e == EBADF ? 0 : -1, e);
}

void
kc_require_pidfd_send_signal(void)
{
	long r = kc_pidfd_send_signal(-1, 0, NULL, 0);

	kc_require_ebadf_probe(KC_KF_PIDFD_SEND_SIGNAL, "pidfd_send_signal(-1, 0)", r, errno);
}

void
kc_require_pidfd_getfd(void)
{
	long r = kc_pidfd_getfd(-1, 0, 0);

	kc_require_ebadf_probe(KC_KF_PIDFD_GETFD, "pidfd_getfd(-1, 0, 0)", r, errno);
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
	kc_require_ebadf_probe(KC_KF_WAITID_PIDFD, "waitid(P_PIDFD, /dev/null)", r, e);
}

void
kc_require_clone3(void)
{
	struct kc_clone_args args;
	const char *q;
	long r;
	int e;

	/* exit_signal -1 is always EINVAL where clone3 exists (kselftest probe). */
	memset(&args, 0, sizeof(args));
	args.exit_signal = (uint64_t)-1;
	r = kc_clone3(&args, CLONE_ARGS_SIZE_VER0);
	if (r == 0)
		_exit(KC_CHILD_FAILED);
	e = errno;
	if (r > 0) {
		kc_require_exit((pid_t)r, KC_CHILD_FAILED);
		atf_tc_fail("clone3 probe with exit_signal -1 created a child");
	}
	if (e == EPERM)
		atf_tc_fail("clone3(2): EPERM where ENOSYS or EINVAL was due "
		    "(breaks glibc's clone3->clone fallback: moby#42680)");
	/* ENOSYS from the emulator, not the kernel: the skip says whose. */
	q = kc_qemu_user_version(kc_case_current());
	if (e == ENOSYS && kc_known_applies("qemu_clone3_enosys", q))
		atf_tc_skip("clone3(2): ENOSYS from qemu-user %s, not the kernel (%s)", q,
		    kc_known("qemu_clone3_enosys")->tracker);
	kc_require_kfeature(KC_KF_CLONE3, "clone3(exit_signal -1)", e == EINVAL ? 0 : -1, e);
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
	int fd, e;

	kc_require_pidfd_open();
	fd = kc_pidfd_open(getpid(), PIDFD_NONBLOCK);
	e = errno;
	kc_require_kfeature(KC_KF_PIDFD_NONBLOCK, "pidfd_open(getpid(), PIDFD_NONBLOCK)", fd, e);
	RL(close(fd));
}

void
kc_require_root(void)
{
	if (geteuid() != 0)
		atf_tc_skip("needs root (euid %d)", (int)geteuid());
}

