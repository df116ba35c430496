/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Probes for cases/pidfd beyond lib/kc_probe.h: skip with the cause when a
 * feature is absent here, fail when it is present but inconsistent.  Policy
 * helpers: they call ATF.
 */
#ifndef LIB_KC_PROBE_PIDFD_H
#define LIB_KC_PROBE_PIDFD_H

#include <atf-c.h>

/*
 * clone(CLONE_PIDFD|SIGCHLD), fork-like, through the raw call: skip when
 * clone is ENOSYS, or when the slot is left untouched (the bit ignored) on a
 * kernel below the floor of CLONE_PIDFD (5.2, kernel-facts row clone_pidfd);
 * an untouched slot at or above it, or any error, fails.  qemu-user's
 * EINVAL is an expected failure by version.
 */
void kc_require_clone_pidfd_consistent(const atf_tc_t *tc);

/*
 * PIDFD_GET_INFO (6.13) on a pidfd of ourselves, judged against its floor
 * (ENOTTY or EINVAL below 6.13 skips, at or above fails; ENOSYS fails: the
 * ioctl exists).  Under qemu-user the known rows qemu_pidfd_get_info_* make
 * the failure an expected one, scoped by qemu version.
 */
void kc_require_pidfd_get_info(const atf_tc_t *tc);

/*
 * After a waitid(P_PIDFD) that returned r with errno e: skip when that
 * outcome means waitid(P_PIDFD) is absent (ENOSYS; EINVAL on a kernel
 * < 5.4), fail on EINVAL at or above 5.4 (kernel-facts row
 * waitid_p_pidfd); otherwise return.
 */
void kc_skip_if_waitid_pidfd_absent(int r, int e);

#endif /* LIB_KC_PROBE_PIDFD_H */
