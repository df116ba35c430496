/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Run-time probes: skip the current case, with a reason naming the syscall and
 * the cause, when a feature is absent here; fail it when the probe shows the
 * feature present but broken.  Each judges its outcome against the feature's
 * floor in the kernel-facts table (kc_require_kfeature): ENOSYS skips, the
 * row's absence errno skips below the floor and fails at or above it.
 * Policy helpers: they call ATF.
 */
#ifndef LIB_KC_PROBE_H
#define LIB_KC_PROBE_H

void kc_require_pidfd_open(void);	/* pidfd_open(2): ENOSYS -> skip */
void kc_require_pidfd_send_signal(void);/* pidfd_send_signal(2): ENOSYS -> skip */
void kc_require_pidfd_getfd(void);	/* pidfd_getfd(2): ENOSYS -> skip */
void kc_require_waitid_pidfd(void);	/* waitid(P_PIDFD) (5.4): EINVAL below the floor */
void kc_require_clone3(void);		/* clone3(2): ENOSYS -> skip; EPERM -> fail */
void kc_require_vfork_clone(void);	/* lib/arch stub present for this arch */
void kc_require_pidfd_nonblock(void);	/* PIDFD_NONBLOCK (5.10): EINVAL below the floor */
void kc_require_root(void);		/* euid 0, else skip */

#endif /* LIB_KC_PROBE_H */
