/* SPDX-License-Identifier: BSD-2-Clause */
/* Probes for cases/pidfd (see kc_probe_pidfd.h). */
#include <sys/ioctl.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "kc_child.h"
#include "kc_expect.h"
#include "kc_kfacts.h"
#include "kc_known.h"
#include "kc_macros.h"
#include "kc_pidfd.h"
#include "kc_probe.h"
#include "kc_probe_pidfd.h"
#include "kc_pidsrc.h"
#include "kc_sys.h"

void
kc_require_clone_pidfd_consistent(const atf_tc_t *tc)
{
	const struct kc_version *v;
	char floor[64];
	int pidfd = -1, e;
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
	kc_expect_pass();
	kc_require_exit((pid_t)pid, 0);
	if (pidfd != -1) {
		RL(close(pidfd));
		return;
	}
	/* The bit ignored, the slot untouched: absent below the floor (5.2). */
	v = kc_kernel_version();
	kc_kfact_floor(KC_KF_CLONE_PIDFD, floor, sizeof(floor));
	if (!kc_kfact(KC_KF_CLONE_PIDFD))
		atf_tc_skip("clone(2) CLONE_PIDFD: ignored, slot untouched, kernel %d.%d.%d < %s "
		    "(%s: %s)", v->part[0], v->part[1], v->part[2], floor,
		    kc_kfact_row(KC_KF_CLONE_PIDFD)->name, kc_kfact_row(KC_KF_CLONE_PIDFD)->source);
	atf_tc_fail("clone(2) ignored CLONE_PIDFD (slot left at -1) on kernel %d.%d.%d >= %s: "
	    "regression (%s: %s)", v->part[0], v->part[1], v->part[2], floor,
	    kc_kfact_row(KC_KF_CLONE_PIDFD)->name, kc_kfact_row(KC_KF_CLONE_PIDFD)->source);
}

void
kc_require_pidfd_get_info(const atf_tc_t *tc)
{
	struct kc_pidfd_info info;
	const char *qemu = kc_qemu_user_version(tc);
	char why[1024], ns[512];
	int fd, r, e;

	struct kc_held held;

	/* On a pidfd of ourselves, or of a child where pidfd_open is ENOSYS
	 * (Valgrind < 3.21) and the pidfd comes from clone(CLONE_PIDFD). */
	if (kc_pidfd_source(tc, KC_PIDFD_FROM_OPEN | KC_PIDFD_FROM_CLONE) ==
	    KC_PIDFD_FROM_OPEN) {
		held.pid = -1;
		RL(fd = kc_pidfd_open(getpid(), 0));
	} else
		fd = kc_held_spawn_pidfd(&held, 0, KC_PIDFD_FROM_CLONE);
	memset(&info, 0, sizeof(info));
	r = ioctl(fd, KC_PIDFD_GET_INFO, &info);
	e = errno;
	RL(close(fd));
	if (held.pid != -1) {
		kc_held_release(&held);
		kc_require_exit(held.pid, 0);
	}
	/* qemu-user does not pass the ioctl to the kernel (FACTS-environments §8). */
	kc_known_expect_fail("qemu_pidfd_get_info_enosys", qemu);
	kc_known_expect_fail("qemu_pidfd_get_info_enotty", qemu);
	/* Below 6.13 the absence errno is the 6.11 row's (ENOTTY, then EINVAL):
	 * a skip names that row too. */
	if (kc_kfeature_judge(KC_KF_PIDFD_GET_INFO, kc_kernel_version(),
	    "ioctl(pidfd_open(self), PIDFD_GET_INFO)", r, e, why, sizeof(why)) ==
	    KC_KFEATURE_ABSENT && e != ENOSYS)
		atf_tc_skip("%s; %s", why, kc_kfact_describe(KC_KF_PIDFD_NS_IOCTLS, ns,
		    sizeof(ns)));
	kc_require_kfeature(KC_KF_PIDFD_GET_INFO, "ioctl(pidfd_open(self), PIDFD_GET_INFO)", r, e);
	if (kc_known_applies("qemu_pidfd_get_info_enosys", qemu) ||
	    kc_known_applies("qemu_pidfd_get_info_enotty", qemu))
		kc_expect_pass();
}

void
kc_skip_if_waitid_pidfd_absent(int r, int e)
{
	if (r == -1 && (e == ENOSYS || e == EINVAL))
		kc_require_kfeature(KC_KF_WAITID_PIDFD, "waitid(P_PIDFD)", r, e);
}
